package dev.kubeward.source.repo;

import java.nio.charset.StandardCharsets;

/**
 * Git's glob matcher ({@code wildmatch}), which .gitignore patterns are matched with: {@code ?}
 * and {@code *} never match {@code /} under {@link #PATHNAME}, {@code **} does when it stands
 * between slashes or at either end, {@code [...]} classes take ranges, {@code !} or {@code ^}
 * negation and POSIX classes ({@code [:alpha:]} …, ASCII only), and {@code \} quotes the next
 * character. Matching is on the UTF-8 bytes of the path, as git matches the bytes of a file name
 * ({@code ?} is one byte). Malformed patterns (an unclosed class, an unknown {@code [:class:]})
 * match nothing, as in git. Table-tested against git's own t3070-wildmatch.sh.
 */
public final class Wildmatch {
    /** Slashes are separators: {@code *}, {@code ?} and classes do not match them. */
    public static final int PATHNAME = 1;
    /** ASCII letters match either case. */
    public static final int CASEFOLD = 2;

    private static final int MATCH = 0;
    private static final int NO_MATCH = 1;
    private static final int ABORT_ALL = -1;
    private static final int ABORT_TO_STARSTAR = -2;

    private Wildmatch() {}

    public static boolean matches(String pattern, String text, int flags) {
        return matches(pattern.getBytes(StandardCharsets.UTF_8), text.getBytes(StandardCharsets.UTF_8), flags);
    }

    public static boolean matches(byte[] pattern, byte[] text, int flags) {
        return match(pattern, 0, text, 0, flags) == MATCH;
    }

    /** The byte at {@code i}, unsigned, or 0 past the end (the C strings' terminator). */
    private static int at(byte[] s, int i) {
        return i < s.length ? s[i] & 0xff : 0;
    }

    private static int indexOf(byte[] s, int from, int c) {
        for (int i = from; i < s.length; i++) {
            if ((s[i] & 0xff) == c) {
                return i;
            }
        }
        return -1;
    }

