package dev.kubeward.rbac;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * Answer to "who can do this request": serialises to
 * {@code {"subjects":[{"kind","name","namespace","via":[{"binding","role","rule"}]}]}}.
 */
public record WhoCanResult(@JsonIgnore Request request, List<SubjectAccess> subjects) {

    public WhoCanResult {
        subjects = List.copyOf(subjects);
    }

    /** True when the given binding subject appears in the answer. */
    public boolean includes(Subject subject) {
        return subjects.stream().anyMatch(access -> access.subject().equals(subject));
    }

    public String toText() {
        StringBuilder text = new StringBuilder("who can ").append(request).append(":\n");
        if (subjects.isEmpty()) {
            text.append("  nobody\n");
        }
        for (SubjectAccess access : subjects) {
            text.append("  ").append(access.subject()).append('\n');
            for (Via via : access.via()) {
                text.append("    via ").append(via).append('\n');
            }
        }
        return text.toString();
    }
}
