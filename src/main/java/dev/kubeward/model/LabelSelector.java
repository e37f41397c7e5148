package dev.kubeward.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A metav1.LabelSelector: matchLabels and matchExpressions, all ANDed. An empty selector
 * matches everything; a null (absent) one is for the caller to interpret, as the API differs
 * by field.
 */
public record LabelSelector(Map<String, String> matchLabels, List<Requirement> expressions) {

    /** The empty selector, {@code {}}: it matches every label set. */
    public static final LabelSelector EVERYTHING = new LabelSelector(Map.of(), List.of());

    public enum Operator {
        IN("In"), NOT_IN("NotIn"), EXISTS("Exists"), DOES_NOT_EXIST("DoesNotExist");

        private final String apiName;

        Operator(String apiName) {
            this.apiName = apiName;
        }

        /** The operator as a manifest spells it. */
        public String apiName() {
            return apiName;
        }

        /** The operator a manifest names, or null when the API does not know it. */
        public static Operator parse(String text) {
            for (Operator operator : values()) {
                if (operator.apiName.equals(text)) {
                    return operator;
                }
            }
            return null;
        }
    }

    public record Requirement(String key, Operator operator, Set<String> values) {
        /** NotIn and DoesNotExist match label sets that lack the key. */
        public boolean matches(Map<String, String> labels) {
            String v = labels.get(key);
            return switch (operator) {
                case IN -> v != null && values.contains(v);
                case NOT_IN -> v == null || !values.contains(v);
                case EXISTS -> v != null;
                case DOES_NOT_EXIST -> v == null;
            };
        }

        @Override
        public String toString() {
            return switch (operator) {
                case EXISTS, DOES_NOT_EXIST -> key + " " + operator.apiName();
                default -> key + " " + operator.apiName() + " (" + String.join(",", values) + ")";
            };
        }
    }

    /** A selector of matchLabels only, such as a Service's selector. */
    public static LabelSelector ofLabels(Map<String, String> labels) {
        return new LabelSelector(Map.copyOf(labels), List.of());
    }

