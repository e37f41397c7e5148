package dev.kubeward.image.version;

import java.nio.charset.StandardCharsets;

/**
 * Alpine package versions, as apk-tools compares them ({@code src/version.c},
 * {@code apk_version_compare}): {@code digit{.digit}...{letter}{_suffix{number}}...{~hash}{-rN}}.
 * Tokens are compared one by one: numbers numerically, except that a dotted number with a leading
 * zero compares as a string; a letter by its code; suffixes in the order {@code alpha < beta < pre
 * < rc < (none) < cvs < svn < git < hg < p}; at the first difference in the kind of token, a
 * pre-release suffix makes its version older, and otherwise the version that goes on is newer.
 * A version that apk would reject still compares as apk compares it (up to the invalid token),
 * because apk itself does; {@link #validate} says whether apk accepts it.
 */
public final class Apk implements VersionOrdering {
    public static final Apk INSTANCE = new Apk();

    private Apk() {}

    private static final int INITIAL_DIGIT = 0;
    private static final int DIGIT = 1;
    private static final int LETTER = 2;
    private static final int SUFFIX = 3;
    private static final int SUFFIX_NO = 4;
    private static final int COMMIT_HASH = 5;
    private static final int REVISION_NO = 6;
    private static final int END = 7;
    private static final int INVALID = 8;

    private static final String[] SUFFIXES = {"", "alpha", "beta", "pre", "rc", "", "cvs", "svn", "git", "hg", "p"};
    private static final int SUFFIX_INVALID = 0;
    private static final int SUFFIX_NONE = 5;

    @Override
    public String name() {
        return "apk";
    }

    /** One token and where the reading stands. */
    private static final class State {
        final byte[] s;
        int pos;
        int token;
        int suffix;
        long number;
        int valueStart;
        int valueEnd;

        State(String v) {
            s = v.getBytes(StandardCharsets.UTF_8);
        }

        int len() {
            return s.length - pos;
        }
    }

    private static void parseDigits(State t) {
        int start = t.pos;
        long n = 0;
        while (t.pos < t.s.length && t.s[t.pos] >= '0' && t.s[t.pos] <= '9') {
            n = n * 10 + (t.s[t.pos] - '0');
            t.pos++;
        }
        t.number = n;
        t.valueStart = start;
        t.valueEnd = t.pos;
        if (t.valueEnd == t.valueStart) {
            t.token = INVALID;
        }
    }

    private static void first(State t) {
        t.token = INITIAL_DIGIT;
        parseDigits(t);
    }

    private static int suffixValue(byte[] s, int from, int to) {
        String suf = new String(s, from, to - from, StandardCharsets.US_ASCII);
        for (int i = 1; i < SUFFIXES.length; i++) {
            if (i != SUFFIX_NONE && SUFFIXES[i].equals(suf)) {
                return i;
            }
        }
        return SUFFIX_INVALID;
    }

    private static void next(State t) {
        if (t.len() == 0) {
            t.token = END;
            return;
        }
        int c = t.s[t.pos];
        if (c >= 'a' && c <= 'z') {
            if (t.token > DIGIT) {
                t.token = INVALID;
                return;
            }
            t.valueStart = t.pos;
            t.valueEnd = t.pos + 1;
            t.token = LETTER;
            t.pos++;
        } else if (c == '.' || (c >= '0' && c <= '9')) {
            if (c == '.') {
                if (t.token > DIGIT) {
                    t.token = INVALID;
                    return;
                }
                t.pos++;
            }
            switch (t.token) {
                case INITIAL_DIGIT, DIGIT -> t.token = DIGIT;
                case SUFFIX -> t.token = SUFFIX_NO;
                default -> {
                    t.token = INVALID;
                    return;
                }
            }
            parseDigits(t);
        } else if (c == '_') {
            if (t.token > SUFFIX_NO) {
                t.token = INVALID;
                return;
            }
            t.pos++;
            int start = t.pos;
            while (t.pos < t.s.length && t.s[t.pos] >= 'a' && t.s[t.pos] <= 'z') {
                t.pos++;
            }
            t.valueStart = start;
            t.valueEnd = t.pos;
            t.suffix = suffixValue(t.s, start, t.pos);
            t.token = t.suffix == SUFFIX_INVALID ? INVALID : SUFFIX;
        } else if (c == '~') {
            if (t.token >= COMMIT_HASH) {
                t.token = INVALID;
                return;
            }
            t.pos++;
            int start = t.pos;
            while (t.pos < t.s.length && hex(t.s[t.pos])) {
                t.pos++;
            }
            t.valueStart = start;
            t.valueEnd = t.pos;
            t.token = t.valueEnd == t.valueStart ? INVALID : COMMIT_HASH;
        } else if (c == '-') {
            if (t.token >= REVISION_NO || t.len() < 2 || t.s[t.pos + 1] != 'r') {
                t.token = INVALID;
                return;
            }
            t.pos += 2;
            t.token = REVISION_NO;
            parseDigits(t);
        } else {
            t.token = INVALID;
        }
    }

    private static boolean hex(byte c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** apk_blob_sort: bytes, then length. */
    private static int blobSort(State a, State b) {
        int la = a.valueEnd - a.valueStart;
        int lb = b.valueEnd - b.valueStart;
        int n = Math.min(la, lb);
        for (int i = 0; i < n; i++) {
            int x = a.s[a.valueStart + i] & 0xff;
            int y = b.s[b.valueStart + i] & 0xff;
            if (x != y) {
                return x - y;
            }
        }
        return la - lb;
    }

    private static int tokenCmp(State a, State b) {
        long x;
        long y;
        switch (a.token) {
            case DIGIT:
                if (a.s[a.valueStart] == '0' || b.s[b.valueStart] == '0') {
                    return Integer.signum(blobSort(a, b));
                }
                x = a.number;
                y = b.number;
                break;
            case INITIAL_DIGIT:
            case SUFFIX_NO:
            case REVISION_NO:
                x = a.number;
                y = b.number;
                break;
            case LETTER:
                x = a.s[a.valueStart];
                y = b.s[b.valueStart];
                break;
            case SUFFIX:
                x = a.suffix;
                y = b.suffix;
                break;
            default:
                return Integer.signum(blobSort(a, b));
        }
        return Long.compareUnsigned(x, y);
    }

    @Override
    public int compare(String a, String b) {
        State ta = new State(a);
        State tb = new State(b);
        first(ta);
        first(tb);
        while (ta.token == tb.token && ta.token < END) {
            int r = tokenCmp(ta, tb);
            if (r != 0) {
                return r;
            }
            next(ta);
            next(tb);
        }
        if (ta.token == tb.token) {
            return 0;
        }
        if (ta.token == SUFFIX && ta.suffix < SUFFIX_NONE) {
            return -1;
        }
        if (tb.token == SUFFIX && tb.suffix < SUFFIX_NONE) {
            return 1;
        }
        if (ta.token > tb.token) {
            return -1;
        }
        if (tb.token > ta.token) {
            return 1;
        }
        return 0;
    }

    @Override
    public void validate(String version) {
        State t = new State(version);
        first(t);
        while (t.token < END) {
            next(t);
        }
        if (t.token != END) {
            throw new InvalidVersionException(version, "not an apk version (digit{.digit}...{letter}{_suffix{N}}...{~hash}{-rN})");
        }
    }
}