    private static int match(byte[] p, int pi, byte[] t, int ti, int flags) {
        final int patternStart = pi;
        final boolean pathname = (flags & PATHNAME) != 0;
        final boolean casefold = (flags & CASEFOLD) != 0;
        for (int pch; (pch = at(p, pi)) != 0; ti++, pi++) {
            int tch = at(t, ti);
            if (tch == 0 && pch != '*') {
                return ABORT_ALL;
            }
            if (casefold && isUpper(tch)) {
                tch = toLower(tch);
            }
            if (casefold && isUpper(pch)) {
                pch = toLower(pch);
            }
            if (pch == '?') {
                if (pathname && tch == '/') {
                    return NO_MATCH;
                }
                continue;
            }
            if (pch == '*') {
                boolean matchSlash;
                if (at(p, ++pi) == '*') {
                    int before = pi - 2;
                    while (at(p, ++pi) == '*') {
                        // a run of asterisks is one
                    }
                    if (!pathname) {
                        matchSlash = true;
                    } else if ((before < patternStart || at(p, before) == '/')
                            && (at(p, pi) == 0 || at(p, pi) == '/' || (at(p, pi) == '\\' && at(p, pi + 1) == '/'))) {
                        // "**/" may match no directory at all: try the rest of the pattern right here.
                        if (at(p, pi) == '/' && match(p, pi + 1, t, ti, flags) == MATCH) {
                            return MATCH;
                        }
                        matchSlash = true;
                    } else {
                        matchSlash = false;
                    }
                } else {
                    matchSlash = !pathname;
                }
                if (at(p, pi) == 0) {
                    // A trailing "**" matches everything; a trailing "*" only when no slash is left.
                    return !matchSlash && indexOf(t, ti, '/') >= 0 ? NO_MATCH : MATCH;
                }
                if (!matchSlash && at(p, pi) == '/') {
                    // One asterisk then a slash: the rest of this directory name.
                    int slash = indexOf(t, ti, '/');
                    if (slash < 0) {
                        return NO_MATCH;
                    }
                    ti = slash;
                    continue;
                }
                while (true) {
                    if (tch == 0) {
                        break;
                    }
                    int next = at(p, pi);
                    if (!isGlobSpecial(next)) {
                        // Skip ahead to the literal that follows the asterisk.
                        int literal = casefold && isUpper(next) ? toLower(next) : next;
                        while ((tch = at(t, ti)) != 0 && (matchSlash || tch != '/')) {
                            if (casefold && isUpper(tch)) {
                                tch = toLower(tch);
                            }
                            if (tch == literal) {
                                break;
                            }
                            ti++;
                        }
                        if (tch != literal) {
                            return NO_MATCH;
                        }
                    }
                    int matched = match(p, pi, t, ti, flags);
                    if (matched != NO_MATCH) {
                        if (!matchSlash || matched != ABORT_TO_STARSTAR) {
                            return matched;
                        }
                    } else if (!matchSlash && tch == '/') {
                        return ABORT_TO_STARSTAR;
                    }
                    tch = at(t, ++ti);
                }
                return ABORT_ALL;
            }
            if (pch == '[') {
                pch = at(p, ++pi);
                if (pch == '^') {
                    pch = '!';
                }
                boolean negated = pch == '!';
                if (negated) {
                    pch = at(p, ++pi);
                }
                int prev = 0;
                boolean matched = false;
                do {
                    if (pch == 0) {
                        return ABORT_ALL;
                    }
                    if (pch == '\\') {
                        pch = at(p, ++pi);
                        if (pch == 0) {
                            return ABORT_ALL;
                        }
                        if (tch == pch) {
                            matched = true;
                        }
                    } else if (pch == '-' && prev != 0 && at(p, pi + 1) != 0 && at(p, pi + 1) != ']') {
                        pch = at(p, ++pi);
                        if (pch == '\\') {
                            pch = at(p, ++pi);
                            if (pch == 0) {
                                return ABORT_ALL;
                            }
                        }
                        if (tch <= pch && tch >= prev) {
                            matched = true;
                        } else if (casefold && isLower(tch)) {
                            int upper = toUpper(tch);
                            if (upper <= pch && upper >= prev) {
                                matched = true;
                            }
                        }
                        pch = 0; // a range cannot start another range
                    } else if (pch == '[' && at(p, pi + 1) == ':') {
                        pi += 2;
                        int start = pi;
                        while ((pch = at(p, pi)) != 0 && pch != ']') {
                            pi++;
                        }
                        if (pch == 0) {
                            return ABORT_ALL;
                        }
                        int length = pi - start - 1;
                        if (length < 0 || at(p, pi - 1) != ':') {
                            // No ":]": the '[' is an ordinary member of the set.
                            pi = start - 2;
                            pch = '[';
                            if (tch == pch) {
                                matched = true;
                            }
                            continue;
                        }
                        Boolean inClass = inClass(new String(p, start, length, StandardCharsets.ISO_8859_1), tch, casefold);
                        if (inClass == null) {
                            return ABORT_ALL;
                        }
                        matched |= inClass;
                        pch = 0;
                    } else if (tch == pch) {
                        matched = true;
                    }
                } while (advance(prev = pch) && (pch = at(p, ++pi)) != ']');
                if (matched == negated || (pathname && tch == '/')) {
                    return NO_MATCH;
                }
                continue;
            }
            if (pch == '\\') {
                // The next character literally (nothing, at the end of the pattern, matches nothing).
                pch = at(p, ++pi);
            }
            if (tch != pch) {
                return NO_MATCH;
            }
        }
        return at(t, ti) != 0 ? NO_MATCH : MATCH;
    }

    /** Lets the class loop record the previous member in its condition, as the C loop does. */
    private static boolean advance(int ignored) {
        return true;
    }

    /** Membership of a POSIX class, or null for a class name git does not know. */
    private static Boolean inClass(String name, int c, boolean casefold) {
        return switch (name) {
            case "alnum" -> isAlpha(c) || isDigit(c);
            case "alpha" -> isAlpha(c);
            case "blank" -> c == ' ' || c == '\t';
            case "cntrl" -> c < 0x20 || c == 0x7f;
            case "digit" -> isDigit(c);
            case "graph" -> c > 0x20 && c < 0x7f;
            case "lower" -> isLower(c);
            case "print" -> c >= 0x20 && c < 0x7f;
            case "punct" -> c > 0x20 && c < 0x7f && !isAlpha(c) && !isDigit(c);
            // git's own ctype: space, tab, line feed and carriage return
            case "space" -> c == ' ' || c == '\t' || c == '\n' || c == '\r';
            case "upper" -> isUpper(c) || (casefold && isLower(c));
            case "xdigit" -> isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            default -> null;
        };
    }

    static boolean isGlobSpecial(int c) {
        return c == '*' || c == '?' || c == '[' || c == '\\';
    }

    private static boolean isUpper(int c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean isLower(int c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isAlpha(int c) {
        return isUpper(c) || isLower(c);
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static int toLower(int c) {
        return c + ('a' - 'A');
    }

    private static int toUpper(int c) {
        return c - ('a' - 'A');
    }
}
