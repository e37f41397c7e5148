package dev.kubeward.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A metav1.LabelSelector: matchLabels and matchExpressions, all ANDed. An empty selector
 * matches everything; a null (absent) one is for the caller to interpret, as the API differs
 * by field.
 */
public record LabelSelector(Map<String, String> matchLabels, List<Requirement> expressions) {

    public enum Operator { IN, NOT_IN, EXISTS, DOES_NOT_EXIST }

    public record Requirement(String key, Operator operator, Set<String> values) {
        boolean matches(Map<String, String> labels) {
            String v = labels.get(key);
            return switch (operator) {
                case IN -> v != null && values.contains(v);
                case NOT_IN -> v == null || !values.contains(v);
                case EXISTS -> v != null;
                case DOES_NOT_EXIST -> v == null;
            };
        }
    }

    /** Parses a selector; an unknown operator yields a selector that matches nothing, as the API rejects it. */
    public static LabelSelector parse(JsonNode node) {
        Map<String, String> labels = Json.stringMap(node.path("matchLabels"));
        List<Requirement> reqs = new ArrayList<>();
        for (JsonNode e : node.path("matchExpressions")) {
            Set<String> values = new TreeSet<>();
            e.path("values").forEach(v -> values.add(v.asText()));
            Operator op = switch (e.path("operator").asText()) {
                case "In" -> Operator.IN;
                case "NotIn" -> Operator.NOT_IN;
                case "Exists" -> Operator.EXISTS;
                case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
                default -> null;
            };
            if (op == null) {
                return new LabelSelector(Map.of(), List.of(new Requirement("", Operator.IN, Set.of())));
            }
            reqs.add(new Requirement(e.path("key").asText(), op, values));
        }
        return new LabelSelector(labels, reqs);
    }

    public boolean isEmpty() {
        return matchLabels.isEmpty() && expressions.isEmpty();
    }

    public boolean matches(Map<String, String> labels) {
        for (Map.Entry<String, String> e : matchLabels.entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        for (Requirement r : expressions) {
            if (!r.matches(labels)) {
                return false;
            }
        }
        return true;
    }
}
