package dev.kubeward.controlplane;

import dev.kubeward.model.KubernetesVersion;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The control-plane and node binaries kubeward audits, with what it must know of their flags:
 * which are booleans (a separate "false" is not their value), which are lists or maps (their
 * repetitions combine), and their defaults, by Kubernetes version where they changed.
 */
public enum Component {
    API_SERVER("kube-apiserver", List.of("kube-apiserver", "apiserver"), false,
            Set.of("anonymous-auth", "profiling", "service-account-lookup", "allow-privileged",
                    "service-account-extend-token-expiration", "contention-profiling", "enable-bootstrap-token-auth",
                    "enable-aggregator-routing", "enable-priority-and-fairness", "enable-garbage-collector",
                    "enable-logs-handler", "audit-log-compress", "kubelet-https", "logtostderr", "alsologtostderr"),
            Set.of("enable-admission-plugins", "disable-admission-plugins", "admission-control", "authorization-mode",
                    "tls-cipher-suites", "etcd-servers", "api-audiences", "service-account-key-file",
                    "service-account-issuer"),
            Set.of("feature-gates", "runtime-config")),
    CONTROLLER_MANAGER("kube-controller-manager", List.of("kube-controller-manager", "controller-manager"), false,
            Set.of("profiling", "use-service-account-credentials", "contention-profiling", "leader-elect",
                    "allocate-node-cidrs", "configure-cloud-routes", "logtostderr", "alsologtostderr"),
            Set.of("controllers", "tls-cipher-suites"),
            Set.of("feature-gates")),
    SCHEDULER("kube-scheduler", List.of("kube-scheduler", "scheduler"), false,
            Set.of("profiling", "contention-profiling", "leader-elect", "logtostderr", "alsologtostderr"),
            Set.of("tls-cipher-suites"),
            Set.of("feature-gates")),
    /** etcd reads flags with Go's flag package: single-dash long names work, and ETCD_* variables too. */
    ETCD("etcd", List.of("etcd"), true,
            Set.of("client-cert-auth", "peer-client-cert-auth", "auto-tls", "peer-auto-tls", "enable-pprof",
                    "strict-reconfig-check", "enable-v2", "debug", "force-new-cluster"),
            Set.of(),
            Set.of()),
    KUBELET("kubelet", List.of("kubelet"), false,
            Set.of("anonymous-auth", "rotate-certificates", "rotate-server-certificates", "protect-kernel-defaults",
                    "make-iptables-util-chains", "seccomp-default", "fail-swap-on", "register-node",
                    "enable-server", "enable-debugging-handlers", "logtostderr", "alsologtostderr"),
            Set.of("tls-cipher-suites", "cluster-dns"),
            Set.of("feature-gates"));

    private final String binary;
    private final List<String> names;
    private final boolean singleDashLongFlags;
    private final Set<String> booleans;
    private final Set<String> lists;
    private final Set<String> maps;

    Component(String binary, List<String> names, boolean singleDashLongFlags, Set<String> booleans, Set<String> lists,
            Set<String> maps) {
        this.binary = binary;
        this.names = names;
        this.singleDashLongFlags = singleDashLongFlags;
        this.booleans = booleans;
        this.lists = lists;
        this.maps = maps;
    }

    public String binary() {
        return binary;
    }

    /** The binary's name and its hyperkube alias ({@code hyperkube apiserver}). */
    public List<String> names() {
        return names;
    }

    public boolean singleDashLongFlags() {
        return singleDashLongFlags;
    }

    public FlagKind kindOf(String flag) {
        if (booleans.contains(flag)) {
            return FlagKind.BOOLEAN;
        }
        if (lists.contains(flag)) {
            return FlagKind.LIST;
        }
        if (maps.contains(flag)) {
            return FlagKind.MAP;
        }
        if (this == ETCD && flag.equals("cipher-suites")) {
            return FlagKind.REPLACING_LIST;
        }
        return FlagKind.SCALAR;
    }

    /**
     * The value the binary of {@code version} uses when the flag is absent, or null when it has
     * none (an unset path, an empty list). Only flags that checks read are listed.
     */
    public String defaultOf(String flag, KubernetesVersion version) {
        return defaults(version).get(flag);
    }

    private Map<String, String> defaults(KubernetesVersion v) {
        Map<String, String> d = new HashMap<>();
        switch (this) {
            case API_SERVER -> {
                d.put("anonymous-auth", "true");
                d.put("profiling", "true");
                // The flag's default is AlwaysAllow in every release; kubeadm is what sets Node,RBAC.
                d.put("authorization-mode", "AlwaysAllow");
                d.put("service-account-lookup", "true");
                d.put("service-account-extend-token-expiration", "true");
                d.put("audit-log-maxage", "0");
                d.put("audit-log-maxbackup", "0");
                d.put("audit-log-maxsize", "0");
                d.put("secure-port", "6443");
                // Before 1.20 the unauthenticated port listened on localhost:8080 unless set to 0;
                // 1.20 only accepted 0 and 1.24 removed the flag.
                if (v.before(1, 20)) {
                    d.put("insecure-port", "8080");
                    d.put("insecure-bind-address", "127.0.0.1");
                }
            }
            case CONTROLLER_MANAGER -> {
                d.put("profiling", "true");
                d.put("use-service-account-credentials", "false");
                d.put("bind-address", "0.0.0.0");
                d.put("terminated-pod-gc-threshold", "12500");
                d.put("feature-gates", "");
            }
            case SCHEDULER -> {
                d.put("profiling", "true");
                d.put("bind-address", "0.0.0.0");
            }
            case ETCD -> {
                d.put("client-cert-auth", "false");
                d.put("peer-client-cert-auth", "false");
                d.put("auto-tls", "false");
                d.put("peer-auto-tls", "false");
            }
            case KUBELET -> {
                // The kubelet's legacy flag defaults, in effect only when no --config file is used;
                // KubeletConfiguration has its own, safer defaults (see KubeletField).
                d.put("anonymous-auth", "true");
                d.put("authorization-mode", "AlwaysAllow");
                d.put("read-only-port", "10255");
            }
        }
        return d;
    }

    /** RotateKubeletServerCertificate became beta, and on by default, in 1.12. */
    public static boolean rotateKubeletServerCertificateDefault(KubernetesVersion v) {
        return !v.before(1, 12);
    }
}
