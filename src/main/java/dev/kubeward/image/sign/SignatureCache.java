package dev.kubeward.image.sign;

import dev.kubeward.image.oci.Digest;
import dev.kubeward.image.oci.ImageException;
import dev.kubeward.image.oci.RegistryClient;
import dev.kubeward.image.oci.RegistryRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Signature verification of images named by reference, each registry read done once: a reference is
 * resolved to its digest once, the signatures of a digest (in its repository) are read once, and a
 * policy's verdict on them is computed once. Reads run on a fixed pool of threads (the concurrency
 * bound); {@link #verdict} never waits for the registry: what is not read yet is {@link State#PENDING}
 * and its read is started. Entries are bounded in number (least recently used dropped first) and, for
 * a long-running server, expire after a time to live (a tag may move, signatures may be added).
 */
public final class SignatureCache implements AutoCloseable {
    public enum State { VERIFIED, NOT_VERIFIED, UNREADABLE, PENDING }

    /**
     * What is known of an image's signature under one policy.
     *
     * @param digest the digest the reference resolved to (null when not resolved)
     * @param detail why it is not verified, or why it could not be read
     */
    public record Verdict(State state, String digest, String detail) {}

    private record Entry<T>(CompletableFuture<T> future, Instant created) {}

    private final CosignVerifier verifier;
    private final RegistryClient client;
    private final ExecutorService pool;
    private final int maxEntries;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Entry<Digest>> digests;
    private final Map<String, Entry<CosignVerifier.Material>> materials;
    private final Map<String, Verdict> verdicts;
    private final AtomicInteger reads = new AtomicInteger();

    /**
     * @param threads how many registry reads run at once
     * @param maxEntries how many references, digests and verdicts are kept (each)
     * @param ttl how long a reference's digest and a digest's signatures are kept (null: for ever, one scan)
     */
    public SignatureCache(RegistryClient client, int threads, int maxEntries, Duration ttl, Clock clock) {
        this.client = client;
        this.verifier = new CosignVerifier(client);
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "kubeward-signatures-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.maxEntries = maxEntries;
        this.ttl = ttl;
        this.clock = clock;
        this.digests = lru(maxEntries);
        this.materials = lru(maxEntries);
        this.verdicts = lru(maxEntries * 4);
    }

    private static <V> Map<String, V> lru(int max) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > max;
            }
        };
    }

    /** How many registry reads (reference resolutions and signature reads) were started. */
    public int reads() {
        return reads.get();
    }

    /** Starts reading what the reference needs; the future completes when its signatures are known (or unreadable). */
    public CompletableFuture<?> prefetch(String reference) {
        RegistryRef ref;
        try {
            ref = RegistryRef.parse(reference);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(null);
        }
        return digest(ref).thenCompose(d -> material(ref, d)).handle((m, e) -> null);
    }

    /**
     * The verdict on the reference under a policy, never waiting: {@link State#PENDING} (and its read
     * started) while the registry has not answered.
     *
     * @param policyKey names the policy in the cache (the same key, the same policy)
     */
    public Verdict verdict(String reference, String policyKey, SignaturePolicy policy) {
        RegistryRef ref;
        try {
            ref = RegistryRef.parse(reference);
        } catch (IllegalArgumentException e) {
            return new Verdict(State.UNREADABLE, null, "not a registry reference: " + e.getMessage());
        }
        CompletableFuture<Digest> d = digest(ref);
        if (!d.isDone()) {
            return new Verdict(State.PENDING, null, "the digest of " + reference + " is being read");
        }
        Digest digest;
        try {
            digest = d.join();
        } catch (RuntimeException e) {
            return new Verdict(State.UNREADABLE, null, cause(e));
        }
        CompletableFuture<CosignVerifier.Material> m = material(ref, digest);
        if (!m.isDone()) {
            return new Verdict(State.PENDING, digest.toString(), "the signatures of " + digest + " are being read");
        }
        CosignVerifier.Material material;
        try {
            material = m.join();
        } catch (RuntimeException e) {
            return new Verdict(State.UNREADABLE, digest.toString(), cause(e));
        }
        String key = ref.name() + "@" + digest + "\u0000" + policyKey;
        synchronized (verdicts) {
            Verdict v = verdicts.get(key);
            if (v != null) {
                return v;
            }
        }
        CosignVerifier.Result r = verifier.check(material, policy);
        Verdict v = new Verdict(r.verified() ? State.VERIFIED : State.NOT_VERIFIED, digest.toString(), r.failure());
        synchronized (verdicts) {
            verdicts.put(key, v);
        }
        return v;
    }

    private CompletableFuture<Digest> digest(RegistryRef ref) {
        if (ref.digest() != null) {
            return CompletableFuture.completedFuture(ref.digest());
        }
        return cached(digests, ref.toString(), () -> client.manifest(ref).digest());
    }

    private CompletableFuture<CosignVerifier.Material> material(RegistryRef ref, Digest digest) {
        String name = ref.name() + "@" + digest;
        return cached(materials, name, () -> verifier.fetch(name, ref, digest));
    }

    private interface Read<T> {
        T read() throws ImageException;
    }

    private <T> CompletableFuture<T> cached(Map<String, Entry<T>> map, String key, Read<T> read) {
        Instant now = clock.instant();
        synchronized (map) {
            Entry<T> e = map.get(key);
            if (e != null && (ttl == null || !e.future().isDone() || e.created().plus(ttl).isAfter(now))) {
                return e.future();
            }
            CompletableFuture<T> f = new CompletableFuture<>();
            map.put(key, new Entry<>(f, now));
            if (ttl != null && e != null) {
                synchronized (verdicts) {
                    verdicts.keySet().removeIf(k -> k.startsWith(key));
                }
            }
            reads.incrementAndGet();
            try {
                pool.execute(() -> {
                    try {
                        f.complete(read.read());
                    } catch (ImageException | RuntimeException ex) {
                        f.completeExceptionally(ex);
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                f.completeExceptionally(new ImageException(key + ": not read (the verification has ended)"));
            }
            return f;
        }
    }

    private static String cause(Throwable e) {
        while (e.getCause() != null && (e instanceof java.util.concurrent.CompletionException)) {
            e = e.getCause();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** The number of entries kept of each kind, at most. */
    public int maxEntries() {
        return maxEntries;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