    /** Parses a selector; an unknown operator yields a selector that matches nothing, as the API rejects it. */
    public static LabelSelector parse(JsonNode node) {
        Map<String, String> labels = Json.stringMap(node.path("matchLabels"));
        List<Requirement> reqs = new ArrayList<>();
        for (JsonNode e : node.path("matchExpressions")) {
            Set<String> values = new TreeSet<>();
            e.path("values").forEach(v -> values.add(v.asText()));
            Operator op = Operator.parse(e.path("operator").asText());
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

    /** {@code {app=web,tier In (a,b)}}: matchLabels sorted by key, then the expressions in order. */
    @Override
    public String toString() {
        StringJoiner text = new StringJoiner(",", "{", "}");
        matchLabels.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> text.add(e.getKey() + "=" + e.getValue()));
        expressions.forEach(r -> text.add(r.toString()));
        return text.toString();
    }

    // ------------------------------------------------------------------ validation

    /*
     * The API server's checks and wording, from k8s.io/apimachinery: ValidateLabelSelector and
     * ValidateLabelSelectorRequirement (pkg/apis/meta/v1/validation), IsQualifiedName / IsLabelKey
     * and IsLabelValue (pkg/api/validate/content), IsDNS1123Subdomain, RegexError and MaxLenError
     * (pkg/util/validation).
     */
    private static final String LABEL_KEY_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private static final String LABEL_KEY_MSG = "must consist of alphanumeric characters, '-', '_' or '.', "
            + "and must start and end with an alphanumeric character";
    private static final String LABEL_VALUE_FMT = "(" + LABEL_KEY_FMT + ")?";
    private static final String LABEL_VALUE_MSG = "a valid label must be an empty string or consist of alphanumeric "
            + "characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private static final String DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final String DNS1123_SUBDOMAIN_FMT = DNS1123_LABEL_FMT + "(\\." + DNS1123_LABEL_FMT + ")*";
    private static final String DNS1123_SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case "
            + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
    private static final Pattern LABEL_KEY = Pattern.compile(LABEL_KEY_FMT);
    private static final Pattern LABEL_VALUE = Pattern.compile(LABEL_VALUE_FMT);
    private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(DNS1123_SUBDOMAIN_FMT);

    /**
     * What the API server rejects in the selector at {@code path}, in its words (an empty list when
     * it accepts the selector): bad label keys and values, unknown operators, values missing for
     * In/NotIn or present for Exists/DoesNotExist.
     */
    public static List<FieldError> validate(JsonNode selector, JsonPath path) {
        List<FieldError> errors = new ArrayList<>();
        if (selector == null || selector.isNull() || selector.isMissingNode()) {
            return errors;
        }
        if (!selector.isObject()) {
            errors.add(FieldError.invalid(path, new FieldError.Raw(selector.toString()), "must be a label selector object"));
            return errors;
        }
        JsonNode labels = selector.path("matchLabels");
        JsonPath labelsPath = path.key("matchLabels");
        if (!labels.isMissingNode() && !labels.isNull() && !labels.isObject()) {
            errors.add(FieldError.invalid(labelsPath, new FieldError.Raw(labels.toString()), "must be a map of labels"));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> label = it.next();
            labelKeyErrors(label.getKey()).forEach(m -> errors.add(FieldError.invalid(labelsPath, label.getKey(), m)));
            if (!label.getValue().isTextual()) {
                errors.add(FieldError.invalid(labelsPath.key(label.getKey()), new FieldError.Raw(label.getValue().toString()),
                        "a label value must be a string"));
                continue;
            }
            String value = label.getValue().textValue();
            labelValueErrors(value).forEach(m -> errors.add(FieldError.invalid(labelsPath, value, m)));
        }
        JsonNode expressions = selector.path("matchExpressions");
        if (!expressions.isMissingNode() && !expressions.isNull() && !expressions.isArray()) {
            errors.add(FieldError.invalid(path.key("matchExpressions"), new FieldError.Raw(expressions.toString()),
                    "must be a list"));
            return errors;
        }
        for (int i = 0; i < expressions.size(); i++) {
            JsonNode expression = expressions.path(i);
            JsonPath at = path.key("matchExpressions").index(i);
            if (!expression.isObject()) {
                errors.add(FieldError.invalid(at, new FieldError.Raw(expression.toString()), "must be an object"));
                continue;
            }
            String operator = expression.path("operator").asText("");
            JsonNode values = expression.path("values");
            if (!values.isMissingNode() && !values.isNull() && !values.isArray()) {
                errors.add(FieldError.invalid(at.key("values"), new FieldError.Raw(values.toString()), "must be a list"));
                continue;
            }
            Operator op = Operator.parse(operator);
            if (op == Operator.IN || op == Operator.NOT_IN) {
                if (values.size() == 0) {
                    errors.add(FieldError.required(at.key("values"), "must be specified when `operator` is 'In' or 'NotIn'"));
                }
            } else if (op != null) {
                if (values.size() > 0) {
                    errors.add(FieldError.forbidden(at.key("values"),
                            "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
                }
            } else {
                errors.add(FieldError.invalid(at.key("operator"), operator, "not a valid selector operator"));
            }
            String key = expression.path("key").asText("");
            labelKeyErrors(key).forEach(m -> errors.add(FieldError.invalid(at.key("key"), key, m)));
            for (int v = 0; v < values.size(); v++) {
                String value = values.path(v).asText();
                JsonPath valuePath = at.key("values").index(v);
                labelValueErrors(value).forEach(m -> errors.add(FieldError.invalid(valuePath, value, m)));
            }
        }
        return errors;
    }

    /** IsQualifiedName: an optional DNS subdomain prefix and '/', then a name of at most 63 characters. */
    static List<String> labelKeyErrors(String key) {
        List<String> errors = new ArrayList<>();
        String[] parts = key.split("/", -1);
        String name;
        if (parts.length == 1) {
            name = parts[0];
        } else if (parts.length == 2) {
            String prefix = parts[0];
            name = parts[1];
            if (prefix.isEmpty()) {
                errors.add("prefix part must be non-empty");
            } else {
                if (prefix.length() > 253) {
                    errors.add("prefix part must be no more than 253 characters");
                }
                if (!DNS1123_SUBDOMAIN.matcher(prefix).matches()) {
                    errors.add("prefix part " + regexError(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, "example.com"));
                }
            }
        } else {
            errors.add("a valid label key " + regexError(LABEL_KEY_MSG, LABEL_KEY_FMT, "MyName", "my.name", "123-abc")
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
            return errors;
        }
        if (name.isEmpty()) {
            errors.add("name part must be non-empty");
        } else if (name.length() > 63) {
            errors.add("name part must be no more than 63 characters");
        }
        if (!LABEL_KEY.matcher(name).matches()) {
            errors.add("name part " + regexError(LABEL_KEY_MSG, LABEL_KEY_FMT, "MyName", "my.name", "123-abc"));
        }
        return errors;
    }

    /** IsValidLabelValue: empty, or at most 63 characters of the label-key alphabet. */
    static List<String> labelValueErrors(String value) {
        List<String> errors = new ArrayList<>();
        if (value.length() > 63) {
            errors.add("must be no more than 63 characters");
        }
        if (!LABEL_VALUE.matcher(value).matches()) {
            errors.add(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, "MyValue", "my_value", "12345"));
        }
        return errors;
    }

    /** apimachinery's RegexError, double spaces included: {@code msg (e.g. 'a',  or 'b', regex used ...)}. */
    private static String regexError(String message, String format, String... examples) {
        StringBuilder out = new StringBuilder(message).append(" (e.g. ");
        for (int i = 0; i < examples.length; i++) {
            out.append(i > 0 ? " or " : "").append('\'').append(examples[i]).append("', ");
        }
        return out.append("regex used for validation is '").append(format).append("')").toString();
    }
}
