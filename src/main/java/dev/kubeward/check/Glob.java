package dev.kubeward.check;

/**
 * Shell-style globs for namespaces, names, check ids and image references: {@code *} is any run
 * of characters (slashes included), {@code ?} one character. One definition, so that the same
 * pattern means the same thing in every part of the configuration.
 */
public final class Glob {
    private Glob() {}

    public static boolean matches(String glob, String text) {
        return matches(glob, 0, text == null ? "" : text, 0);
    }

    private static boolean matches(String g, int gi, String t, int ti) {
        while (gi < g.length()) {
            char c = g.charAt(gi);
            if (c == '*') {
                for (int k = ti; k <= t.length(); k++) {
                    if (matches(g, gi + 1, t, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (ti >= t.length() || (c != '?' && c != t.charAt(ti))) {
                return false;
            }
            gi++;
            ti++;
        }
        return ti == t.length();
    }
}
