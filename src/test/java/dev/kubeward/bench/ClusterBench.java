package dev.kubeward.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.kubeward.source.cluster.ClusterConnection;
import dev.kubeward.source.cluster.ClusterReader;
import dev.kubeward.source.cluster.ClusterSnapshot;
import dev.kubeward.source.cluster.ListedKind;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;

/**
 * A cluster of OBJECTS objects (default 50,000) served over loopback HTTP the way the API server
 * serves lists (issue 16: "a cluster of 50,000 objects read and scanned in under 30 s and under
 * 1 GB"): every kind {@link ListedKind#DEFAULT} names, paged by {@code limit} and {@code continue},
 * list items without their own apiVersion and kind, Secrets as {@code PartialObjectMetadataList}
 * (metadata only), {@code /version} and {@code /apis}. The objects are seeded: 500 namespaces (half
 * labelled for Pod Security), each with Deployments and their ReplicaSets and Pods (owned, as
 * controllers create them), StatefulSets, CronJobs, Services, ConfigMaps (some with credentials),
 * Secrets, ServiceAccounts, Roles and RoleBindings, NetworkPolicies and Ingresses; half the
 * workloads hardened, half not; ClusterRoles, ClusterRoleBindings and Nodes cluster-wide.
 *
 * <ul>
 *   <li>{@code ClusterBench serve DIR [OBJECTS] [SEED]} writes {@code DIR/kubeconfig} pointing at the
 *       server and serves until killed (it prints "ready" and the object count when listening);</li>
 *   <li>{@code ClusterBench read KUBECONFIG [RUNS]} times {@link ClusterReader#read} alone, in this
 *       JVM, RUNS times: the reading part of a cluster scan.</li>
 * </ul>
 * bench/cluster-bench.sh runs both and {@code kubeward scan --cluster} end to end.
 */
