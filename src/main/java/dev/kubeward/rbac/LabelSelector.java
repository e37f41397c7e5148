package dev.kubeward.rbac;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Kubernetes label selector: every {@code matchLabels} entry and every expression must hold.
 * An empty selector matches every object, as {@code LabelSelectorAsSelector} makes it.
 */
public record LabelSelector(Map<String, String> matchLabels, List<Requirement> matchExpressions) {

    public LabelSelector {
        matchLabels = Map.copyOf(matchLabels);
        matchExpressions = List.copyOf(matchExpressions);
    }

    public boolean matches(Map<String, String> labels) {
        for (Map.Entry<String, String> wanted : matchLabels.entrySet()) {
            if (!wanted.getValue().equals(labels.get(wanted.getKey()))) {
                return false;
            }
        }
        return matchExpressions.stream().allMatch(requirement -> requirement.matches(labels));
    }

    /** One {@code matchExpressions} entry. */
    public record Requirement(String key, Operator operator, Set<String> values) {

        public Requirement {
            values = Set.copyOf(values);
        }

        public boolean matches(Map<String, String> labels) {
            String actual = labels.get(key);
            return switch (operator) {
                case IN -> actual != null && values.contains(actual);
                // NotIn also matches objects that lack the label entirely.
                case NOT_IN -> actual == null || !values.contains(actual);
                case EXISTS -> actual != null;
                case DOES_NOT_EXIST -> actual == null;
            };
        }
    }

    public enum Operator {
        IN("In"),
        NOT_IN("NotIn"),
        EXISTS("Exists"),
        DOES_NOT_EXIST("DoesNotExist");

        private final String text;

        Operator(String text) {
            this.text = text;
        }

        /** The operator spelled as in a manifest, or null when unknown. */
        public static Operator parse(String text) {
            for (Operator operator : values()) {
                if (operator.text.equals(text)) {
                    return operator;
                }
            }
            return null;
        }
    }
}
