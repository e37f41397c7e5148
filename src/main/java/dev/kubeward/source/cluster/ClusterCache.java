package dev.kubeward.source.cluster;

import dev.kubeward.model.Inventory;
import dev.kubeward.model.Resource;
import dev.kubeward.model.WorkloadKinds;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The objects of a live cluster that admission needs besides the object under review, kept by
 * fabric8 informers (one list, then a watch, relisted when the watch breaks, and resynced every
 * {@code resync}): Namespaces (their labels: the Pod Security level, CEL {@code namespaceObject}),
 * ServiceAccounts (token automount) and LimitRanges (container defaults). Every read is from
 * memory: {@link #snapshot} never calls the API server, so a review never waits on it.
 *
 * <p>The snapshot is an {@link Inventory}, immutable once built and shared by concurrent reviews.
 * After a change it is rebuilt on a thread of its own, never on a review's: a review reads the
 * last snapshot built (older than the change by the time one rebuild takes), and a burst of
 * events costs one rebuild, not one per event (one rebuild at most is queued at a time). Objects are read with {@link LiveObjects}: as a list would give them, without status
 * and managed fields.
 */
public final class ClusterCache implements AutoCloseable {

    /** A kind the cache keeps: what the webhook's RBAC must allow to list and watch. */
    public record CachedKind(String group, String resource, String kind) {}

    /** What is cached, in the order of {@code docs/serve.md}'s RBAC rule. */
    public static final List<CachedKind> KINDS = List.of(
            new CachedKind("", "namespaces", "Namespace"),
            new CachedKind("", "serviceaccounts", "ServiceAccount"),
            new CachedKind("", "limitranges", "LimitRange"));

    /** Where the cache's objects come from, as a check's message about an absent one says it. */
    public static final String PLACE = "the cluster";

    private final KubernetesClient client;
    private final KubernetesSerialization serialization;
    private final LiveObjects objects;
    private final WorkloadKinds workloadKinds;
    private final Duration resync;
    private final Clock clock;
    private final Consumer<String> log;
    private final Map<String, Map<String, Resource>> byKind = new LinkedHashMap<>();
    private final List<SharedIndexInformer<? extends HasMetadata>> informers = new ArrayList<>();
    private final AtomicLong changes = new AtomicLong();
    private volatile Snapshot snapshot;
    private final java.util.concurrent.Executor rebuilder;
    private final java.util.concurrent.atomic.AtomicBoolean rebuildQueued = new java.util.concurrent.atomic.AtomicBoolean();
    private final AtomicLong rebuilds = new AtomicLong();
    private volatile Instant inStepAt;
    private volatile boolean synced;

    private record Snapshot(long changes, Inventory inventory) {}

    /**
     * @param connection the cluster (in-cluster service account or a kubeconfig); closed by {@link #close}
     * @param resync how often the informers resync their handlers from their store
     * @param log where a broken watch or an unreadable object is said
     */
    public ClusterCache(ClusterConnection connection, WorkloadKinds workloadKinds, Duration resync, Clock clock,
            Consumer<String> log) {
        this(connection, workloadKinds, resync, clock, log, java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "kubeward-cluster-cache-rebuild");
            t.setDaemon(true);
            return t;
        }));
    }

    /** As above, rebuilding the snapshot on {@code rebuilder} (a test's, to run the rebuilds itself). */
    public ClusterCache(ClusterConnection connection, WorkloadKinds workloadKinds, Duration resync, Clock clock,
            Consumer<String> log, java.util.concurrent.Executor rebuilder) {
        this.rebuilder = rebuilder;
        this.client = connection.client();
        this.serialization = client.getKubernetesSerialization();
        this.objects = new LiveObjects(connection.sourceName());
        this.workloadKinds = workloadKinds;
        this.resync = resync;
        this.clock = clock;
        this.log = log;
        this.inStepAt = clock.instant();
        for (CachedKind k : KINDS) {
            byKind.put(k.kind(), new ConcurrentHashMap<>());
        }
    }

    /**
     * Starts the informers (nothing waits for them: {@link #synced} says when every kind has been
     * listed). Call once.
     */
    public synchronized void start() {
        long every = resync.toMillis();
        informers.add(watch(client.namespaces().runnableInformer(every), "Namespace"));
        informers.add(watch(client.serviceAccounts().inAnyNamespace().runnableInformer(every), "ServiceAccount"));
        informers.add(watch(client.limitRanges().inAnyNamespace().runnableInformer(every), "LimitRange"));
        for (SharedIndexInformer<? extends HasMetadata> informer : informers) {
            informer.start();
        }
    }

    /**
     * What went wrong with a kind's list or watch: how many times, and the last message (null once
     * the kind has been listed since).
     */
    private static final class Failures {
        final AtomicLong count = new AtomicLong();
        volatile String last;
    }

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    /** Objects handed to this cache's handler by kind (adds, readable or not): the informer's list is seen once it reaches its size. */
    private final Map<String, AtomicLong> added = new ConcurrentHashMap<>();

    private <T extends HasMetadata> SharedIndexInformer<T> watch(SharedIndexInformer<T> informer, String kind) {
        Map<String, Resource> store = byKind.get(kind);
        Failures failed = failures.computeIfAbsent(kind, k -> new Failures());
        AtomicLong seen = added.computeIfAbsent(kind, k -> new AtomicLong());
        CachedKind cached = KINDS.stream().filter(k -> k.kind().equals(kind)).findFirst().orElseThrow();
        // fabric8's default gives up on any failure before the first list (a 403, say): the kind
        // would never be listed, even once the RBAC is fixed. Retry always (fabric8 backs off,
        // up to about half a minute), count, and say it once per distinct message.
        informer.exceptionHandler((started, failure) -> {
            failed.count.incrementAndGet();
            String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
            if (!message.equals(failed.last)) {
                log.accept("kubeward serve: cluster cache: cannot " + (started ? "watch " : "list ") + cached.resource()
                        + " (" + kind + "), retrying" + (synced ? "" : "; /readyz stays 503 until every kind is listed")
                        + " (the webhook's RBAC needs list and watch on " + cached.resource() + "): " + message);
            }
            failed.last = message;
            return true;
        });
        informer.addEventHandler(new ResourceEventHandler<T>() {
            @Override
            public void onAdd(T obj) {
                put(store, obj);
                seen.incrementAndGet();
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                put(store, newObj);
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                store.remove(key(obj));
                changed();
            }
        });
        return informer;
    }

    private void put(Map<String, Resource> store, HasMetadata obj) {
        Resource r;
        try {
            r = objects.fromJson(new ByteArrayInputStream(serialization.asJson(obj).getBytes(StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            // Never silently: the object is left out, and said.
            log.accept("kubeward serve: cluster cache: " + obj.getKind() + " " + key(obj) + " cannot be read: " + e.getMessage());
            return;
        }
        Resource before = store.put(key(obj), r);
        if (before == null || !before.object().equals(r.object())) {
            changed(); // a resync delivers the same object again: nothing to rebuild
        } else {
            inStepAt = clock.instant();
        }
    }

    private void changed() {
        changes.incrementAndGet();
        inStepAt = clock.instant();
        if (synced) {
            queueRebuild();
        }
    }

    /** Queues one rebuild of the snapshot unless one is queued already (which will see this change too). */
    private void queueRebuild() {
        if (rebuildQueued.compareAndSet(false, true)) {
            try {
                rebuilder.execute(() -> {
                    rebuildQueued.set(false); // a change from now on queues the next rebuild
                    try {
                        rebuild();
                    } catch (RuntimeException e) {
                        log.accept("kubeward serve: cluster cache: the snapshot could not be rebuilt: " + e);
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                rebuildQueued.set(false);
            }
        }
    }

    /** How many times the snapshot was built (for tests: a burst of changes costs one). */
    public long rebuilds() {
        return rebuilds.get();
    }

    private static String key(HasMetadata obj) {
        String ns = obj.getMetadata().getNamespace();
        return (ns == null ? "" : ns + "/") + obj.getMetadata().getName();
    }

    /** How many times listing or watching a kind failed (each retry counts), for the metrics. */
    public long failures(String kind) {
        Failures f = failures.get(kind);
        return f == null ? 0 : f.count.get();
    }

    /** Whether a kind has been listed (a kind that cannot be, a 403 say, keeps {@link #synced} false). */
    public boolean synced(String kind) {
        List<SharedIndexInformer<? extends HasMetadata>> all;
        synchronized (this) {
            all = List.copyOf(informers);
        }
        for (SharedIndexInformer<? extends HasMetadata> informer : all) {
            if (informer.getApiTypeClass().getSimpleName().equals(kind)) {
                return caughtUp(informer);
            }
        }
        return false;
    }

    /**
     * Whether an informer has listed its kind and this cache's handler has seen what the list gave:
     * fabric8 says an informer has synced once its own store holds the list, and hands the objects
     * to the handlers afterwards, on another thread, so a snapshot built at that moment could lack
     * objects the list returned.
     */
    private boolean caughtUp(SharedIndexInformer<? extends HasMetadata> informer) {
        if (!informer.hasSynced()) {
            return false;
        }
        AtomicLong seen = added.get(informer.getApiTypeClass().getSimpleName());
        return seen != null && seen.get() >= informer.getStore().list().size();
    }

    /** True once every kind has been listed (and stays true: a broken watch relists in the background). */
    public boolean synced() {
        if (synced) {
            return true;
        }
        List<SharedIndexInformer<? extends HasMetadata>> all;
        synchronized (this) {
            all = List.copyOf(informers);
        }
        boolean now = !all.isEmpty() && all.stream().allMatch(this::caughtUp);
        if (now) {
            inStepAt = clock.instant();
            synced = true;
            queueRebuild(); // the first snapshot, unless a review asks for it first
        }
        return now;
    }

    /** Whether every informer's watch is open now. */
    public boolean watching() {
        List<SharedIndexInformer<? extends HasMetadata>> all;
        synchronized (this) {
            all = List.copyOf(informers);
        }
        return !all.isEmpty() && all.stream().allMatch(SharedIndexInformer::isWatching);
    }

    /**
     * How old what the cache knows may be: zero while every watch is open (the cache is as new as
     * the API server's events), else the time since the cache was last seen in step (every watch
     * open, an event received, or the first sync); before the first sync, the time since the cache
     * was made.
     */
    public Duration age() {
        Instant now = clock.instant();
        if (synced() && watching()) {
            inStepAt = now;
            return Duration.ZERO;
        }
        return Duration.between(inStepAt, now);
    }

    /** The objects cached of a kind, for the metrics. */
    public int count(String kind) {
        Map<String, Resource> store = byKind.get(kind);
        return store == null ? 0 : store.size();
    }

    /**
     * The cached objects as an inventory, or null before the first sync (a review then runs
     * without the checks that need it). Never calls the API server, and after the first snapshot
     * never builds one either: a change made since the last rebuild is in the next, already queued.
     */
    public Inventory snapshot() {
        if (!synced()) {
            return null;
        }
        Snapshot s = snapshot;
        return s != null ? s.inventory() : rebuild();
    }

    private synchronized Inventory rebuild() {
        long now = changes.get();
        Snapshot s = snapshot;
        if (s != null && s.changes() == now) {
            return s.inventory();
        }
        List<Resource> all = new ArrayList<>();
        for (Map<String, Resource> store : byKind.values()) {
            all.addAll(store.values());
        }
        // Stable order, whatever the maps' iteration order: kind, namespace, name.
        all.sort(java.util.Comparator.comparing(Resource::kind)
                .thenComparing(r -> r.namespace() == null ? "" : r.namespace()).thenComparing(Resource::name));
        s = new Snapshot(now, new Inventory(all, workloadKinds, PLACE));
        snapshot = s;
        rebuilds.incrementAndGet();
        return s.inventory();
    }

    /** Stops the informers and closes the connection (the cache owns it). */
    @Override
    public synchronized void close() {
        for (SharedIndexInformer<? extends HasMetadata> informer : informers) {
            informer.stop();
        }
        if (rebuilder instanceof java.util.concurrent.ExecutorService own) {
            own.shutdownNow();
        }
        client.close();
    }
}
