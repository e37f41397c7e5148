package dev.kubeward.check;

import dev.kubeward.model.JsonPath;
import dev.kubeward.model.ObjectRef;

/**
 * One result: which check, how severe, about which object, and exactly where.
 *
 * @param suppression non-null when an exemption covers the finding; it is still reported
 * @param related other places the finding is about (the Dockerfile line of a finding on a manifest), possibly none
 */
public record Finding(
        CheckMeta check,
        Severity severity,
        String message,
        ObjectRef resource,
        String file,
        int document,
        int line,
        int column,
        JsonPath path,
        Suppression suppression,
        java.util.List<RelatedLocation> related) {

    public Finding {
        related = related == null ? java.util.List.of() : java.util.List.copyOf(related);
    }

    /** A finding with no related locations. */
    public Finding(CheckMeta check, Severity severity, String message, ObjectRef resource, String file, int document,
            int line, int column, JsonPath path, Suppression suppression) {
        this(check, severity, message, resource, file, document, line, column, path, suppression, java.util.List.of());
    }

    public String checkId() {
        return check.id();
    }

    public boolean suppressed() {
        return suppression != null;
    }

    public Finding withSeverity(Severity s) {
        return new Finding(check, s, message, resource, file, document, line, column, path, suppression, related);
    }

    public Finding withSuppression(Suppression s) {
        return new Finding(check, severity, message, resource, file, document, line, column, path, s, related);
    }
}
