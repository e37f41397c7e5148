package dev.kubeward.rbac;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * Whether a subject may make a request. When allowed, {@code reasons} lists every grant that
 * allows it; when denied, {@code explanation} says what was considered.
 */
public record Decision(@JsonIgnore Request request, Subject subject, boolean allowed, List<Via> reasons, String explanation) {

    public Decision {
        reasons = List.copyOf(reasons);
    }

    public String toText() {
        StringBuilder text = new StringBuilder()
                .append(subject).append(allowed ? " CAN " : " CANNOT ").append(request).append('\n');
        reasons.forEach(via -> text.append("  via ").append(via).append('\n'));
        if (!allowed) {
            text.append("  ").append(explanation).append('\n');
        }
        return text.toString();
    }
}
