package dev.kubeward.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Kinds;
import dev.kubeward.model.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A k3s or RKE2 configuration file ({@code /etc/rancher/k3s/config.yaml},
 * {@code /etc/rancher/rke2/config.yaml}). Neither distribution has static pods or a kubelet unit
 * that kubeward could read: the k3s (or rke2) binary builds each component's command line from
 * its own defaults plus the file's {@code kube-apiserver-arg}, {@code kubelet-arg}, … lists. The
 * file has no apiVersion or kind, so it is recognised by its name only, and turned into a
 * {@code kind: RancherConfig} object named after the distribution.
 */
public final class RancherConfig {

    /** Keys only a server's configuration has: their presence is what says the control plane runs here. */
    private static final Set<String> SERVER_KEYS = Set.of("kube-apiserver-arg", "kube-controller-manager-arg",
            "kube-scheduler-arg", "etcd-arg", "cluster-init", "tls-san", "secrets-encryption", "disable",
            "cluster-cidr", "service-cidr", "datastore-endpoint", "write-kubeconfig-mode",
            "disable-apiserver", "disable-scheduler", "disable-controller-manager");

    public enum Distribution {
        K3S("k3s", "/var/lib/rancher/k3s"),
        RKE2("rke2", "/var/lib/rancher/rke2");

        private final String id;
        private final String dataDir;

        Distribution(String id, String dataDir) {
            this.id = id;
            this.dataDir = dataDir;
        }

        public String id() {
            return id;
        }

        public String defaultDataDir() {
            return dataDir;
        }

        static Optional<Distribution> byId(String id) {
            for (Distribution d : values()) {
                if (d.id.equals(id)) {
                    return Optional.of(d);
                }
            }
            return Optional.empty();
        }
    }

    /** The argument list key of each component, as k3s and RKE2 name it. */
    public static String argKey(Component component) {
        return switch (component) {
            case API_SERVER -> "kube-apiserver-arg";
            case CONTROLLER_MANAGER -> "kube-controller-manager-arg";
            case SCHEDULER -> "kube-scheduler-arg";
            case ETCD -> "etcd-arg";
            case KUBELET -> "kubelet-arg";
        };
    }

    public static final String KUBE_PROXY_ARG = "kube-proxy-arg";

    private RancherConfig() {}

    public static boolean is(Resource r) {
        return r.kind().equals(Kinds.RANCHER_CONFIG) && r.apiVersion().equals(Kinds.KUBEWARD_API_VERSION);
    }

    public static Distribution distribution(Resource r) {
        return Distribution.byId(r.name()).orElse(Distribution.K3S);
    }

    /** Whether the file configures a server (control plane), not only an agent. */
    public static boolean isServer(Resource r) {
        for (String key : SERVER_KEYS) {
            if (r.object().has(key)) {
                return true;
            }
        }
        return false;
    }

    public static String dataDir(Resource r) {
        JsonNode d = r.object().get("data-dir");
        return d != null && d.isTextual() && !d.textValue().isBlank() ? d.textValue()
                : distribution(r).defaultDataDir();
    }

