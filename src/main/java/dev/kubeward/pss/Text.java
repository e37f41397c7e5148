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

    /** Names of setters joined the way admission joins them: {@code pod and container "app"}. */
    static String joinAnd(Collection<String> setters) {
        return String.join(" and ", setters);
    }
}
