package dev.kubeward.pss;

import java.util.List;
import java.util.Objects;

/**
 * One failed Pod Security Standards control.
 *
 * @param control the control name from the Pod Security Standards, e.g. {@code Privilege Escalation}
 * @param reason  admission's short reason, e.g. {@code allowPrivilegeEscalation != false}
 * @param detail  admission's detail, e.g. {@code container "app" must set securityContext.allowPrivilegeEscalation=false}
 * @param paths   full JSON paths of the offending fields, or of the nearest existing object that
 *                should carry a missing field, in the enclosing object's coordinates
 */
public record Violation(String control, String reason, String detail, List<String> paths) {
    public Violation {
        Objects.requireNonNull(control, "control");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        paths = List.copyOf(paths);
    }
}
