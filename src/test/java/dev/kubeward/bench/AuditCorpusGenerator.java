package dev.kubeward.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Writes an audit log of a busy cluster as the API server's log backend writes it (JSON lines,
 * audit.k8s.io/v1), for the audit-log benchmark: mostly the control plane and kubelets at
 * Metadata level (lease renewals, watches, gets and lists, Event creates), some people and service
 * accounts, and a share of writes logged at Request level with their objects (pods, Deployments,
 * ConfigMaps; RBAC in 1 of 100), 1 in 10 of them privileged or otherwise insecure. Deterministic for a seed.
 * Usage: {@code AuditCorpusGenerator FILE EVENTS [gzip]}.
 */
public final class AuditCorpusGenerator {
    private AuditCorpusGenerator() {}

    private static final String[] NS = {"shop", "payments", "default", "monitoring", "kube-system", "ingress"};
    private static final String KUBECTL = "kubectl/v1.31.0 (linux/amd64) kubernetes/9edcffc";

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        long events = Long.parseLong(args[1]);
        boolean gzip = args.length > 2 && args[2].equals("gzip");
        try (OutputStream raw = Files.newOutputStream(file);
                OutputStream os = gzip ? new GZIPOutputStream(raw, 1 << 16) : raw;
                Writer w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16)) {
            write(w, events, 42);
        }
    }

    static void write(Writer w, long events, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder(4096);
        for (long i = 0; i < events; i++) {
            sb.setLength(0);
            event(sb, i, r);
            sb.append('\n');
            w.append(sb);
        }
    }

    private static void event(StringBuilder sb, long i, SplittableRandom r) {
        int kind = r.nextInt(1000);
        String ns = NS[r.nextInt(NS.length)];
        long micros = i * 20;   // 50,000 events a second of cluster time
        String time = String.format("2026-11-30T%02d:%02d:%02d.%06dZ", (micros / 3_600_000_000L) % 24,
                (micros / 60_000_000L) % 60, (micros / 1_000_000L) % 60, micros % 1_000_000L);
        String id = String.format("%08x-%04x-4%03x-8%03x-%012x", i, r.nextInt(0x10000), r.nextInt(0x1000), r.nextInt(0x1000), i * 7919);
        if (kind < 300) {
            // lease renewal by a controller or kubelet
            String node = "node-" + r.nextInt(200);
            head(sb, "Metadata", id, "ResponseComplete", "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/" + node, "update",
                    "system:node:" + node, "[\"system:nodes\",\"system:authenticated\"]", "10.0." + r.nextInt(200) + ".11",
                    "kubelet/v1.31.0 (linux/amd64) kubernetes/9edcffc");
            ref(sb, "leases", "kube-node-lease", node, "coordination.k8s.io", "v1", "");
            tail(sb, 200, time, "allow", "");
        } else if (kind < 550) {
            String res = new String[] {"pods", "configmaps", "services", "endpointslices", "secrets"}[r.nextInt(5)];
            boolean watch = r.nextBoolean();
            head(sb, "Metadata", id, watch ? "ResponseStarted" : "ResponseComplete",
                    "/api/v1/namespaces/" + ns + "/" + res + (watch ? "?allowWatchBookmarks=true&resourceVersion=48213&watch=true" : "?limit=500"),
                    watch ? "watch" : "list", "system:serviceaccount:kube-system:replicaset-controller",
                    "[\"system:serviceaccounts\",\"system:serviceaccounts:kube-system\",\"system:authenticated\"]", "10.0.0.10",
                    "kube-controller-manager/v1.31.0 (linux/amd64) kubernetes/9edcffc/system:serviceaccount:kube-system:replicaset-controller");
            ref(sb, res, ns, "", "", "v1", "");
            tail(sb, 200, time, "allow", "");
        } else if (kind < 700) {
            String node = "node-" + r.nextInt(200);
            head(sb, "Metadata", id, "ResponseComplete", "/api/v1/namespaces/" + ns + "/events", "create", "system:node:" + node,
                    "[\"system:nodes\",\"system:authenticated\"]", "10.0." + r.nextInt(200) + ".11", "kubelet/v1.31.0 (linux/amd64) kubernetes/9edcffc");
            ref(sb, "events", ns, "web-" + r.nextInt(100) + ".17d2" + Long.toHexString(i), "", "v1", "");
            tail(sb, 201, time, "allow", "");
        } else if (kind < 800) {
            String node = "node-" + r.nextInt(200);
            head(sb, "Metadata", id, "ResponseComplete", "/api/v1/namespaces/" + ns + "/secrets/web-tls", "get", "system:node:" + node,
                    "[\"system:nodes\",\"system:authenticated\"]", "10.0." + r.nextInt(200) + ".11", "kubelet/v1.31.0 (linux/amd64) kubernetes/9edcffc");
            ref(sb, "secrets", ns, "web-tls", "", "v1", "");
            tail(sb, 200, time, "allow", "");
        } else if (kind < 900) {
            // people and service accounts reading
            boolean person = r.nextBoolean();
            head(sb, "Metadata", id, "ResponseComplete", "/apis/apps/v1/namespaces/" + ns + "/deployments/web", "get",
                    person ? "jane" : "system:serviceaccount:" + ns + ":deployer",
                    person ? "[\"developers\",\"system:authenticated\"]" : "[\"system:serviceaccounts\",\"system:authenticated\"]",
                    person ? "172.18.0." + r.nextInt(250) : "10.244." + r.nextInt(250) + ".7", person ? KUBECTL : "argocd-application-controller/v2.13");
            ref(sb, "deployments", ns, "web", "apps", "v1", "");
            tail(sb, r.nextInt(20) == 0 ? 403 : 200, time, r.nextInt(20) == 0 ? "forbid" : "allow", "");
        } else if (kind < 990) {
            // writes at Request level with their objects
            // pods, Deployments and ConfigMaps; a RoleBinding in 1 of 100 writes
            int pick = r.nextInt(100);
            int w = pick == 0 ? 3 : pick % 3;
            boolean privileged = r.nextInt(10) == 0;
            String res = new String[] {"pods", "deployments", "configmaps", "rolebindings"}[w];
            String group = new String[] {"", "apps", "", "rbac.authorization.k8s.io"}[w];
            String prefix = group.isEmpty() ? "/api/v1" : "/apis/" + group + "/v1";
            head(sb, "Request", id, "ResponseComplete", prefix + "/namespaces/" + ns + "/" + res, "create", "jane",
                    "[\"developers\",\"system:authenticated\"]", "172.18.0." + r.nextInt(250), KUBECTL);
            String name = res.substring(0, 3) + "-" + i;
            ref(sb, res, ns, name, group, "v1", "");
            sb.append(",\"responseStatus\":{\"metadata\":{},\"code\":201},\"requestObject\":");
            object(sb, w, name, ns, privileged);
            tail(sb, -1, time, "allow", "");
        } else {
            head(sb, "Metadata", id, "ResponseStarted", "/api/v1/namespaces/" + ns + "/pods/web-0/exec?command=sh&container=web&stdin=true&tty=true",
                    "create", "jane", "[\"developers\",\"system:authenticated\"]", "172.18.0.4", KUBECTL);
            ref(sb, "pods", ns, "web-0", "", "v1", "exec");
            tail(sb, 101, time, "allow", "");
        }
    }

    private static void head(StringBuilder sb, String level, String id, String stage, String uri, String verb, String user, String groups,
            String ip, String ua) {
        sb.append("{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"").append(level).append("\",\"auditID\":\"").append(id)
                .append("\",\"stage\":\"").append(stage).append("\",\"requestURI\":\"").append(uri).append("\",\"verb\":\"").append(verb)
                .append("\",\"user\":{\"username\":\"").append(user).append("\",\"uid\":\"").append(Integer.toHexString(user.hashCode()))
                .append("\",\"groups\":").append(groups).append("},\"sourceIPs\":[\"").append(ip).append("\"],\"userAgent\":\"").append(ua)
                .append('"');
    }

    private static void ref(StringBuilder sb, String res, String ns, String name, String group, String version, String sub) {
        sb.append(",\"objectRef\":{\"resource\":\"").append(res).append('"');
        if (!ns.isEmpty()) {
            sb.append(",\"namespace\":\"").append(ns).append('"');
        }
        if (!name.isEmpty()) {
            sb.append(",\"name\":\"").append(name).append('"');
        }
        if (!group.isEmpty()) {
            sb.append(",\"apiGroup\":\"").append(group).append('"');
        }
        sb.append(",\"apiVersion\":\"").append(version).append('"');
        if (!sub.isEmpty()) {
            sb.append(",\"subresource\":\"").append(sub).append('"');
        }
        sb.append('}');
    }

    private static void tail(StringBuilder sb, int code, String time, String decision, String extra) {
        if (code > 0) {
            sb.append(",\"responseStatus\":{\"metadata\":{}").append(code >= 400 ? ",\"status\":\"Failure\",\"reason\":\"Forbidden\"" : "")
                    .append(",\"code\":").append(code).append('}');
        }
        sb.append(",\"requestReceivedTimestamp\":\"").append(time).append("\",\"stageTimestamp\":\"").append(time)
                .append("\",\"annotations\":{\"authorization.k8s.io/decision\":\"").append(decision)
                .append("\",\"authorization.k8s.io/reason\":\"RBAC: allowed by ClusterRoleBinding \\\"system:controller:replicaset-controller\\\" of ClusterRole \\\"system:controller:replicaset-controller\\\" to ServiceAccount \\\"replicaset-controller/kube-system\\\"\"")
                .append(extra).append("}}");
    }

    private static void object(StringBuilder sb, int w, String name, String ns, boolean privileged) {
        String container = "{\"name\":\"web\",\"image\":\"registry.example.com/shop/web:1.4.2\",\"ports\":[{\"containerPort\":8080}],"
                + "\"resources\":{\"requests\":{\"cpu\":\"100m\",\"memory\":\"128Mi\"},\"limits\":{\"memory\":\"256Mi\"}},"
                + "\"securityContext\":{\"privileged\":" + privileged + ",\"allowPrivilegeEscalation\":false,\"runAsNonRoot\":true}}";
        switch (w) {
            case 0 -> sb.append("{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"").append(name).append("\",\"namespace\":\"").append(ns)
                    .append("\",\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[").append(container).append("]}}");
            case 1 -> sb.append("{\"kind\":\"Deployment\",\"apiVersion\":\"apps/v1\",\"metadata\":{\"name\":\"").append(name).append("\",\"namespace\":\"").append(ns)
                    .append("\"},\"spec\":{\"replicas\":3,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[")
                    .append(container).append("]}}}}");
            case 2 -> sb.append("{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"").append(name).append("\",\"namespace\":\"").append(ns)
                    .append("\"},\"data\":{\"LOG_LEVEL\":\"info\",\"FEATURES\":\"a,b,c\"").append(privileged ? ",\"DB_PASSWORD\":\"hunter2hunter2\"" : "").append("}}");
            default -> sb.append("{\"kind\":\"RoleBinding\",\"apiVersion\":\"rbac.authorization.k8s.io/v1\",\"metadata\":{\"name\":\"").append(name)
                    .append("\",\"namespace\":\"").append(ns).append("\"},\"roleRef\":{\"apiGroup\":\"rbac.authorization.k8s.io\",\"kind\":\"ClusterRole\",\"name\":\"")
                    .append(privileged ? "cluster-admin" : "view").append("\"},\"subjects\":[{\"kind\":\"User\",\"apiGroup\":\"rbac.authorization.k8s.io\",\"name\":\"bob\"}]}");
        }
    }
}