public final class ClusterBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ClusterBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[0].equals("serve")) {
            serve(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 50_000,
                    args.length > 3 ? Long.parseLong(args[3]) : 42);
        } else if (args.length >= 2 && args[0].equals("read")) {
            read(args[1], args.length > 2 ? Integer.parseInt(args[2]) : 3);
        } else {
            System.err.println("usage: ClusterBench serve DIR [OBJECTS] [SEED] | read KUBECONFIG [RUNS]");
            System.exit(2);
        }
    }

    private static void read(String kubeconfig, int runs) throws Exception {
        for (int i = 1; i <= runs; i++) {
            long t0 = System.nanoTime();
            ClusterSnapshot s;
            try (ClusterConnection c = ClusterConnection.open(new ClusterConnection.Target(kubeconfig, null, 60))) {
                s = new ClusterReader(c, ClusterReader.Options.DEFAULT, null).read(null);
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("read run %d: %,d objects listed (%,d after dropping owned copies) in %,d ms, %d requests, "
                    + "%d gaps%n", i, s.counts().values().stream().mapToInt(Integer::intValue).sum(), s.resources().size(), ms,
                    s.requests(), s.gaps().size());
        }
    }

    // ------------------------------------------------------------------ the cluster

    /** Items per list path (cluster-wide paths only: the scan reads all namespaces), already rendered. */
    static Map<String, List<String>> generate(int objects, long seed) {
        Random rnd = new Random(seed);
        Map<String, List<String>> byKind = new HashMap<>();
        for (ListedKind k : ListedKind.DEFAULT) {
            byKind.put(k.path(null), new ArrayList<>());
        }
        int perNamespace = 100;
        int namespaces = Math.max(1, (objects - 250) / (perNamespace + 1));
        for (int n = 0; n < namespaces; n++) {
            String ns = "team-" + n;
            ObjectNode namespace = meta(ns, null, rnd);
            if (n % 2 == 0) {
                ((ObjectNode) namespace.get("metadata").get("labels")).put("pod-security.kubernetes.io/enforce", "restricted");
            }
            add(byKind, "namespaces", namespace);
            for (int d = 0; d < 15; d++) {
                boolean hardened = rnd.nextBoolean();
                String app = "app-" + d;
                ObjectNode dep = meta(app, ns, rnd);
                ObjectNode spec = dep.putObject("spec");
                spec.put("replicas", 2);
                spec.putObject("selector").putObject("matchLabels").put("app", app);
                spec.set("template", template(app, hardened, rnd));
                add(byKind, "deployments", dep);
                String rsName = app + "-" + Long.toHexString(rnd.nextLong() & 0xffffffffL);
                ObjectNode rs = meta(rsName, ns, rnd);
                owner(rs, "apps/v1", "Deployment", app);
                ObjectNode rsSpec = rs.putObject("spec");
                rsSpec.put("replicas", 2);
                rsSpec.putObject("selector").putObject("matchLabels").put("app", app);
                rsSpec.set("template", template(app, hardened, rnd));
                add(byKind, "replicasets", rs);
                for (int p = 0; p < 2; p++) {
                    ObjectNode pod = meta(rsName + "-" + p, ns, rnd);
                    owner(pod, "apps/v1", "ReplicaSet", rsName);
                    ObjectNode podSpec = (ObjectNode) template(app, hardened, rnd).get("spec");
                    podSpec.put("serviceAccountName", "default");
                    podSpec.put("nodeName", "node-" + rnd.nextInt(50));
                    pod.set("spec", podSpec);
                    pod.putObject("status").put("phase", "Running");
                    add(byKind, "pods", pod);
                }
            }
            ObjectNode sts = meta("db", ns, rnd);
            sts.putObject("spec").put("serviceName", "db").set("template", template("db", false, rnd));
            add(byKind, "statefulsets", sts);
            ObjectNode cron = meta("nightly", ns, rnd);
            ObjectNode cronSpec = cron.putObject("spec");
            cronSpec.put("schedule", "0 3 * * *");
            cronSpec.putObject("jobTemplate").putObject("spec").set("template", template("nightly", true, rnd));
            add(byKind, "cronjobs", cron);
            for (int s = 0; s < 10; s++) {
                ObjectNode svc = meta("svc-" + s, ns, rnd);
                ObjectNode svcSpec = svc.putObject("spec");
                svcSpec.put("type", s == 0 ? "NodePort" : s == 1 ? "LoadBalancer" : "ClusterIP");
                svcSpec.putObject("selector").put("app", "app-" + s);
                svcSpec.putArray("ports").addObject().put("port", 80).put("targetPort", 8080).put("protocol", "TCP");
                add(byKind, "services", svc);
            }
            for (int c = 0; c < 10; c++) {
                ObjectNode cm = meta("config-" + c, ns, rnd);
                ObjectNode data = cm.putObject("data");
                data.put("LOG_LEVEL", "info");
                data.put("settings.yaml", "server:\n  port: 8080\n  threads: " + rnd.nextInt(64) + "\n");
                if (c == 0) {
                    data.put("DB_PASSWORD", "s3cr3t-" + rnd.nextInt(1000));
                }
                add(byKind, "configmaps", cm);
            }
            for (int s = 0; s < 10; s++) {
                ObjectNode secret = meta("secret-" + s, ns, rnd);
                if (s == 0) {
                    ((ObjectNode) secret.get("metadata")).putObject("annotations").put("kubernetes.io/service-account.name", "default");
                }
                add(byKind, "secrets", secret);
            }
            for (String sa : List.of("default", "app", "ci")) {
                add(byKind, "serviceaccounts", meta(sa, ns, rnd));
            }
            for (int r = 0; r < 2; r++) {
                ObjectNode role = meta("role-" + r, ns, rnd);
                ArrayNode rules = role.putArray("rules");
                ObjectNode rule = rules.addObject();
                rule.putArray("apiGroups").add("");
                rule.putArray("resources").add(r == 0 ? "pods" : "secrets");
                rule.putArray("verbs").add("get").add("list").add(r == 1 && n % 7 == 0 ? "*" : "watch");
                add(byKind, "roles", role);
                ObjectNode rb = meta("bind-" + r, ns, rnd);
                rb.putObject("roleRef").put("apiGroup", "rbac.authorization.k8s.io").put("kind", "Role").put("name", "role-" + r);
                rb.putArray("subjects").addObject().put("kind", "ServiceAccount").put("name", r == 0 ? "app" : "ci").put("namespace", ns);
                add(byKind, "rolebindings", rb);
            }
            for (int p = 0; p < 2; p++) {
                ObjectNode np = meta(p == 0 ? "default-deny" : "allow-web", ns, rnd);
                ObjectNode npSpec = np.putObject("spec");
                if (p == 0) {
                    npSpec.putObject("podSelector");
                    npSpec.putArray("policyTypes").add("Ingress").add("Egress");
                } else {
                    npSpec.putObject("podSelector").putObject("matchLabels").put("app", "app-0");
                    npSpec.putArray("ingress").addObject().putArray("ports").addObject().put("port", 8080);
                }
                add(byKind, "networkpolicies", np);
            }
            ObjectNode ing = meta("web", ns, rnd);
            ObjectNode rule = ing.putObject("spec").putArray("rules").addObject();
            rule.put("host", ns + ".example.com");
            rule.putObject("http").putArray("paths").addObject().put("path", "/").put("pathType", "Prefix")
                    .putObject("backend").putObject("service").put("name", "svc-2").putObject("port").put("number", 80);
            add(byKind, "ingresses", ing);
        }
        for (int c = 0; c < 100; c++) {
            ObjectNode cr = meta("custom-" + c, null, rnd);
            ObjectNode r = cr.putArray("rules").addObject();
            r.putArray("apiGroups").add(c % 10 == 0 ? "*" : "apps");
            r.putArray("resources").add(c % 10 == 0 ? "*" : "deployments");
            r.putArray("verbs").add("get").add("list");
            add(byKind, "clusterroles", cr);
            ObjectNode crb = meta("custom-" + c, null, rnd);
            crb.putObject("roleRef").put("apiGroup", "rbac.authorization.k8s.io").put("kind", "ClusterRole").put("name", "custom-" + c);
            crb.putArray("subjects").addObject().put("kind", "ServiceAccount").put("name", "ci").put("namespace", "team-" + c);
            add(byKind, "clusterrolebindings", crb);
        }
        for (int i = 0; i < 50; i++) {
            ObjectNode node = meta("node-" + i, null, rnd);
            node.putObject("status").putObject("nodeInfo").put("kubeletVersion", "v1.31.4");
            add(byKind, "nodes", node);
        }
        return byKind;
    }

    private static void add(Map<String, List<String>> byKind, String resource, ObjectNode object) {
        for (ListedKind k : ListedKind.DEFAULT) {
            if (k.resource().equals(resource)) {
                byKind.get(k.path(null)).add(object.toString());
                return;
            }
        }
        throw new IllegalArgumentException(resource);
    }

    private static ObjectNode meta(String name, String namespace, Random rnd) {
        ObjectNode o = JSON.createObjectNode();
        ObjectNode m = o.putObject("metadata");
        m.put("name", name);
        if (namespace != null) {
            m.put("namespace", namespace);
        }
        m.put("uid", new java.util.UUID(rnd.nextLong(), rnd.nextLong()).toString());
        m.put("resourceVersion", Integer.toString(rnd.nextInt(1_000_000)));
        m.put("creationTimestamp", "2026-11-01T10:00:00Z");
        m.putObject("labels").put("app.kubernetes.io/name", name);
        // What the API server adds and the reader ignores.
        m.putArray("managedFields").addObject().put("manager", "kubectl").put("operation", "Apply")
                .put("apiVersion", "v1").put("fieldsType", "FieldsV1").putObject("fieldsV1").putObject("f:metadata");
        return o;
    }

    private static void owner(ObjectNode o, String apiVersion, String kind, String name) {
        ((ObjectNode) o.get("metadata")).putArray("ownerReferences").addObject().put("apiVersion", apiVersion).put("kind", kind)
                .put("name", name).put("uid", "00000000-0000-0000-0000-000000000000").put("controller", true);
    }

    private static ObjectNode template(String app, boolean hardened, Random rnd) {
        ObjectNode t = JSON.createObjectNode();
        t.putObject("metadata").putObject("labels").put("app", app);
        ObjectNode spec = t.putObject("spec");
        if (hardened) {
            ObjectNode psc = spec.putObject("securityContext");
            psc.put("runAsNonRoot", true);
            psc.putObject("seccompProfile").put("type", "RuntimeDefault");
            spec.put("automountServiceAccountToken", false);
        }
        ArrayNode containers = spec.putArray("containers");
        int n = 1 + rnd.nextInt(2);
        for (int i = 0; i < n; i++) {
            ObjectNode c = containers.addObject();
            c.put("name", i == 0 ? app : "sidecar");
            c.put("image", hardened ? "registry.example.com/" + app + "@sha256:" + "ab".repeat(32) : "nginx:latest");
            c.putArray("ports").addObject().put("containerPort", 8080).put("protocol", "TCP");
            c.putArray("env").addObject().put("name", "MODE").put("value", "prod");
            if (hardened) {
                ObjectNode sc = c.putObject("securityContext");
                sc.put("allowPrivilegeEscalation", false);
                sc.put("readOnlyRootFilesystem", true);
                sc.putObject("capabilities").putArray("drop").add("ALL");
                ObjectNode res = c.putObject("resources");
                res.putObject("requests").put("cpu", "100m").put("memory", "128Mi");
                res.putObject("limits").put("cpu", "500m").put("memory", "256Mi");
                c.putObject("livenessProbe").putObject("httpGet").put("path", "/healthz").put("port", 8080);
            } else if (rnd.nextInt(4) == 0) {
                c.putObject("securityContext").put("privileged", true);
            }
        }
        return t;
    }

    // ------------------------------------------------------------------ the server

    private static void serve(Path dir, int objects, long seed) throws Exception {
        Map<String, List<String>> items = generate(objects, seed);
        Map<String, ListedKind> kinds = new HashMap<>();
        for (ListedKind k : ListedKind.DEFAULT) {
            kinds.put(k.path(null), k);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            try (exchange) {
                URI uri = exchange.getRequestURI();
                String path = uri.getPath();
                if (path.equals("/version")) {
                    answer(exchange, 200, "{\"major\":\"1\",\"minor\":\"31\",\"gitVersion\":\"v1.31.4\"}");
                } else if (path.equals("/apis")) {
                    answer(exchange, 200, "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[]}");
                } else if (items.containsKey(path)) {
                    page(exchange, kinds.get(path), items.get(path), uri.getRawQuery());
                } else {
                    answer(exchange, 404, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\","
                            + "\"code\":404,\"message\":\"the server could not find the requested resource\"}");
                }
            }
        });
        server.start();
        String kubeconfig = "apiVersion: v1\nkind: Config\nclusters:\n- name: bench\n  cluster:\n    server: http://127.0.0.1:"
                + server.getAddress().getPort() + "\nusers:\n- name: bench\n  user:\n    token: bench-token\ncontexts:\n"
                + "- name: bench\n  context:\n    cluster: bench\n    user: bench\ncurrent-context: bench\n";
        Files.createDirectories(dir);
        Path tmp = dir.resolve("kubeconfig.tmp");
        Files.writeString(tmp, kubeconfig);
        Files.move(tmp, dir.resolve("kubeconfig"), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        int total = items.values().stream().mapToInt(List::size).sum();
        System.out.printf("ready: %,d objects on http://127.0.0.1:%d%n", total, server.getAddress().getPort());
        System.out.flush();
        Thread.currentThread().join();
    }

    private static void page(HttpExchange exchange, ListedKind kind, List<String> all, String query) throws IOException {
        int limit = 500;
        int from = 0;
        if (query != null) {
            for (String p : query.split("&")) {
                int eq = p.indexOf('=');
                String k = eq < 0 ? p : p.substring(0, eq);
                String v = eq < 0 ? "" : java.net.URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8);
                if (k.equals("limit") && !v.isEmpty()) {
                    limit = Integer.parseInt(v);
                } else if (k.equals("continue") && !v.isEmpty()) {
                    from = Integer.parseInt(v);
                }
            }
        }
        int to = Math.min(all.size(), from + limit);
        boolean metadata = kind.metadataOnly();
        StringBuilder b = new StringBuilder(64 + (to - from) * 1200);
        b.append("{\"kind\":\"").append(metadata ? "PartialObjectMetadataList" : kind.kind() + "List")
                .append("\",\"apiVersion\":\"").append(metadata ? "meta.k8s.io/v1" : kind.apiVersion())
                .append("\",\"metadata\":{\"resourceVersion\":\"12345\"");
        if (to < all.size()) {
            b.append(",\"continue\":\"").append(to).append('"');
        }
        b.append("},\"items\":[");
        for (int i = from; i < to; i++) {
            if (i > from) {
                b.append(',');
            }
            if (metadata) {
                // PartialObjectMetadata items carry their own kind and apiVersion.
                String item = all.get(i);
                b.append("{\"kind\":\"PartialObjectMetadata\",\"apiVersion\":\"meta.k8s.io/v1\",").append(item, 1, item.length());
            } else {
                b.append(all.get(i));
            }
        }
        b.append("]}");
        answer(exchange, 200, b.toString());
    }

    private static void answer(HttpExchange exchange, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
