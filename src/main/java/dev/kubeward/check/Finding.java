package dev.kubeward.check;

import dev.kubeward.model.JsonPath;
import dev.kubeward.model.ObjectRef;

/**
 * One result: which check, how severe, about which object, and exactly where.
 *
 * @param suppression non-null when an exemption covers the finding; it is still reported
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
        Suppression suppression) {

    public String checkId() {
        return check.id();
    }

    public boolean suppressed() {
        return suppression != null;
    }

    public Finding withSeverity(Severity s) {
        return new Finding(check, s, message, resource, file, document, line, column, path, suppression);
    }

    public Finding withSuppression(Suppression s) {
        return new Finding(check, severity, message, resource, file, document, line, column, path, s);
    }
}
