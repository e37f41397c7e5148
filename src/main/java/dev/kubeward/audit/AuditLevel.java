package dev.kubeward.audit;

/** How much of a request the API server writes to the audit log, from nothing to both bodies. */
public enum AuditLevel {
    NONE("None"), METADATA("Metadata"), REQUEST("Request"), REQUEST_RESPONSE("RequestResponse");

    private static final AuditLevel[] ALL = values();

    private final String label;

    AuditLevel(String label) {
        this.label = label;
    }

    /** The spelling of the audit.k8s.io API, which is case-sensitive. */
    public String label() {
        return label;
    }

    public boolean atLeast(AuditLevel other) {
        return ordinal() >= other.ordinal();
    }

    /** The level written exactly as the API spells it, or null: the API server rejects "metadata". */
    public static AuditLevel parse(String text) {
        for (AuditLevel l : ALL) {
            if (l.label.equals(text)) {
                return l;
            }
        }
        return null;
    }
}
