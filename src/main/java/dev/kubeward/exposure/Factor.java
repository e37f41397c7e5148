package dev.kubeward.exposure;

/**
 * One way a workload's deployment makes a vulnerability of its image worse, with the points it adds
 * to the vulnerability's rank ({@link Rank}). Network reach counts once: the strongest of
 * {@link #INTERNET_FACING} and {@link #NETWORK_OPEN}.
 */
public enum Factor {
    /** A LoadBalancer or NodePort Service, or an Ingress, routes to the pods and NetworkPolicies admit that traffic. */
    INTERNET_FACING(8, "internet-facing"),
    /** No Service or Ingress exposes the pods, but NetworkPolicies admit connections from addresses outside the cluster. */
    NETWORK_OPEN(3, "network-open"),
    /** A privileged container, or the pod shares the node's PID, IPC or network namespace. */
    PRIVILEGED(6, "privileged"),
    /** The container runs as root, or may (no runAsUser and no runAsNonRoot: the image's USER decides). */
    ROOT(3, "root"),
    /** The pod's ServiceAccount token is mounted and the ServiceAccount has an RBAC escalation path to cluster-admin (or holds it). */
    RBAC_ESCALATION(5, "rbac-escalation");

    private final int points;
    private final String label;

    Factor(int points, String label) {
        this.points = points;
        this.label = label;
    }

    public int points() {
        return points;
    }

    /** The stable name output formats use. */
    public String label() {
        return label;
    }
}
