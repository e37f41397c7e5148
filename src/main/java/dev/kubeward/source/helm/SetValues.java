package dev.kubeward.source.helm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --set} as Helm's command line reads it ({@code strvals}): {@code a=1,b.c=two} is two
 * assignments, {@code \,} a literal comma, {@code list={x,y}} the list {@code list[0]=x},
 * {@code list[1]=y}. Each assignment reaches helm-java as one key and one literal value; Helm then
 * types the value ({@code true}, {@code 3}) as {@code --set} does.
 */
public final class SetValues {
    private SetValues() {}

    /** The assignments of one {@code --set} argument, in order; IllegalArgumentException with a sentence. */
    public static Map<String, String> parse(String argument) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : splitTopLevel(argument)) {
            int eq = indexOfUnescaped(part, '=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--set " + argument + ": '" + part + "' is not key=value");
            }
            String key = part.substring(0, eq);
            String value = part.substring(eq + 1);
            if (value.startsWith("{") && value.endsWith("}")) {
                List<String> items = splitTopLevel(value.substring(1, value.length() - 1));
                for (int i = 0; i < items.size(); i++) {
                    out.put(key + "[" + i + "]", unescape(items.get(i)));
                }
                if (items.isEmpty()) {
                    throw new IllegalArgumentException("--set " + argument + ": an empty list {} cannot be passed to the embedded Helm");
                }
            } else {
                out.put(key, unescape(value));
            }
        }
        return out;
    }

    private static List<String> splitTopLevel(String s) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                cur.append(c).append(s.charAt(++i));
                continue;
            }
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(cur.toString());
                cur.setLength(0);
                continue;
            }
            cur.append(c);
        }
        if (!cur.isEmpty() || !parts.isEmpty()) {
            parts.add(cur.toString());
        }
        return parts;
    }

    private static int indexOfUnescaped(String s, char c) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\\') {
                i++;
            } else if (s.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                c = s.charAt(++i);
            }
            b.append(c);
        }
        return b.toString();
    }
}