    /**
     * The command line the distribution runs {@code component} with: its defaults, overridden
     * by the file's list as k3s's {@code util.GetArgs} does it — {@code name=value} replaces the
     * default (repeated, the values accumulate), {@code name+=value} appends to it and
     * {@code name-=value} prepends. Defaults point at the list's key (the document when the key
     * is absent), since that is where one would override them; each token gets a path object of
     * its own because kubelet command lines are told apart by path identity.
     */
    public static List<FlagToken> tokens(Resource r, String argKey, Map<String, String> defaults) {
        Map<String, String> initial = new LinkedHashMap<>(defaults);
        Map<String, List<FlagToken>> byName = new TreeMap<>();
        for (Item item : items(r, argKey)) {
            String text = item.text().startsWith("--") ? item.text().substring(2) : item.text();
            int eq = text.indexOf('=');
            String name = eq < 0 ? text : text.substring(0, eq);
            String value = eq < 0 ? "true" : text.substring(eq + 1);
            String clean = name.replaceAll("[-+]+$", "");
            List<FlagToken> values = new ArrayList<>();
            List<FlagToken> existing = byName.getOrDefault(clean, List.of());
            String initialValue = initial.remove(clean);
            FlagToken own = new FlagToken("--" + clean + "=" + value, item.path());
            if (name.endsWith("+")) {
                if (initialValue != null) {
                    values.add(new FlagToken("--" + clean + "=" + initialValue, item.path()));
                }
                values.addAll(existing);
                values.add(own);
            } else if (name.endsWith("-")) {
                values.add(own);
                if (initialValue != null) {
                    values.add(new FlagToken("--" + clean + "=" + initialValue, item.path()));
                }
                values.addAll(existing);
            } else {
                values.addAll(existing);
                values.add(own);
            }
            byName.put(clean, values);
        }
        for (Map.Entry<String, String> d : initial.entrySet()) {
            byName.put(d.getKey(), List.of(new FlagToken("--" + d.getKey() + "=" + d.getValue(), JsonPath.of(argKey))));
        }
        List<FlagToken> out = new ArrayList<>();
        byName.values().forEach(out::addAll);
        return out;
    }

    private record Item(String text, JsonPath path) {}

