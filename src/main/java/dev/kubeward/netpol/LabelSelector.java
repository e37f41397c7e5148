package dev.kubeward.netpol;

import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A Kubernetes label selector: all matchLabels AND all matchExpressions must hold. The empty
 * selector matches every label set.
 */
public record LabelSelector(Map<String, String> matchLabels, List<Requirement> matchExpressions) {

    public static final LabelSelector EVERYTHING = new LabelSelector(Map.of(), List.of());

    public LabelSelector {
        matchLabels = Map.copyOf(matchLabels);
        matchExpressions = List.copyOf(matchExpressions);
    }

    public static LabelSelector ofLabels(Map<String, String> labels) {
        return new LabelSelector(labels, List.of());
    }

    public boolean isEmpty() {
        return matchLabels.isEmpty() && matchExpressions.isEmpty();
    }

    public boolean matches(Map<String, String> labels) {
        for (Map.Entry<String, String> wanted : matchLabels.entrySet()) {
            if (!wanted.getValue().equals(labels.get(wanted.getKey()))) {
                return false;
            }
        }
        for (Requirement requirement : matchExpressions) {
            if (!requirement.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        StringJoiner text = new StringJoiner(",", "{", "}");
        matchLabels.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> text.add(e.getKey() + "=" + e.getValue()));
        matchExpressions.forEach(r -> text.add(r.toString()));
        return text.toString();
    }

    /** Set-based selector operators of matchExpressions. */
    public enum Operator {
        IN("In"), NOT_IN("NotIn"), EXISTS("Exists"), DOES_NOT_EXIST("DoesNotExist");

        private final String apiName;

        Operator(String apiName) {
            this.apiName = apiName;
        }

        public static Operator parse(String text) {
            for (Operator op : values()) {
                if (op.apiName.equals(text)) {
                    return op;
                }
            }
            throw new IllegalArgumentException("unknown label selector operator '" + text + "'");
        }

        public String apiName() {
            return apiName;
        }
    }

    /** One matchExpressions entry. NotIn and DoesNotExist match labels that lack the key. */
    public record Requirement(String key, Operator operator, List<String> values) {
        public Requirement {
            values = List.copyOf(values);
        }

        public boolean matches(Map<String, String> labels) {
            String value = labels.get(key);
            return switch (operator) {
                case IN -> value != null && values.contains(value);
                case NOT_IN -> value == null || !values.contains(value);
                case EXISTS -> value != null;
                case DOES_NOT_EXIST -> value == null;
            };
        }

        @Override
        public String toString() {
            return switch (operator) {
                case EXISTS -> key + " Exists";
                case DOES_NOT_EXIST -> key + " DoesNotExist";
                default -> key + " " + operator.apiName() + " (" + String.join(",", values) + ")";
            };
        }
    }
}
