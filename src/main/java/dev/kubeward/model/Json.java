package dev.kubeward.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Reading JSON values with the API server's types in mind. YAML such as {@code runAsUser: 1e3}
 * reaches the API server as the JSON number 1000, so integers are read from any integral
 * number, not only from integer nodes.
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
}
