package dev.kubeward.controlplane;

import java.util.List;

/**
 * What the CIS Kubernetes Benchmark (v1.12) asks of one of kubeadm's files: the most permissive
 * mode, the owner, and the recommendations that ask it.
 *
 * @param path the path on the node; a trailing "/*.crt" means every such file in the directory
 * @param maxMode the most permissive mode allowed, as octal (0600)
 */
public record NodeFileRule(String path, String role, int maxMode, String owner, String cisMode, String cisOwner) {

    /** kubeadm's standard locations. */
    public static final List<NodeFileRule> KUBEADM = List.of(
            new NodeFileRule("/etc/kubernetes/manifests/kube-apiserver.yaml", "API server pod spec", 0600, "root:root", "1.1.1", "1.1.2"),
            new NodeFileRule("/etc/kubernetes/manifests/kube-controller-manager.yaml", "controller manager pod spec", 0600, "root:root", "1.1.3", "1.1.4"),
            new NodeFileRule("/etc/kubernetes/manifests/kube-scheduler.yaml", "scheduler pod spec", 0600, "root:root", "1.1.5", "1.1.6"),
            new NodeFileRule("/etc/kubernetes/manifests/etcd.yaml", "etcd pod spec", 0600, "root:root", "1.1.7", "1.1.8"),
            new NodeFileRule("/etc/cni/net.d/*", "CNI configuration", 0600, "root:root", "1.1.9", "1.1.10"),
            new NodeFileRule("/var/lib/etcd", "etcd data directory", 0700, "etcd:etcd", "1.1.11", "1.1.12"),
            new NodeFileRule("/etc/kubernetes/admin.conf", "admin kubeconfig", 0600, "root:root", "1.1.13", "1.1.14"),
            new NodeFileRule("/etc/kubernetes/super-admin.conf", "super-admin kubeconfig", 0600, "root:root", "1.1.13", "1.1.14"),
            new NodeFileRule("/etc/kubernetes/scheduler.conf", "scheduler kubeconfig", 0600, "root:root", "1.1.15", "1.1.16"),
            new NodeFileRule("/etc/kubernetes/controller-manager.conf", "controller manager kubeconfig", 0600, "root:root", "1.1.17", "1.1.18"),
            new NodeFileRule("/etc/kubernetes/pki/**.crt", "PKI certificate", 0644, "root:root", "1.1.20", "1.1.19"),
            new NodeFileRule("/etc/kubernetes/pki/**.key", "PKI key", 0600, "root:root", "1.1.21", "1.1.19"),
            new NodeFileRule("kubelet-unit", "kubelet service file", 0600, "root:root", "4.1.1", "4.1.2"),
            new NodeFileRule("/etc/kubernetes/kubelet.conf", "kubelet kubeconfig", 0600, "root:root", "4.1.5", "4.1.6"),
            new NodeFileRule("kubelet-client-ca", "kubelet client CA", 0644, "root:root", "4.1.7", "4.1.8"),
            new NodeFileRule("/var/lib/kubelet/config.yaml", "kubelet configuration", 0600, "root:root", "4.1.9", "4.1.10"),
            // Drop-ins are kubelet configuration too: one writable by others can turn anonymous auth back on.
            new NodeFileRule("kubelet-drop-ins", "kubelet configuration drop-in", 0600, "root:root", "4.1.9", "4.1.10"));

    /** "0644" for people. */
    public static String octal(int mode) {
        return String.format("%04o", mode);
    }
}
