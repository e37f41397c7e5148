package dev.kubeward.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Where every field of a parsed document stands in its file.
 *
 * <p>Positions are stored on the containers (each object remembers where each of its keys
 * stands, each array where each element starts), keyed by node identity. Keeping them on the
 * container rather than on the value matters: Jackson shares value nodes such as
 * {@code true} or small integers, and an object flattened out of a {@code kind: List} keeps
 * its positions without any re-rooting.
 */
public final class SourceMap {
    private final Map<JsonNode, Map<String, Position>> keyPositions = new IdentityHashMap<>();
    private final Map<JsonNode, Position[]> elementPositions = new IdentityHashMap<>();
    private final Map<JsonNode, Position> nodeStarts = new IdentityHashMap<>();

    public void recordStart(JsonNode container, Position start) {
        nodeStarts.putIfAbsent(container, start);
    }

    public void recordKey(JsonNode object, String key, Position position) {
        keyPositions.computeIfAbsent(object, k -> new HashMap<>()).put(key, position);
    }

    public void recordElements(JsonNode array, Position[] positions) {
        elementPositions.put(array, positions);
    }

    /** Where {@code key} of {@code object} was written, or null. */
    public Position keyPosition(JsonNode object, String key) {
        Map<String, Position> keys = keyPositions.get(object);
        return keys == null ? null : keys.get(key);
    }

    /**
     * The position of {@code path} below {@code root}; when the path does not exist (a field
     * that is missing), the position of the deepest part of it that does.
     */
    public Position locate(JsonNode root, JsonPath path) {
        Position best = nodeStarts.getOrDefault(root, Position.START);
        JsonNode current = root;
        for (Object segment : path.segments()) {
            if (current == null) {
                break;
            }
            if (segment instanceof Integer i) {
                Position[] elements = elementPositions.get(current);
                if (!current.isArray() || i >= current.size()) {
                    break;
                }
                if (elements != null && i < elements.length && elements[i] != null) {
                    best = elements[i];
                }
                current = current.get(i);
            } else {
                String key = (String) segment;
                if (!current.isObject() || !current.has(key)) {
                    break;
                }
                Map<String, Position> keys = keyPositions.get(current);
                Position p = keys == null ? null : keys.get(key);
                if (p != null) {
                    best = p;
                }
                current = current.get(key);
            }
        }
        return best;
    }
}
