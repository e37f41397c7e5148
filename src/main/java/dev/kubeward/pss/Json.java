package dev.kubeward.pss;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Null-tolerant reads over Jackson trees that mirror how the Go API types decode: an absent field
 * and an explicit JSON {@code null} both mean "unset", and an unset string reads as "".
 */
final class Json {
    private Json() {
    }

    /** The child object or value, or {@code null} when the parent is not an object or the field is unset. */
    static JsonNode get(JsonNode parent, String field) {
        if (parent == null || !parent.isObject()) {
            return null;
        }
        JsonNode child = parent.get(field);
        return child == null || child.isNull() || child.isMissingNode() ? null : child;
    }

    /** The array under {@code field}, or {@code null} when unset or not an array. */
    static JsonNode array(JsonNode parent, String field) {
        JsonNode child = get(parent, field);
        return child != null && child.isArray() ? child : null;
    }

    /** A string field as Go would see it: unset reads as "". */
    static String text(JsonNode parent, String field) {
        JsonNode child = get(parent, field);
        return child == null ? "" : asText(child);
    }

    /** A string value; non-string scalars (which the API server would reject) are read by their text form. */
    static String asText(JsonNode value) {
        return value.isTextual() ? value.textValue() : value.asText();
    }

    static boolean isTrue(JsonNode parent, String field) {
        JsonNode child = get(parent, field);
        return child != null && child.isBoolean() && child.booleanValue();
    }

    static boolean isFalse(JsonNode parent, String field) {
        JsonNode child = get(parent, field);
        return child != null && child.isBoolean() && !child.booleanValue();
    }

    /** Whether a numeric field is set to exactly zero. */
    static boolean isZero(JsonNode parent, String field) {
        JsonNode child = get(parent, field);
        return child != null && child.isNumber() && child.doubleValue() == 0d;
    }
}
