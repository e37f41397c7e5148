package dev.kubeward.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Reading JSON values with the API server's types in mind: the one set of read helpers of the
 * project (checks and engines alike). YAML such as {@code runAsUser: 1e3} reaches the API server
 * as the JSON number 1000, so integers are read from any integral number, not only from integer
 * nodes. The field readers ({@link #field}, {@link #goString} …) mirror how the Go API types
 * decode: an absent field and an explicit JSON {@code null} both mean "unset".
 */
public final class Json {
    private Json() {}

    /** The integer value of a JSON number that is integral, else empty. */
    public static OptionalLong integer(JsonNode node) {
        if (node == null || !node.isNumber()) {
            return OptionalLong.empty();
        }
        if (node.canConvertToExactIntegral() && node.canConvertToLong()) {
            return OptionalLong.of(node.longValue());
        }
        return OptionalLong.empty();
    }

    /** True only for the JSON boolean true: the string "true" is not a boolean to the API server. */
    public static boolean isTrue(JsonNode node) {
        return node != null && node.isBoolean() && node.booleanValue();
    }

    public static boolean isFalse(JsonNode node) {
        return node != null && node.isBoolean() && !node.booleanValue();
    }

    /** The text of a string node, else null. */
    public static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : null;
    }

    /** The text of a string node that is not empty (a name, a kind), else null. */
    public static String nonEmptyText(JsonNode node) {
        String text = text(node);
        return text == null || text.isEmpty() ? null : text;
    }

    /** A map of string values (labels, annotations); non-string values are left out. */
    public static Map<String, String> stringMap(JsonNode node) {
        if (node == null || !node.isObject() || node.isEmpty()) {
            return Collections.emptyMap();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isTextual()) {
                out.put(e.getKey(), e.getValue().textValue());
            }
        }
        return out;
    }

    /** The child value, or null when the parent is not an object or the field is absent or JSON null. */
    public static JsonNode field(JsonNode parent, String name) {
        if (parent == null || !parent.isObject()) {
            return null;
        }
        JsonNode child = parent.get(name);
        return child == null || child.isNull() || child.isMissingNode() ? null : child;
    }

    /** The array under {@code name}, or null when unset or not an array. */
    public static JsonNode array(JsonNode parent, String name) {
        JsonNode child = field(parent, name);
        return child != null && child.isArray() ? child : null;
    }

    /** A string field as Go decodes it: unset reads as "", a non-string scalar by its text. */
    public static String goString(JsonNode parent, String name) {
        JsonNode child = field(parent, name);
        return child == null ? "" : scalarText(child);
    }

    /** A string value; non-string scalars (which the API server would reject) are read by their text form. */
    public static String scalarText(JsonNode value) {
        return value.isTextual() ? value.textValue() : value.asText();
    }

    public static boolean isTrue(JsonNode parent, String name) {
        return isTrue(field(parent, name));
    }

    public static boolean isFalse(JsonNode parent, String name) {
        return isFalse(field(parent, name));
    }

    /** Whether a numeric field is set to exactly zero. */
    public static boolean isZero(JsonNode parent, String name) {
        JsonNode child = field(parent, name);
        return child != null && child.isNumber() && child.doubleValue() == 0d;
    }
}
