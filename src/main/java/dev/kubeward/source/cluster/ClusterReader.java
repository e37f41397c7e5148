package dev.kubeward.source.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubeward.model.CoverageGap;
import dev.kubeward.model.Resource;
import dev.kubeward.source.cluster.ClusterConnection.ClusterException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads what the checks need from a live cluster: each kind of {@link ListedKind#DEFAULT} (and the
 * mesh kinds the cluster serves), paginated ({@code limit} and every {@code continue} token
 * followed), a few kinds at once, Secrets as metadata alone.
 *
 * <ul>
 *   <li>403 (the identity may not list the kind) and 404 (the server does not serve it) are
 *       {@link CoverageGap}s, as are a kind still throttled after its retries, a timeout and a
 *       server error: the rest of the cluster is still read.</li>
 *   <li>410 Gone (the continue token expired because the list changed between pages) restarts that
 *       kind's list from the first page, up to {@value #MAX_RESTARTS} times.</li>
 *   <li>429 Too Many Requests waits as {@code Retry-After} says (1 s when it says nothing, at most
 *       {@value #MAX_RETRY_AFTER_SECONDS} s), up to {@value #MAX_THROTTLE_RETRIES} times per
 *       request, and tells the {@link Listener}.</li>
 *   <li>401, or a server that cannot be reached at all, stops the read with a {@link ClusterException}.</li>
 * </ul>
 */
public final class ClusterReader {
    static final int MAX_RESTARTS = 3;
    static final int MAX_THROTTLE_RETRIES = 6;
    static final int MAX_RETRY_AFTER_SECONDS = 30;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> CONTROLLER_KINDS = Set.of("ReplicationController", "Deployment", "ReplicaSet",
            "StatefulSet", "DaemonSet", "Job", "CronJob");

    /** What a person may want to see while a large cluster is read; every method has a no-op default. */
    public interface Listener {
        default void listed(ListedKind kind, int objects, int kindsDone, int kindsTotal) {}

        default void throttled(ListedKind kind, long waitSeconds) {}

        default void restarted(ListedKind kind) {}
    }

    /** How the read is done: page size, kinds read at once, seconds per request. */
    public record Options(int pageSize, int concurrency, int requestTimeoutSeconds) {
        public static final Options DEFAULT = new Options(500, 4, 60);
    }

    private final ClusterConnection connection;
    private final Options options;
    private final Listener listener;
    private final LiveObjects objects;
    private final AtomicInteger requests = new AtomicInteger();
    /** Waits for Retry-After; a test replaces it so that throttling costs no time. */
    private final Sleeper sleeper;

    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    public ClusterReader(ClusterConnection connection, Options options, Listener listener) {
        this(connection, options, listener, Thread::sleep);
    }

    ClusterReader(ClusterConnection connection, Options options, Listener listener, Sleeper sleeper) {
        this.connection = connection;
        this.options = options;
        this.listener = listener == null ? new Listener() {} : listener;
        this.objects = new LiveObjects(connection.sourceName());
        this.sleeper = sleeper;
    }

    /** Reads the cluster; {@code namespace} null for all namespaces, else namespaced kinds in that one only. */
    public ClusterSnapshot read(String namespace) throws ClusterException {
        String version = serverVersion();
        List<ListedKind> kinds = new ArrayList<>(ListedKind.DEFAULT);
        List<CoverageGap> gaps = new ArrayList<>();
        kinds.addAll(servedMeshKinds(gaps));
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, options.concurrency()), r -> {
            Thread t = new Thread(r, "kubeward-cluster-read");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger done = new AtomicInteger();
        Map<ListedKind, Future<Listing>> futures = new LinkedHashMap<>();
        try {
            for (ListedKind kind : kinds) {
                futures.put(kind, pool.submit(() -> {
                    Listing l = list(kind, namespace);
                    listener.listed(kind, l.resources.size(), done.incrementAndGet(), kinds.size());
                    return l;
                }));
            }
            List<Resource> all = new ArrayList<>();
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (Map.Entry<ListedKind, Future<Listing>> e : futures.entrySet()) {
                Listing l;
                try {
                    l = e.getValue().get();
                } catch (ExecutionException ex) {
                    if (ex.getCause() instanceof ClusterException ce) {
                        throw ce;
                    }
                    throw new IllegalStateException(ex.getCause());
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    throw new ClusterException("interrupted while reading the cluster");
                }
                String what = e.getKey().qualifiedResource() + (namespace != null && e.getKey().namespaced()
                        ? " in namespace " + namespace : "");
                if (l.gap != null) {
                    gaps.add(new CoverageGap(what, l.gap));
                } else {
                    counts.put(e.getKey().qualifiedResource(), l.resources.size());
                    all.addAll(l.resources);
                }
            }
            List<Resource> topLevel = withoutOwnedCopies(all);
            return new ClusterSnapshot(connection.sourceName(), topLevel, gaps, version, counts,
                    all.size() - topLevel.size(), requests.get());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Leaves out the Pods, ReplicaSets and Jobs whose controlling owner was read too: they are
     * copies of that owner's template, and a finding on each replica would repeat one finding per
     * pod. Bare pods, static control-plane pods (owned by their Node) and objects whose owner
     * could not be read stay.
     */
    static List<Resource> withoutOwnedCopies(List<Resource> all) {
        Set<String> read = new HashSet<>();
        for (Resource r : all) {
            if (CONTROLLER_KINDS.contains(r.kind())) {
                read.add(r.kind() + "/" + r.namespace() + "/" + r.name());
            }
        }
        List<Resource> kept = new ArrayList<>(all.size());
        for (Resource r : all) {
            if (!ownedByRead(r, read)) {
                kept.add(r);
            }
        }
        return kept;
    }

    private static boolean ownedByRead(Resource r, Set<String> read) {
        for (JsonNode owner : r.metadata().path("ownerReferences")) {
            if (owner.path("controller").asBoolean(false)
                    && read.contains(owner.path("kind").asText() + "/" + r.namespace() + "/" + owner.path("name").asText())) {
                return true;
            }
        }
        return false;
    }

    private record Listing(List<Resource> resources, String gap) {}

    /** Every page of one kind, or the reason it could not be read. */
    private Listing list(ListedKind kind, String namespace) throws ClusterException {
        int restarts = 0;
        restart:
        while (true) {
            List<Resource> out = new ArrayList<>();
            String token = null;
            do {
                String url = connection.serverUrl() + kind.path(namespace) + "?limit=" + options.pageSize()
                        + (token == null ? "" : "&continue=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
                HttpResponse<InputStream> response;
                try {
                    response = get(url, kind.metadataOnly() ? ListedKind.METADATA_ONLY_ACCEPT : "application/json", kind);
                } catch (TimeoutRuntime e) {
                    return new Listing(List.of(), e.getMessage());
                }
                if (response == null) {
                    return new Listing(List.of(), "still throttled (429 Too Many Requests) after "
                            + MAX_THROTTLE_RETRIES + " retries");
                }
                int code = response.code();
                try (InputStream body = response.body()) {
                    if (code == 200) {
                        LiveObjects.Page page;
                        try {
                            page = objects.readPage(body, kind, out::add);
                        } catch (IOException e) {
                            return new Listing(List.of(), "unreadable answer: " + e.getMessage());
                        }
                        token = page.continueToken();
                        continue;
                    }
                    String message = statusMessage(body);
                    switch (code) {
                        case 410 -> {
                            if (restarts++ < MAX_RESTARTS) {
                                listener.restarted(kind);
                                continue restart;
                            }
                            return new Listing(List.of(), "the list changed faster than it could be paged (410 Gone "
                                    + MAX_RESTARTS + " times)");
                        }
                        case 401 -> throw new ClusterException(connection.sourceName() + ": the credentials were refused "
                                + "(401 Unauthorized)" + (message.isEmpty() ? "" : ": " + message));
                        case 403 -> {
                            return new Listing(List.of(), "forbidden");
                        }
                        case 404 -> {
                            return new Listing(List.of(), "not served by this cluster");
                        }
                        default -> {
                            return new Listing(List.of(), "HTTP " + code + (message.isEmpty() ? "" : ": " + message));
                        }
                    }
                } catch (IOException e) {
                    return new Listing(List.of(), "unreadable answer: " + e.getMessage());
                }
            } while (token != null);
            return new Listing(out, null);
        }
    }

    /** A GET that honours 429; null when the server still throttles after the retries. */
    private HttpResponse<InputStream> get(String url, String accept, ListedKind kind) throws ClusterException {
        HttpClient http = connection.client().getHttpClient();
        for (int attempt = 0; ; attempt++) {
            HttpRequest request = http.newHttpRequestBuilder().uri(url).header("Accept", accept)
                    .timeout(options.requestTimeoutSeconds(), TimeUnit.SECONDS).build();
            requests.incrementAndGet();
            HttpResponse<InputStream> response;
            try {
                response = http.sendAsync(request, InputStream.class)
                        .get(options.requestTimeoutSeconds() + 5L, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new TimeoutRuntime("no answer within " + options.requestTimeoutSeconds() + " s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClusterException("interrupted while reading the cluster");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof java.net.http.HttpTimeoutException
                        || cause instanceof java.util.concurrent.TimeoutException) {
                    throw new TimeoutRuntime("no answer within " + options.requestTimeoutSeconds() + " s");
                }
                throw new ClusterException("cannot reach " + connection.serverUrl() + ": " + reason(cause));
            }
            if (response.code() != 429) {
                return response;
            }
            closeQuietly(response.body());
            if (attempt >= MAX_THROTTLE_RETRIES) {
                return null;
            }
            long wait = retryAfterSeconds(response.header("Retry-After"));
            listener.throttled(kind, wait);
            try {
                sleeper.sleep(wait * 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClusterException("interrupted while waiting for the API server");
            }
        }
    }

    /** Why a connection failed, as a sentence: the first message in the chain of causes, never a class name. */
    static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException) {
                return "connection refused";
            }
            if (t instanceof java.net.UnknownHostException) {
                return "unknown host" + (t.getMessage() == null ? "" : " " + t.getMessage());
            }
            if (t instanceof javax.net.ssl.SSLException) {
                return "TLS failed" + (t.getMessage() == null ? "" : ": " + t.getMessage());
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return "the connection failed";
    }

    /** Retry-After in seconds (the API server sends seconds), 1 when absent or unreadable, at most the cap. */
    static long retryAfterSeconds(String header) {
        if (header == null) {
            return 1;
        }
        try {
            long s = Long.parseLong(header.strip());
            return Math.max(1, Math.min(MAX_RETRY_AFTER_SECONDS, s));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** A GET outside the lists: no answer in time means the server cannot be read at all. */
    private HttpResponse<InputStream> getOrUnreachable(String url) throws ClusterException {
        try {
            return get(url, "application/json", null);
        } catch (TimeoutRuntime e) {
            throw new ClusterException("cannot reach " + connection.serverUrl() + ": " + e.getMessage());
        }
    }

    /** The API server's version, which sets --kubernetes-version; also the first contact. */
    private String serverVersion() throws ClusterException {
        HttpResponse<InputStream> response = getOrUnreachable(connection.serverUrl() + "/version");
        if (response == null) {
            return null;
        }
        try (InputStream body = response.body()) {
            if (response.code() == 401) {
                throw new ClusterException(connection.sourceName() + ": the credentials were refused (401 Unauthorized)");
            }
            if (response.code() != 200) {
                return null;
            }
            JsonNode v = MAPPER.readTree(body);
            return v.path("gitVersion").isTextual() ? v.path("gitVersion").asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The mesh kinds whose API group the server serves, at the version it prefers. */
    private List<ListedKind> servedMeshKinds(List<CoverageGap> gaps) throws ClusterException {
        HttpResponse<InputStream> response = getOrUnreachable(connection.serverUrl() + "/apis");
        List<ListedKind> served = new ArrayList<>();
        if (response == null) {
            gaps.add(new CoverageGap("service-mesh resources", "API discovery throttled"));
            return served;
        }
        try (InputStream body = response.body()) {
            if (response.code() != 200) {
                gaps.add(new CoverageGap("service-mesh resources", "API discovery answered HTTP " + response.code()));
                return served;
            }
            Map<String, String> preferred = new LinkedHashMap<>();
            for (JsonNode group : MAPPER.readTree(body).path("groups")) {
                preferred.put(group.path("name").asText(), group.path("preferredVersion").path("version").asText());
            }
            for (ListedKind k : ListedKind.MESH) {
                String version = preferred.get(k.group());
                if (version != null && !version.isEmpty()) {
                    served.add(new ListedKind(k.group(), version, k.resource(), k.kind(), k.namespaced(), false));
                }
            }
        } catch (IOException e) {
            gaps.add(new CoverageGap("service-mesh resources", "unreadable API discovery: " + e.getMessage()));
        }
        return served;
    }

    /** The {@code message} of a Status body, or nothing. */
    private static String statusMessage(InputStream body) {
        try {
            byte[] bytes = body.readNBytes(64 * 1024);
            JsonNode status = MAPPER.readTree(bytes);
            return status != null && status.path("message").isTextual() ? status.path("message").asText() : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            if (in != null) {
                in.close();
            }
        } catch (IOException ignored) {
            // The answer was a 429; nothing in it is needed.
        }
    }

    /** A request that got no answer in time: that kind becomes a gap. */
    private static final class TimeoutRuntime extends RuntimeException {
        TimeoutRuntime(String message) {
            super(message);
        }
    }
}