    /** A list of strings, or one string (k3s accepts both). */
    private static List<Item> items(Resource r, String key) {
        List<Item> out = new ArrayList<>();
        JsonNode n = r.object().get(key);
        if (n == null) {
            return out;
        }
        if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                if (n.path(i).isValueNode() && !n.path(i).isNull()) {
                    out.add(new Item(n.path(i).asText(), JsonPath.of(key).index(i)));
                }
            }
        } else if (n.isValueNode() && !n.isNull()) {
            out.add(new Item(n.asText(), JsonPath.of(key)));
        }
        return out;
    }

    /**
     * The flags the distribution itself passes to a component, where kubeward could read them in
     * its source. k3s's {@code pkg/daemons/control/server.go} (apiServer, controllerManager,
     * scheduler) builds these; RKE2 runs the same k3s code and writes the result into static pods
     * ({@code pkg/podexecutor/staticpod.go}), adding the audit-log flags under a CIS profile. Paths
     * are the distribution's own. Components and flags not listed fall back to upstream defaults.
     */
    public static Map<String, String> defaults(Resource r, Component component) {
        Distribution d = distribution(r);
        String tls = dataDir(r) + "/server/tls";
        Map<String, String> m = new LinkedHashMap<>();
        switch (component) {
            case API_SERVER -> {
                m.put("anonymous-auth", "false");
                m.put("profiling", "false");
                m.put("authorization-mode", "Node,RBAC");
                m.put("enable-admission-plugins", "NodeRestriction");
                m.put("tls-cert-file", tls + "/serving-kube-apiserver.crt");
                m.put("tls-private-key-file", tls + "/serving-kube-apiserver.key");
                m.put("client-ca-file", tls + "/client-ca.crt");
                m.put("service-account-key-file", tls + "/service.key");
                m.put("kubelet-certificate-authority", tls + "/server-ca.crt");
                m.put("kubelet-client-certificate", tls + "/client-kube-apiserver.crt");
                m.put("kubelet-client-key", tls + "/client-kube-apiserver.key");
                if (usesEtcd(r)) {
                    m.put("etcd-servers", "https://127.0.0.1:2379");
                    m.put("etcd-cafile", tls + "/etcd/server-ca.crt");
                    m.put("etcd-certfile", tls + "/etcd/client.crt");
                    m.put("etcd-keyfile", tls + "/etcd/client.key");
                } else if (!externalEtcd(r)) {
                    // SQLite (k3s's default), MySQL or PostgreSQL sit behind kine, which the API server
                    // reaches over a local socket; the datastore's own TLS is kine's business.
                    m.put("etcd-servers", "unix://kine.sock");
                } else {
                    // An external etcd: setupStorageBackend passes the datastore-* keys through.
                    putText(r, "datastore-endpoint", "etcd-servers", m);
                    putText(r, "datastore-cafile", "etcd-cafile", m);
                    putText(r, "datastore-certfile", "etcd-certfile", m);
                    putText(r, "datastore-keyfile", "etcd-keyfile", m);
                }
                if (bool(r, "secrets-encryption")) {
                    m.put("encryption-provider-config", dataDir(r) + "/server/cred/encryption-config.json");
                }
                if (d == Distribution.RKE2 && cisProfile(r)) {
                    m.put("audit-policy-file", "/etc/rancher/rke2/audit-policy.yaml");
                    m.put("audit-log-path", dataDir(r) + "/server/logs/audit.log");
                    m.put("audit-log-maxage", "30");
                    m.put("audit-log-maxbackup", "10");
                    m.put("audit-log-maxsize", "100");
                }
            }
            case CONTROLLER_MANAGER -> {
                m.put("profiling", "false");
                m.put("bind-address", "127.0.0.1");
                m.put("use-service-account-credentials", "true");
                m.put("service-account-private-key-file", tls + "/service.key");
                m.put("root-ca-file", tls + "/server-ca.crt");
            }
            case SCHEDULER -> {
                m.put("profiling", "false");
                m.put("bind-address", "127.0.0.1");
            }
            case KUBELET -> {
                // pkg/daemons/agent/agent_linux.go: the read-only port is closed on the command line,
                // everything else goes into a generated drop-in under --config-dir.
                m.put("read-only-port", "0");
                m.put("config-dir", dataDir(r) + "/agent/etc/kubelet.conf.d");
            }
            case ETCD -> {
                // Embedded etcd is configured from a Go struct (RKE2: an etcd config file), not flags.
            }
        }
        return m;
    }

    /**
     * What k3s (and RKE2, which runs k3s's agent) writes into the kubelet's generated drop-in
     * {@code 00-k3s-defaults.conf} / {@code 00-rke2-defaults.conf} (pkg/daemons/agent,
     * defaultKubeletConfig): used for a field when the drop-ins themselves were not read, as when
     * only config.yaml is scanned. Without it the kubelet would be judged on upstream's legacy flag
     * defaults (anonymous auth on, AlwaysAllow), which a k3s kubelet never runs with.
     */
    public static Optional<String> kubeletDropInDefault(Resource r, KubeletField field) {
        String agent = dataDir(r) + "/agent";
        return Optional.ofNullable(switch (field) {
            case ANONYMOUS_AUTH -> "false";
            case AUTHORIZATION_MODE -> "Webhook";
            case READ_ONLY_PORT -> "0";
            case STREAMING_CONNECTION_IDLE_TIMEOUT -> "4h0m0s";
            case CLIENT_CA_FILE -> agent + "/client-ca.crt";
            case TLS_CERT_FILE -> agent + "/serving-kubelet.crt";
            case TLS_PRIVATE_KEY_FILE -> agent + "/serving-kubelet.key";
            case PROTECT_KERNEL_DEFAULTS -> bool(r, "protect-kernel-defaults") ? "true" : "false";
            default -> null;
        });
    }

    /** RKE2 always runs etcd; k3s does with cluster-init or when joining an etcd cluster without another datastore. */
    private static boolean usesEtcd(Resource r) {
        if (distribution(r) == Distribution.RKE2) {
            return !r.object().has("datastore-endpoint");
        }
        return bool(r, "cluster-init") || (r.object().has("server") && !r.object().has("datastore-endpoint"));
    }

    private static boolean externalEtcd(Resource r) {
        JsonNode e = r.object().get("datastore-endpoint");
        return e != null && e.isTextual() && (e.textValue().startsWith("https://") || e.textValue().startsWith("http://"));
    }

    private static void putText(Resource r, String key, String flag, Map<String, String> m) {
        JsonNode n = r.object().get(key);
        if (n != null && n.isValueNode() && !n.isNull() && !n.asText().isBlank()) {
            m.put(flag, n.asText());
        }
    }

    private static boolean cisProfile(Resource r) {
        JsonNode p = r.object().get("profile");
        return p != null && p.isTextual() && p.textValue().startsWith("cis");
    }

    private static boolean bool(Resource r, String key) {
        JsonNode n = r.object().get(key);
        return n != null && (n.isBoolean() ? n.booleanValue() : Setting.parseBool(n.asText()).orElse(false));
    }
}
