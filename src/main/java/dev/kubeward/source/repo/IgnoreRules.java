package dev.kubeward.source.repo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The patterns of one ignore source (a {@code .gitignore}, {@code .git/info/exclude}, the
 * {@code --exclude} options, the {@code exclude:} setting, kubeward's defaults), read and matched
 * as git reads and matches them (gitignore(5); git's {@code dir.c}):
 *
 * <ul>
 *   <li>a blank line matches nothing; {@code #} starts a comment, {@code \#} a pattern; trailing
 *       spaces are dropped unless escaped with {@code \}; a UTF-8 byte order mark and a carriage
 *       return before the line feed are dropped;
 *   <li>{@code !} negates ({@code \!} is a literal {@code !}); a trailing {@code /} matches
 *       directories only;
 *   <li>a pattern with no other slash matches the name at any depth below the file's directory;
 *       a pattern with a slash at the start or in the middle is relative to that directory, and is
 *       matched with {@link Wildmatch#PATHNAME} after its literal prefix, as git does;
 *   <li>within one source the last matching pattern decides.
 * </ul>
 */
public final class IgnoreRules {
    private static final int NO_DIR = 1;
    private static final int ENDS_WITH = 4;
    private static final int MUST_BE_DIR = 8;
    private static final int NEGATIVE = 16;

    /** One pattern, with where it was written. */
    public static final class Rule {
        private final byte[] pattern;
        private final int length;
        private final int prefix;
        private final int flags;
        private final String text;
        private final String source;
        private final int line;

        private Rule(byte[] pattern, int length, int prefix, int flags, String text, String source, int line) {
            this.pattern = pattern;
            this.length = length;
            this.prefix = prefix;
            this.flags = flags;
            this.text = text;
            this.source = source;
            this.line = line;
        }

        /** True for a {@code !pattern}, which re-includes what it matches. */
        public boolean negative() {
            return (flags & NEGATIVE) != 0;
        }

        /** The pattern as written. */
        public String text() {
            return text;
        }

        /** {@code .gitignore:3: dist/}, or the source alone when it has no lines. */
        @Override
        public String toString() {
            return line > 0 ? source + ":" + line + ": " + text : source + " '" + text + "'";
        }
    }

    private final String base;
    private final List<Rule> rules;

    private IgnoreRules(String base, List<Rule> rules) {
        this.base = base;
        this.rules = List.copyOf(rules);
    }

    /**
     * Reads an ignore file.
     *
     * @param source how the file is named in messages ({@code k8s/.gitignore})
     * @param base the file's directory relative to the root paths are matched against: empty, or
     *     ending with {@code /}
     */
    public static IgnoreRules parse(String source, String base, byte[] content) {
        int start = 0;
        if (content.length >= 3 && (content[0] & 0xff) == 0xEF && (content[1] & 0xff) == 0xBB && (content[2] & 0xff) == 0xBF) {
            start = 3;
        }
        List<Rule> rules = new ArrayList<>();
        int lineNo = 1;
        int entry = start;
        for (int i = start; i <= content.length; i++) {
            if (i == content.length || content[i] == '\n') {
                if (entry != i && content[entry] != '#') {
                    int end = i;
                    if (content[i - 1] == '\r') {
                        end--;
                    }
                    byte[] line = Arrays.copyOfRange(content, entry, end);
                    add(rules, trimTrailingSpaces(line), source, lineNo);
                }
                lineNo++;
                entry = i + 1;
            }
        }
        return new IgnoreRules(base, rules);
    }

    /**
     * Patterns given one by one (command-line options, a configuration list), as git's
     * {@code --exclude} takes them: no comments and no trimming.
     *
     * @param lines the line of each pattern in its source, or 0 when it has none
     */
    public static IgnoreRules of(String source, String base, List<String> patterns, List<Integer> lines) {
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < patterns.size(); i++) {
            add(rules, patterns.get(i).getBytes(StandardCharsets.UTF_8), source, lines.isEmpty() ? 0 : lines.get(i));
        }
        return new IgnoreRules(base, rules);
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    public String base() {
        return base;
    }

    public List<Rule> rules() {
        return rules;
    }

    /** git's {@code trim_trailing_spaces}: drop trailing spaces that no backslash quotes. */
    static byte[] trimTrailingSpaces(byte[] line) {
        int lastSpace = -1;
        for (int i = 0; i < line.length; i++) {
            byte c = line[i];
            if (c == ' ') {
                if (lastSpace < 0) {
                    lastSpace = i;
                }
            } else if (c == '\\') {
                i++;
                if (i >= line.length) {
                    return line;
                }
                lastSpace = -1;
            } else {
                lastSpace = -1;
            }
        }
        return lastSpace < 0 ? line : Arrays.copyOf(line, lastSpace);
    }

    private static void add(List<Rule> rules, byte[] raw, String source, int line) {
        String text = new String(raw, StandardCharsets.UTF_8);
        int flags = 0;
        int offset = 0;
        if (raw.length > 0 && raw[0] == '!') {
            flags |= NEGATIVE;
            offset = 1;
        }
        byte[] p = Arrays.copyOfRange(raw, offset, raw.length);
        int length = p.length;
        if (length > 0 && p[length - 1] == '/') {
            length--;
            flags |= MUST_BE_DIR;
        }
        boolean slash = false;
        for (int i = 0; i < length; i++) {
            if (p[i] == '/') {
                slash = true;
                break;
            }
        }
        if (!slash) {
            flags |= NO_DIR;
        }
        int prefix = Math.min(simpleLength(p, 0), length);
        if (p.length > 0 && p[0] == '*' && simpleLength(p, 1) == p.length - 1) {
            flags |= ENDS_WITH;
        }
        rules.add(new Rule(p, length, prefix, flags, text, source, line));
    }

    /** The length of the literal part that starts at {@code from} (up to the first glob character). */
    private static int simpleLength(byte[] p, int from) {
        int i = from;
        while (i < p.length && !Wildmatch.isGlobSpecial(p[i] & 0xff)) {
            i++;
        }
        return i - from;
    }

    /**
     * The last rule of this source that matches, or null when none does.
     *
     * @param path the path relative to the root this source's base is relative to, with {@code /}
     *     separators and no trailing slash
     */
    public Rule match(String path, boolean directory) {
        if (rules.isEmpty()) {
            return null;
        }
        byte[] pathname = path.getBytes(StandardCharsets.UTF_8);
        int slash = path.lastIndexOf('/');
        byte[] basename = slash < 0 ? pathname : path.substring(slash + 1).getBytes(StandardCharsets.UTF_8);
        byte[] baseBytes = base.getBytes(StandardCharsets.UTF_8);
        for (int i = rules.size() - 1; i >= 0; i--) {
            Rule rule = rules.get(i);
            if ((rule.flags & MUST_BE_DIR) != 0 && !directory) {
                continue;
            }
            boolean matched = (rule.flags & NO_DIR) != 0
                    ? matchBasename(basename, rule)
                    : matchPathname(pathname, baseBytes, rule);
            if (matched) {
                return rule;
            }
        }
        return null;
    }

    /**
     * The last rule matching a path that lies outside this source's directory: only the patterns
     * without a slash (which match a name at any depth) can match it.
     */
    public Rule matchName(String name, boolean directory) {
        byte[] basename = name.getBytes(StandardCharsets.UTF_8);
        for (int i = rules.size() - 1; i >= 0; i--) {
            Rule rule = rules.get(i);
            if ((rule.flags & MUST_BE_DIR) != 0 && !directory || (rule.flags & NO_DIR) == 0) {
                continue;
            }
            if (matchBasename(basename, rule)) {
                return rule;
            }
        }
        return null;
    }

    private static boolean matchBasename(byte[] basename, Rule rule) {
        if (rule.prefix == rule.length) {
            return rule.length == basename.length && regionEquals(rule.pattern, 0, basename, 0, rule.length);
        }
        if ((rule.flags & ENDS_WITH) != 0) {
            int tail = rule.length - 1;
            return tail <= basename.length && regionEquals(rule.pattern, 1, basename, basename.length - tail, tail);
        }
        return Wildmatch.matches(Arrays.copyOf(rule.pattern, rule.length), basename, 0);
    }

    private static boolean matchPathname(byte[] pathname, byte[] base, Rule rule) {
        int p = 0;
        int length = rule.length;
        int prefix = rule.prefix;
        if (length > 0 && rule.pattern[0] == '/') {
            p = 1;
            length--;
            prefix--;
        }
        int baseLength = base.length == 0 ? 0 : base.length - 1;
        if (pathname.length < baseLength + 1
                || (baseLength > 0 && pathname[baseLength] != '/')
                || !regionEquals(pathname, 0, base, 0, baseLength)) {
            return false;
        }
        int name = baseLength > 0 ? baseLength + 1 : 0;
        int nameLength = pathname.length - name;
        if (prefix > 0) {
            if (prefix > nameLength || !regionEquals(rule.pattern, p, pathname, name, prefix)) {
                return false;
            }
            p += prefix;
            length -= prefix;
            name += prefix;
            nameLength -= prefix;
            if (length == 0 && nameLength == 0) {
                return true;
            }
        }
        return Wildmatch.matches(Arrays.copyOfRange(rule.pattern, p, p + length),
                Arrays.copyOfRange(pathname, name, pathname.length), Wildmatch.PATHNAME);
    }

    private static boolean regionEquals(byte[] a, int aFrom, byte[] b, int bFrom, int length) {
        if (aFrom + length > a.length || bFrom + length > b.length || bFrom < 0) {
            return false;
        }
        return Arrays.equals(a, aFrom, aFrom + length, b, bFrom, bFrom + length);
    }
}
