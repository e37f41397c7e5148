package dev.kubeward.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The path of a field inside a Kubernetes object, rendered as kubectl's users read it:
 * {@code spec.template.spec.containers[0].securityContext.privileged}. Keys that would be
 * ambiguous in dotted form (annotation keys with dots or slashes) are bracketed and quoted:
 * {@code metadata.annotations['container.apparmor.security.beta.kubernetes.io/app']}.
 *
 * <p>Immutable and shared: each path points at its parent, so building child paths is cheap.
 */
public final class JsonPath {
    public static final JsonPath ROOT = new JsonPath(null, null, -1);

    private final JsonPath parent;
    private final String key;
    private final int index;
    private String rendered;

    private JsonPath(JsonPath parent, String key, int index) {
        this.parent = parent;
        this.key = key;
        this.index = index;
    }

    public static JsonPath of(String... keys) {
        JsonPath path = ROOT;
        for (String k : keys) {
            path = path.key(k);
        }
        return path;
    }

    /**
     * Reads the rendered form back: {@code a.b[0]['key.with/dots']}. Engines that report paths as
     * text (the PSS evaluator) are turned into paths with it.
     */
    public static JsonPath parse(String text) {
        JsonPath path = ROOT;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '.') {
                i++;
            } else if (c == '[' && i + 1 < n && text.charAt(i + 1) == '\'') {
                StringBuilder key = new StringBuilder();
                int j = i + 2;
                while (j < n && text.charAt(j) != '\'') {
                    if (text.charAt(j) == '\\' && j + 1 < n) {
                        j++;
                    }
                    key.append(text.charAt(j++));
                }
                if (j + 1 >= n || text.charAt(j + 1) != ']') {
                    throw new IllegalArgumentException("unterminated key in path: " + text);
                }
                path = path.key(key.toString());
                i = j + 2;
            } else if (c == '[') {
                int close = text.indexOf(']', i);
                if (close < 0) {
                    throw new IllegalArgumentException("unterminated index in path: " + text);
                }
                path = path.index(Integer.parseInt(text.substring(i + 1, close)));
                i = close + 1;
            } else {
                int j = i;
                while (j < n && text.charAt(j) != '.' && text.charAt(j) != '[') {
                    j++;
                }
                path = path.key(text.substring(i, j));
                i = j;
            }
        }
        return path;
    }

    public JsonPath key(String name) {
        return new JsonPath(this, name, -1);
    }

    public JsonPath index(int i) {
        if (i < 0) {
            throw new IllegalArgumentException("negative index " + i);
        }
        return new JsonPath(this, null, i);
    }

    /** Appends every segment of {@code relative} to this path. */
    public JsonPath append(JsonPath relative) {
        JsonPath result = this;
        for (Object segment : relative.segments()) {
            result = segment instanceof Integer i ? result.index(i) : result.key((String) segment);
        }
        return result;
    }

    public boolean isRoot() {
        return parent == null;
    }

    public JsonPath parent() {
        return parent;
    }

    /** The segments from the root: {@link String} keys and {@link Integer} indexes. */
    public List<Object> segments() {
        List<Object> out = new ArrayList<>();
        for (JsonPath p = this; !p.isRoot(); p = p.parent) {
            out.add(p.key != null ? p.key : (Object) p.index);
        }
        Collections.reverse(out);
        return out;
    }

    /** The last key, or null for an index segment or the root. */
    public String lastKey() {
        return key;
    }

    @Override
    public String toString() {
        String r = rendered;
        if (r == null) {
            r = render();
            rendered = r;
        }
        return r;
    }

    private String render() {
        if (isRoot()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(parent.toString());
        if (key == null) {
            sb.append('[').append(index).append(']');
        } else if (needsQuoting(key)) {
            sb.append("['").append(key.replace("\\", "\\\\").replace("'", "\\'")).append("']");
        } else {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(key);
        }
        return sb.toString();
    }

    private static boolean needsQuoting(String key) {
        if (key.isEmpty()) {
            return true;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '-' || c == '$';
            if (!plain) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonPath other && toString().equals(other.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
