package dev.kubeward.pss;

import java.util.Collection;
import java.util.Iterator;

/** Message helpers that reproduce admission's wording conventions. */
final class Text {
    private Text() {
    }

    static String pluralize(String singular, String plural, int count) {
        return count == 1 ? singular : plural;
    }

    /** {@code "a", "b"}: each item double-quoted, joined by comma and space, without escaping. */
    static String joinQuote(Collection<String> items) {
        if (items.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        Iterator<String> it = items.iterator();
        out.append('"').append(it.next());
        while (it.hasNext()) {
            out.append("\", \"").append(it.next());
        }
        return out.append('"').toString();
    }

    /** Go's {@code %q} for the printable strings manifests carry: escapes quotes, backslashes and controls. */
    static String goQuote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** Names of setters joined the way admission joins them: {@code pod and container "app"}. */
    static String joinAnd(Collection<String> setters) {
        return String.join(" and ", setters);
    }
}
