package dev.kubeward.check;

/**
 * Shell-style globs for namespaces, names, check ids and image references: {@code *} is any run
 * of characters (slashes included), {@code ?} one character. One definition, so that the same
 * pattern means the same thing in every part of the configuration.
 */
public final class Glob {
    private Glob() {}

    public static boolean matches(String glob, String text) {
        String t = text == null ? "" : text;
        // Greedy matching that backtracks only to the last '*': linear in practice and at worst
        // glob length times text length, so that a hostile pattern in an annotation
        // ("*a*a*a*a…b") cannot stall a scan the way plain recursion would.
        int g = 0;
        int i = 0;
        int star = -1;
        int mark = 0;
        while (i < t.length()) {
            if (g < glob.length() && (glob.charAt(g) == '?' || (glob.charAt(g) != '*' && glob.charAt(g) == t.charAt(i)))) {
                g++;
                i++;
            } else if (g < glob.length() && glob.charAt(g) == '*') {
                star = g++;
                mark = i;
            } else if (star >= 0) {
                g = star + 1;
                i = ++mark;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }
}
