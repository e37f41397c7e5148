package dev.kubeward.netpol;

/** The two directions a NetworkPolicy can isolate; names match the values of {@code policyTypes}. */
public enum Direction {
    INGRESS("Ingress"), EGRESS("Egress");

    private final String apiName;

    Direction(String apiName) {
        this.apiName = apiName;
    }

    /** The spelling used in {@code spec.policyTypes} and in the spec field names (lower-cased). */
    public String apiName() {
        return apiName;
    }

    /** The spec field holding this direction's rules: {@code ingress} or {@code egress}. */
    public String specField() {
        return this == INGRESS ? "ingress" : "egress";
    }

    /** The rule field holding the peers: {@code from} for ingress, {@code to} for egress. */
    public String peersField() {
        return this == INGRESS ? "from" : "to";
    }
}
