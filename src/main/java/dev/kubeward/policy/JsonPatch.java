package dev.kubeward.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6902 JSON Patch over Jackson trees: add, remove, replace, move, copy, test (also how the
 * webhook's tests apply the patches of {@code /mutate}, as the API server would).
 */
public final class JsonPatch {
    private JsonPatch() {}

    public static final class PatchException extends Exception {
        private static final long serialVersionUID = 1L;

        PatchException(String m) {
            super(m);
        }
    }

    /** Applies the operations to a copy of {@code doc}. */
    public static JsonNode apply(JsonNode doc, List<JsonNode> ops) throws PatchException {
        JsonNode root = doc.deepCopy();
        for (JsonNode op : ops) {
            String kind = op.path("op").asText("");
            String path = op.path("path").asText(null);
            if (path == null) {
                throw new PatchException("missing path in JSON patch operation " + op);
            }
            switch (kind) {
                case "add" -> root = add(root, path, value(op));
                case "remove" -> root = remove(root, path);
                case "replace" -> {
                    get(root, path);
                    root = add(remove(root, path), path, value(op));
                }
                case "move" -> {
                    String from = op.path("from").asText(null);
                    JsonNode v = get(root, from);
                    root = add(remove(root, from), path, v.deepCopy());
                }
                case "copy" -> root = add(root, path, get(root, op.path("from").asText(null)).deepCopy());
                case "test" -> {
                    if (!get(root, path).equals(value(op))) {
                        throw new PatchException("testing value " + path + " failed");
                    }
                }
                default -> throw new PatchException("unexpected kind of JSON patch operation: \"" + kind + "\"");
            }
        }
        return root;
    }

    private static JsonNode value(JsonNode op) throws PatchException {
        if (!op.has("value")) {
            throw new PatchException("missing value in JSON patch operation " + op.path("op").asText());
        }
        return op.get("value").deepCopy();
    }

    static List<String> tokens(String path) throws PatchException {
        if (path == null) {
            throw new PatchException("missing from in JSON patch operation");
        }
        List<String> out = new ArrayList<>();
        if (path.isEmpty()) {
            return out;
        }
        if (!path.startsWith("/")) {
            throw new PatchException("JSON pointer must be empty or start with a \"/\": " + path);
        }
        for (String t : path.substring(1).split("/", -1)) {
            out.add(t.replace("~1", "/").replace("~0", "~"));
        }
        return out;
    }

    private static JsonNode get(JsonNode root, String path) throws PatchException {
        JsonNode cur = root;
        for (String t : tokens(path)) {
            if (cur.isObject() && cur.has(t)) {
                cur = cur.get(t);
            } else if (cur.isArray() && t.matches("0|[1-9][0-9]*") && Integer.parseInt(t) < cur.size()) {
                cur = cur.get(Integer.parseInt(t));
            } else {
                throw new PatchException("doc is missing path: \"" + path + "\"");
            }
        }
        return cur;
    }

    private static JsonNode add(JsonNode root, String path, JsonNode value) throws PatchException {
        List<String> ts = tokens(path);
        if (ts.isEmpty()) {
            return value;
        }
        JsonNode parent = root;
        for (int i = 0; i < ts.size() - 1; i++) {
            String t = ts.get(i);
            if (parent.isObject() && parent.has(t)) {
                parent = parent.get(t);
            } else if (parent.isArray() && t.matches("0|[1-9][0-9]*") && Integer.parseInt(t) < parent.size()) {
                parent = parent.get(Integer.parseInt(t));
            } else {
                throw new PatchException("doc is missing path: \"" + path + "\"");
            }
        }
        String last = ts.get(ts.size() - 1);
        if (parent.isObject()) {
            ((ObjectNode) parent).set(last, value);
        } else if (parent.isArray()) {
            ArrayNode a = (ArrayNode) parent;
            if (last.equals("-")) {
                a.add(value);
            } else if (last.matches("0|[1-9][0-9]*") && Integer.parseInt(last) <= a.size()) {
                a.insert(Integer.parseInt(last), value);
            } else {
                throw new PatchException("add operation does not apply: doc is missing path: \"" + path + "\"");
            }
        } else {
            throw new PatchException("doc is missing path: \"" + path + "\"");
        }
        return root;
    }

    private static JsonNode remove(JsonNode root, String path) throws PatchException {
        List<String> ts = tokens(path);
        if (ts.isEmpty()) {
            throw new PatchException("cannot remove the whole document");
        }
        String parentPath = path.substring(0, path.lastIndexOf('/'));
        JsonNode parent = get(root, parentPath);
        String last = ts.get(ts.size() - 1);
        if (parent.isObject() && parent.has(last)) {
            ((ObjectNode) parent).remove(last);
        } else if (parent.isArray() && last.matches("0|[1-9][0-9]*") && Integer.parseInt(last) < parent.size()) {
            ((ArrayNode) parent).remove(Integer.parseInt(last));
        } else {
            throw new PatchException("remove operation does not apply: doc is missing path: \"" + path + "\"");
        }
        return root;
    }
}
