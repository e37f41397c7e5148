package dev.kubeward.source.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.model.Resource;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;

/**
 * The fabric8 Kubernetes mock server in CRUD mode (real HTTP, real API paths) with expectations
 * on top (403, 404, 429, 410, paging, slow answers), and a kubeconfig that points at it.
 */
public final class MockCluster implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Kept so that the level holds (java.util.logging keeps loggers weakly). */
    private static final java.util.logging.Logger QUIET = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    static {
        QUIET.setLevel(java.util.logging.Level.WARNING);
    }
    public final KubernetesMockServer server;
    private final NamespacedKubernetesClient client;

    public MockCluster() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                new KubernetesMixedDispatcher(responses), false);
        server.setVersionInfo(new VersionInfo.Builder().withMajor("1").withMinor("31").withGitVersion("v1.31.4").build());
        server.init();
        client = server.createClient();
        serveDiscovery();
    }

    /** Groups beyond the built-in ones that the server says it serves (custom resources), by group. */
    private final Map<String, String> customGroups = new java.util.concurrent.ConcurrentHashMap<>();

    /** API discovery ({@code /apis}) naming the custom groups of the objects created so far. */
    private void serveDiscovery() {
        server.expect().get().withPath("/apis").andReply(200, request -> {
            StringBuilder groups = new StringBuilder();
            customGroups.forEach((group, version) -> groups.append(groups.length() == 0 ? "" : ",")
                    .append("{\"name\":\"").append(group).append("\",\"versions\":[{\"groupVersion\":\"").append(group)
                    .append('/').append(version).append("\",\"version\":\"").append(version)
                    .append("\"}],\"preferredVersion\":{\"groupVersion\":\"").append(group).append('/').append(version)
                    .append("\",\"version\":\"").append(version).append("\"}}"));
            return "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[" + groups + "]}";
        }).always();
    }

    /** Forgets every object and expectation, keeping discovery. */
    public void reset() {
        server.reset();
        customGroups.clear();
        serveDiscovery();
    }

    /**
     * A connection as the commands open one: a kubeconfig file naming this server under
     * {@code context}, resolved by the fabric8 client (retries off, as for a real cluster).
     */
    public ClusterConnection connection(String context, int timeoutSeconds) {
        try {
            Path dir = Files.createTempDirectory("kubeward-kubeconfig");
            dir.toFile().deleteOnExit();
            Path file = kubeconfig(dir, context);
            file.toFile().deleteOnExit();
            return ClusterConnection.open(new ClusterConnection.Target(file.toString(), context, timeoutSeconds));
        } catch (IOException | ClusterConnection.ClusterException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates the object through the API (POST to its collection), as kubectl create would. */
    public void create(Resource r) {
        create(r.object(), r.isNamespaced() ? r.effectiveNamespace() : null);
    }

    public void create(JsonNode object, String namespace) {
        String kind = object.path("kind").asText();
        String apiVersion = object.path("apiVersion").asText();
        ListedKind listed = listed(apiVersion, kind).orElseThrow(() -> new IllegalArgumentException("not listed: " + kind));
        ObjectNode body = object.deepCopy();
        if (namespace != null) {
            ((ObjectNode) body.path("metadata")).put("namespace", namespace);
        }
        if (ListedKind.MESH.contains(listed)) {
            String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
            customGroups.put(listed.group(), version);
            listed = new ListedKind(listed.group(), version, listed.resource(), listed.kind(), listed.namespaced(), false);
        }
        String url = server.url(listed.path(namespace).substring(1));
        try {
            HttpRequest request = client.getHttpClient().newHttpRequestBuilder().uri(url)
                    .post("application/json", MAPPER.writeValueAsString(body)).build();
            HttpResponse<String> response = client.getHttpClient().sendAsync(request, String.class).get();
            if (response.code() >= 300) {
                throw new IllegalStateException("create " + kind + " answered " + response.code() + ": " + response.body());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A request through the API (CRUD mode answers it): the code and the body. */
    public record Answer(int code, String body) {
        public JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(body, e);
            }
        }
    }

    /** {@code method} on {@code path} ({@code /apis/…}) with a JSON body (null for none). */
    public Answer send(String method, String path, JsonNode body) {
        try {
            HttpRequest.Builder b = client.getHttpClient().newHttpRequestBuilder().uri(server.url(path.substring(1)));
            if (body != null) {
                b.method(method, "application/json", MAPPER.writeValueAsString(body));
            } else if (!method.equals("GET")) {
                b.method(method, "application/json", "");
            }
            HttpResponse<String> response = client.getHttpClient().sendAsync(b.build(), String.class).get();
            return new Answer(response.code(), response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The listed kind of an object's apiVersion and kind, any version of the group. */
    public static Optional<ListedKind> listed(String apiVersion, String kind) {
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        return java.util.stream.Stream.concat(ListedKind.DEFAULT.stream(), ListedKind.MESH.stream())
                .filter(k -> k.group().equals(group) && k.kind().equals(kind)).findFirst();
    }

    /** A kubeconfig file whose current context (and the one named) points at this server. */
    public Path kubeconfig(Path dir, String context) throws IOException {
        String yaml = "apiVersion: v1\nkind: Config\nclusters:\n- name: mock\n  cluster:\n    server: " + server.url("/")
                + "\nusers:\n- name: tester\n  user:\n    token: not-a-secret-token\ncontexts:\n- name: " + context
                + "\n  context:\n    cluster: mock\n    user: tester\ncurrent-context: " + context + "\n";
        Path file = dir.resolve("kubeconfig-" + context);
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
