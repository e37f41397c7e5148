package dev.kubeward.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.model.JsonPath;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToIntFunction;

/**
 * Reading the fields of a configuration file with located errors: the one place that says what a
 * mapping, an unknown key and a list of strings must look like, for {@link Config} and for the
 * sections other packages read from the same file (the runtime's allow lists, say).
 */
public record ConfigFields(String file, ToIntFunction<JsonPath> lineOf) {

    /** An error at the line of {@code path}. */
    public ConfigException error(JsonPath path, String message) {
        return new ConfigException(file, lineOf.applyAsInt(path), message);
    }

    /** {@code node} must be a mapping whose keys are all in {@code allowed} (any key when null). */
    public void requireObject(JsonNode node, JsonPath path, Set<String> allowed) throws ConfigException {
        if (!node.isObject()) {
            throw error(path, (path.isRoot() ? "the configuration" : path + "") + " must be a mapping");
        }
        if (allowed == null) {
            return;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw error(path.key(k), "unknown key '" + k + "' (expected one of " + String.join(", ",
                        new TreeSet<>(allowed)) + ")");
            }
        }
    }

    /** A list of non-empty strings; absent or null is the empty list. */
    public List<String> strings(JsonNode node, JsonPath path) throws ConfigException {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            throw error(path, path + " must be a list of strings");
        }
        for (int i = 0; i < node.size(); i++) {
            if (!node.path(i).isTextual() || node.path(i).textValue().isBlank()) {
                throw error(path.index(i), path + " must be a list of non-empty strings");
            }
            out.add(node.path(i).textValue());
        }
        return out;
    }
}
