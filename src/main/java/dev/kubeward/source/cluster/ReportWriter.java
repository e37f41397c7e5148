package dev.kubeward.source.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.source.cluster.ClusterConnection.ClusterException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes a set of report objects (kubeward's PolicyReports or openreports.io Reports) to the
 * cluster, as {@code scan --apply} does: each report by server-side apply (one
 * {@code PATCH application/apply-patch+yaml} with {@code fieldManager=kubeward&force=true} per
 * report or chunk, a few at once), then every report of the same set that this run did not write
 * deleted (a stale chunk {@code kubeward-N}, the report of a namespace that no longer exists).
 * The set is found by its labels ({@link Target#selector}), never by name.
 *
 * <p>Idempotent: a result that an existing report already holds keeps that report's
 * {@code timestamp} (the time it was first reported), so a run that finds what the last one found
 * applies exactly the object the server holds, and the API server changes nothing (the
 * resourceVersion stays; {@link Result#changed} counts the reports whose resourceVersion moved).
 *
 * <p>The requests it sends are {@link #grants}: the RBAC a writer needs, derived from here.
 */
public final class ReportWriter {
    public static final String FIELD_MANAGER = "kubeward";
    public static final String APPLY_PATCH = "application/apply-patch+yaml";
    /** Reports applied or deleted at once. */
    static final int CONCURRENCY = 4;
    /** Reports per page when the existing ones are listed (each may be near 1 MB). */
    static final int PAGE = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What is written: the report kinds ({@code group/version}, the namespaced and the cluster
     * resource, their kinds) and the labels that select the reports of this set.
     */
    public record Target(String group, String version, String plural, String kind, String clusterPlural,
            String clusterKind, Map<String, String> selector) {
        String qualified(boolean cluster) {
            return (cluster ? clusterPlural : plural) + "." + group;
        }

        String collection(String namespace, boolean cluster) {
            return "/apis/" + group + "/" + version + (cluster ? "" : namespace == null ? "" : "/namespaces/"
                    + segment(namespace)) + "/" + (cluster ? clusterPlural : plural);
        }

        String labelSelector() {
            List<String> parts = new ArrayList<>();
            selector.forEach((k, v) -> parts.add(k + "=" + v));
            return String.join(",", parts);
        }
    }

    /** One RBAC permission a request needs: verb, API group, resource. */
    public record Grant(String verb, String group, String resource) {}

    /**
     * Every permission {@link #apply} uses: {@code list} (the existing reports of the set),
     * {@code patch} (the server-side apply), {@code create} (a server-side apply of a report that
     * does not exist yet is authorized as a create too), {@code delete} (stale reports); on both
     * the namespaced and the cluster report resource.
     */
    public static List<Grant> grants(Target target) {
        List<Grant> out = new ArrayList<>();
        for (String resource : List.of(target.plural(), target.clusterPlural())) {
            for (String verb : List.of("list", "patch", "create", "delete")) {
                out.add(new Grant(verb, target.group(), resource));
            }
        }
        return out;
    }

    /** What a run did: reports applied, of which changed by the server, and deleted. */
    public record Result(int applied, int changed, int deleted) {}

    /** A write the cluster refused: one sentence for a person, exit code 2. */
    public static final class WriteException extends Exception {
        public WriteException(String message) {
            super(message);
        }
    }

    private final ClusterConnection connection;
    private final Target target;
    private final int timeoutSeconds;

    public ReportWriter(ClusterConnection connection, Target target, int timeoutSeconds) {
        this.connection = connection;
        this.target = target;
        this.timeoutSeconds = timeoutSeconds <= 0 ? 60 : timeoutSeconds;
    }

    /** An existing report: its resourceVersion and the timestamps of its results, by result. */
    private record Existing(String namespace, String name, boolean cluster, String resourceVersion,
            Map<String, Deque<JsonNode>> timestamps) {}

    /**
     * Applies {@code reports} and deletes the set's other reports in the scope.
     *
     * @param namespace null: every namespace and the cluster reports; else that namespace's reports
     *     only (the cluster reports and other namespaces are left as they are, and any report of
     *     {@code reports} outside the namespace is an error of the caller)
     */
    public Result apply(List<ObjectNode> reports, String namespace) throws WriteException, ClusterException {
        Map<String, Existing> existing = new LinkedHashMap<>();
        list(namespace, false, existing);
        if (namespace == null) {
            list(null, true, existing);
        }
        Set<String> written = new LinkedHashSet<>();
        List<ObjectNode> bodies = new ArrayList<>();
        for (ObjectNode report : reports) {
            boolean cluster = isCluster(report);
            String ns = report.path("metadata").path("namespace").asText("");
            if (namespace != null && (cluster || !namespace.equals(ns))) {
                throw new IllegalArgumentException("report outside namespace " + namespace + ": " + key(ns, name(report), cluster));
            }
            String key = key(ns, name(report), cluster);
            if (!written.add(key)) {
                throw new IllegalArgumentException("two reports named " + key);
            }
            ObjectNode body = report.deepCopy();
            Existing old = existing.get(key);
            if (old != null) {
                keepTimestamps(body, old.timestamps());
            }
            bodies.add(body);
        }
        List<Existing> stale = existing.entrySet().stream().filter(e -> !written.contains(e.getKey()))
                .map(Map.Entry::getValue).toList();
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY, r -> {
            Thread t = new Thread(r, "kubeward-report-write");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Boolean>> applied = new ArrayList<>();
            for (ObjectNode body : bodies) {
                Existing old = existing.get(key(body.path("metadata").path("namespace").asText(""), name(body), isCluster(body)));
                applied.add(pool.submit(() -> patch(body, old == null ? null : old.resourceVersion())));
            }
            int changed = 0;
            for (Future<Boolean> f : applied) {
                changed += await(f) ? 1 : 0;
            }
            // Deleted only once every report of this run is in place: a reader never sees fewer.
            List<Future<Boolean>> deletes = new ArrayList<>();
            for (Existing old : stale) {
                deletes.add(pool.submit(() -> delete(old)));
            }
            int deleted = 0;
            for (Future<Boolean> f : deletes) {
                deleted += await(f) ? 1 : 0;
            }
            return new Result(bodies.size(), changed, deleted);
        } finally {
            pool.shutdownNow();
        }
    }

    private boolean isCluster(JsonNode report) {
        return target.clusterKind().equals(report.path("kind").asText());
    }

    private static String name(JsonNode report) {
        return report.path("metadata").path("name").asText();
    }

    private static String key(String namespace, String name, boolean cluster) {
        return (cluster ? "cluster" : "ns:" + namespace) + "/" + name;
    }

    /** A result as it would be compared: everything but its timestamp. */
    private static String resultKey(JsonNode result) {
        ObjectNode copy = ((ObjectNode) result).deepCopy();
        copy.remove("timestamp");
        return copy.toString();
    }

    private static Map<String, Deque<JsonNode>> timestamps(JsonNode report) {
        Map<String, Deque<JsonNode>> out = new HashMap<>();
        for (JsonNode r : report.path("results")) {
            if (r.isObject() && r.has("timestamp")) {
                out.computeIfAbsent(resultKey(r), k -> new ArrayDeque<>()).add(r.get("timestamp"));
            }
        }
        return out;
    }

    /** Each result the old report held keeps the old timestamp (identical results are paired in order). */
    private static void keepTimestamps(ObjectNode report, Map<String, Deque<JsonNode>> old) {
        Map<String, Deque<JsonNode>> left = new HashMap<>();
        old.forEach((k, v) -> left.put(k, new ArrayDeque<>(v)));
        if (report.get("results") instanceof ArrayNode results) {
            for (JsonNode r : results) {
                Deque<JsonNode> ts = r.isObject() ? left.get(resultKey(r)) : null;
                if (ts != null && !ts.isEmpty()) {
                    ((ObjectNode) r).set("timestamp", ts.poll());
                }
            }
        }
    }

    /** Lists the set's reports of one resource into {@code into}. */
    private void list(String namespace, boolean cluster, Map<String, Existing> into) throws WriteException, ClusterException {
        String token = null;
        do {
            String url = base() + target.collection(namespace, cluster) + "?labelSelector="
                    + URLEncoder.encode(target.labelSelector(), StandardCharsets.UTF_8) + "&limit=" + PAGE
                    + (token == null ? "" : "&continue=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
            HttpResponse<String> response = send(builder(url).header("Accept", "application/json"), "list", cluster);
            JsonNode list = parse(response, "list", cluster);
            for (JsonNode item : list.path("items")) {
                JsonNode meta = item.path("metadata");
                String ns = meta.path("namespace").asText("");
                into.put(key(ns, meta.path("name").asText(), cluster), new Existing(ns, meta.path("name").asText(),
                        cluster, meta.path("resourceVersion").asText(""), timestamps(item)));
            }
            token = list.path("metadata").path("continue").asText("");
            token = token.isEmpty() ? null : token;
        } while (token != null);
    }

    /** The server-side apply of one report; whether the server changed it (its resourceVersion moved). */
    private boolean patch(ObjectNode report, String oldVersion) throws WriteException, ClusterException {
        boolean cluster = isCluster(report);
        String url = base() + target.collection(report.path("metadata").path("namespace").asText(null), cluster) + "/"
                + segment(name(report)) + "?fieldManager=" + FIELD_MANAGER + "&force=true";
        String body;
        try {
            body = JSON.writeValueAsString(report);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        // JSON is YAML: the apply patch type takes either.
        HttpResponse<String> response = send(builder(url).header("Accept", "application/json")
                .method("PATCH", APPLY_PATCH, body), "patch", cluster);
        JsonNode answer = parse(response, "apply", cluster);
        return oldVersion == null || !oldVersion.equals(answer.path("metadata").path("resourceVersion").asText(""));
    }

    /** Deletes a stale report; false when it was already gone. */
    private boolean delete(Existing old) throws WriteException, ClusterException {
        String url = base() + target.collection(old.cluster() ? null : old.namespace(), old.cluster()) + "/" + segment(old.name());
        HttpResponse<String> response = send(builder(url).header("Accept", "application/json")
                .delete("application/json", "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\"}"), "delete", old.cluster());
        if (response.code() == 404) {
            return false;
        }
        parse(response, "delete", old.cluster());
        return true;
    }

    private HttpRequest.Builder builder(String url) {
        return connection.client().getHttpClient().newHttpRequestBuilder().uri(url).timeout(timeoutSeconds, TimeUnit.SECONDS);
    }

    private String base() {
        return connection.serverUrl();
    }

    static String segment(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Sends, waiting out 429 as the reader does; a timeout or no connection is a WriteException. */
    private HttpResponse<String> send(HttpRequest.Builder request, String verb, boolean cluster) throws WriteException, ClusterException {
        HttpClient http = connection.client().getHttpClient();
        HttpRequest built = request.build();
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> response;
            try {
                response = http.sendAsync(built, String.class).get(timeoutSeconds + 5L, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new WriteException(connection.sourceName() + ": no answer within " + timeoutSeconds + " s to "
                        + verb + " " + target.qualified(cluster));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClusterException("interrupted while writing the reports");
            } catch (ExecutionException e) {
                throw new ClusterException("cannot reach " + base() + ": " + ClusterReader.reason(e.getCause()));
            }
            if (response.code() != 429 || attempt >= ClusterReader.MAX_THROTTLE_RETRIES) {
                return response;
            }
            try {
                Thread.sleep(ClusterReader.retryAfterSeconds(response.header("Retry-After")) * 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClusterException("interrupted while waiting for the API server");
            }
        }
    }

    /** The answer's JSON on 2xx; else the reason as a sentence. */
    private JsonNode parse(HttpResponse<String> response, String what, boolean cluster) throws WriteException, ClusterException {
        int code = response.code();
        String body = response.body() == null ? "" : response.body();
        if (code >= 200 && code < 300) {
            try {
                JsonNode n = JSON.readTree(body);
                return n == null ? JSON.createObjectNode() : n;
            } catch (IOException e) {
                throw new WriteException(connection.sourceName() + ": unreadable answer to " + what + " "
                        + target.qualified(cluster) + ": " + e.getMessage());
            }
        }
        String message = "";
        try {
            JsonNode status = JSON.readTree(body);
            message = status != null && status.path("message").isTextual() ? status.path("message").asText() : "";
        } catch (IOException ignored) {
            // Not a Status: the code says enough.
        }
        String resource = target.qualified(cluster);
        String said = message.isEmpty() ? "" : ": " + message;
        if (code == 401) {
            throw new ClusterException(connection.sourceName() + ": the credentials were refused (401 Unauthorized)" + said);
        }
        throw switch (code) {
            case 403 -> new WriteException(connection.sourceName() + ": may not " + what + " " + resource
                    + " (403 Forbidden)" + said + "; grant list, create, patch and delete on " + target.plural() + " and "
                    + target.clusterPlural() + " (" + target.group() + "), as deploy/chart does");
            case 404 -> what.equals("list")
                    ? new WriteException(connection.sourceName() + ": the cluster does not serve " + resource
                            + " (404 Not Found): install the " + target.group() + " CRDs")
                    : new WriteException(connection.sourceName() + ": " + what + " " + resource + " answered 404 Not Found" + said);
            case 429 -> new WriteException(connection.sourceName() + ": still throttled (429 Too Many Requests) after "
                    + ClusterReader.MAX_THROTTLE_RETRIES + " retries to " + what + " " + resource);
            default -> new WriteException(connection.sourceName() + ": " + what + " " + resource + " answered HTTP " + code + said);
        };
    }

    private static <T> T await(Future<T> f) throws WriteException, ClusterException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WriteException w) {
                throw w;
            }
            if (e.getCause() instanceof ClusterException c) {
                throw c;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while writing the reports");
        }
    }
}
