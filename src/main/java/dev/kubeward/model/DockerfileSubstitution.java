package dev.kubeward.model;

import java.util.Map;
import java.util.Optional;

/**
 * Variable substitution as the Dockerfile frontend does it in FROM and ARG defaults:
 * {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-word}}, {@code ${VAR-word}}, {@code ${VAR:+word}}
 * and {@code ${VAR+word}}. A variable absent from {@code vars} is unset and expands to nothing;
 * the escape character before '$' keeps it literal. Public so that checks substitute in other
 * instructions (USER) by the same rules.
 */
public final class DockerfileSubstitution {
    private DockerfileSubstitution() {}

    /** Thrown inside a strict expansion when the result depends on a variable whose value is not known. */
    private static final class Unknown extends RuntimeException {
        Unknown() {
            super(null, null, false, false);
        }
    }

    public static String expand(String text, Map<String, String> vars, char escape) {
        return expand(text, vars, escape, false);
    }

    /**
     * Like {@link #expand}, for a scope that is only partly known (a base image's ENV, a
     * {@code --build-arg}): empty when the text refers to any variable absent from {@code vars},
     * since its value, or whether it is set at all, is unknown.
     */
    public static Optional<String> expandKnown(String text, Map<String, String> vars, char escape) {
        try {
            return Optional.of(expand(text, vars, escape, true));
        } catch (Unknown e) {
            return Optional.empty();
        }
    }

    private static String expand(String text, Map<String, String> vars, char escape, boolean strict) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == escape && i + 1 < text.length() && text.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
            } else if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                int close = matchingBrace(text, i + 2);
                if (close < 0) {
                    out.append(text.substring(i));
                    break;
                }
                out.append(braced(text.substring(i + 2, close), vars, escape, strict));
                i = close + 1;
            } else if (c == '$' && i + 1 < text.length() && isNameStart(text.charAt(i + 1))) {
                int end = i + 1;
                while (end < text.length() && isNamePart(text.charAt(end))) {
                    end++;
                }
                String value = lookup(text.substring(i + 1, end), vars, strict);
                out.append(value == null ? "" : value);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String lookup(String name, Map<String, String> vars, boolean strict) {
        if (strict && !vars.containsKey(name)) {
            throw new Unknown();
        }
        return vars.get(name);
    }

    private static String braced(String inner, Map<String, String> vars, char escape, boolean strict) {
        int nameEnd = 0;
        while (nameEnd < inner.length() && isNamePart(inner.charAt(nameEnd))) {
            nameEnd++;
        }
        String name = inner.substring(0, nameEnd);
        String op = inner.substring(nameEnd);
        String value = lookup(name, vars, strict);
        boolean set = value != null;
        boolean nonEmpty = set && !value.isEmpty();
        if (op.startsWith(":-")) {
            return nonEmpty ? value : expand(op.substring(2), vars, escape, strict);
        }
        if (op.startsWith("-")) {
            return set ? value : expand(op.substring(1), vars, escape, strict);
        }
        if (op.startsWith(":+")) {
            return nonEmpty ? expand(op.substring(2), vars, escape, strict) : "";
        }
        if (op.startsWith("+")) {
            return set ? expand(op.substring(1), vars, escape, strict) : "";
        }
        return set ? value : "";
    }

    private static int matchingBrace(String text, int from) {
        int depth = 1;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isNameStart(char c) {
        return c == '_' || Character.isLetter(c);
    }

    private static boolean isNamePart(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }
}
