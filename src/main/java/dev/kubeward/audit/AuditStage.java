package dev.kubeward.audit;

/** The points in a request's life at which an audit event can be written. */
public enum AuditStage {
    REQUEST_RECEIVED("RequestReceived"),
    RESPONSE_STARTED("ResponseStarted"),
    RESPONSE_COMPLETE("ResponseComplete"),
    PANIC("Panic");

    private static final AuditStage[] ALL = values();

    private final String label;

    AuditStage(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static AuditStage parse(String text) {
        for (AuditStage s : ALL) {
            if (s.label.equals(text)) {
                return s;
            }
        }
        return null;
    }
}
