package dev.kubeward.source.helm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Position;
import dev.kubeward.model.SourceMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps the fields of a rendered document back to the template lines that wrote them.
 *
 * <p>The template is read as YAML with its actions set aside: each line that writes a key
 * ({@code image:}), a sequence item ({@code - name: web}) or output of an action
 * ({@code {{ toYaml .Values.resources | nindent 12 }}}) becomes an entry, nested by its indentation
 * as YAML nests it. Control actions ({@code if}, {@code range}, {@code with}, {@code end},
 * {@code define}, comments, assignments) write nothing and leave the structure as the literal lines
 * give it, so a key inside a loop or a conditional is found wherever it is rendered. A rendered
 * key is matched to an entry under the entry its parent matched, with the same key (or a key written
 * by an action) and, where the template writes a literal value, the same value; repeated keys
 * (loops) match again from the start of the block. A field no literal line wrote is placed at the
 * action under its parent that wrote it ({@code toYaml}, {@code include}, {@code tpl}), and its own
 * fields with it. A field that neither a line nor an action of the template can be found for (a
 * flow mapping, a construct the reading does not follow) is placed at its parent's line, with a
 * note naming the line of the rendered document it stands on ({@link #renderedNote}).
 */
public final class TemplateMap {
    private static final char OUTPUT = '\u0001';
    private static final Pattern CONTROL = Pattern.compile(
            "^-?\\s*(?:/\\*.*|(?:if|else|end|range|with|define|break|continue)\\b.*|\\$[\\w]*\\s*:?=.*)$", Pattern.DOTALL);
    private static final Pattern KEY = Pattern.compile(
            "((?:\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^']|'')*'|[^\\s#:'\"\\-\\[{][^:#]*?|-[^\\s:#][^:#]*?)):(?:\\s+(.*))?$");

    enum Kind { KEY, ITEM, ACTION }

    /** One structural element of the template: a key, a sequence item, or an action that writes output. */
    static final class Entry {
        final Kind kind;
        final int line;
        final int column; // 0-based
        final String key; // KEY: the key as written (OUTPUT where an action writes it)
        final String value; // literal scalar value, or null when none or dynamic
        final boolean hasValue;
        final int segment;
        final Entry parent;
        final List<Entry> children = new ArrayList<>();

        Entry(Kind kind, int line, int column, String key, String value, boolean hasValue, int segment, Entry parent) {
            this.kind = kind;
            this.line = line;
            this.column = column;
            this.key = key;
            this.value = value;
            this.hasValue = hasValue;
            this.segment = segment;
            this.parent = parent;
            if (parent != null) {
                parent.children.add(this);
            }
        }

        Position position() {
            return new Position(line, column + 1);
        }
    }

    private final Entry top = new Entry(Kind.ITEM, 1, 0, null, null, false, -1, null);
    private final List<Entry> segmentStarts = new ArrayList<>();
    private int segments = 1;

    private TemplateMap(String text) {
        parse(text);
    }

    /** The map of one template; parse once, use for every document it rendered. */
    public static TemplateMap of(String templateText) {
        return new TemplateMap(templateText);
    }

    private void parse(String text) {
        String[] lines = withoutActions(text).split("\n", -1);
        List<Entry> stack = new ArrayList<>();
        int segment = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int lineNo = i + 1;
            if (line.startsWith("---")) {
                segment++;
                segments = segment + 1;
                stack.clear();
                continue;
            }
            int col = 0;
            while (col < line.length() && line.charAt(col) == ' ') {
                col++;
            }
            String rest = line.substring(col);
            if (rest.isBlank() || rest.startsWith("#")) {
                continue;
            }
            // Sequence items, possibly nested on one line: "- - a", "- name: x".
            while (rest.startsWith("- ") || rest.equals("-")) {
                Entry item = new Entry(Kind.ITEM, lineNo, col, null, scalar(rest.substring(1).strip()),
                        false, segment, parentFor(stack, col));
                push(stack, item);
                int skip = 1;
                while (skip < rest.length() && rest.charAt(skip) == ' ') {
                    skip++;
                }
                col += skip;
                rest = rest.substring(skip);
            }
            if (rest.isEmpty()) {
                continue;
            }
            if (rest.charAt(0) == OUTPUT) {
                // An action writes the line (or what follows its indentation).
                Entry key = keyEntry(rest, lineNo, col, segment, stack);
                if (key == null) {
                    new Entry(Kind.ACTION, lineNo, col, null, null, false, segment, parentFor(stack, col));
                }
                continue;
            }
            keyEntry(rest, lineNo, col, segment, stack);
        }
    }

    private Entry keyEntry(String rest, int lineNo, int col, int segment, List<Entry> stack) {
        Matcher m = KEY.matcher(rest);
        if (!m.matches()) {
            return null;
        }
        String key = unquote(m.group(1).strip());
        String raw = m.group(2) == null ? "" : stripComment(m.group(2)).strip();
        boolean dynamic = raw.indexOf(OUTPUT) >= 0;
        String value = raw.isEmpty() || dynamic ? null : scalar(raw);
        Entry e = new Entry(Kind.KEY, lineNo, col, key, value, !raw.isEmpty(), segment, parentFor(stack, col));
        push(stack, e);
        if (dynamic && raw.strip().indexOf(OUTPUT) == 0) {
            // "key: {{ toYaml .x | nindent 4 }}": what the action writes belongs to the key.
            new Entry(Kind.ACTION, lineNo, col + rest.indexOf(OUTPUT), null, null, false, segment, e);
        }
        return e;
    }

    private Entry parentFor(List<Entry> stack, int col) {
        while (!stack.isEmpty() && stack.get(stack.size() - 1).column >= col) {
            stack.remove(stack.size() - 1);
        }
        return stack.isEmpty() ? top : stack.get(stack.size() - 1);
    }

    private static void push(List<Entry> stack, Entry e) {
        stack.add(e);
    }

    /** A literal scalar as YAML reads it, or null when it is not one (a block, a flow collection, empty). */
    private static String scalar(String raw) {
        String s = stripComment(raw).strip();
        if (s.isEmpty() || s.indexOf(OUTPUT) >= 0 || s.startsWith("|") || s.startsWith(">") || s.startsWith("[")
                || s.startsWith("{") || s.startsWith("&") || s.startsWith("*") || s.startsWith("!")) {
            return null;
        }
        if (KEY.matcher(s).matches() && !s.startsWith("\"") && !s.startsWith("'")) {
            return null; // "- name: x" holds a mapping, not a scalar
        }
        return unquote(s);
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    private static String stripComment(String s) {
        boolean single = false;
        boolean dbl = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'' && !dbl) {
                single = !single;
            } else if (c == '"' && !single) {
                dbl = !dbl;
            } else if (c == '#' && !single && !dbl && (i == 0 || s.charAt(i - 1) == ' ')) {
                return s.substring(0, i);
            }
        }
        return s;
    }

    /**
     * The template with every action replaced: an action that writes output by one {@link #OUTPUT}
     * character, a control action by nothing; line breaks inside actions are kept, so lines stay
     * where they are. {@code {{-} and {@code -}}} trim no text here: only the template's own lines
     * matter.
     */
    static String withoutActions(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("{{", i);
            if (open < 0) {
                out.append(text, i, text.length());
                break;
            }
            out.append(text, i, open);
            int close = closeOf(text, open + 2);
            if (close < 0) {
                out.append(text.substring(open));
                break;
            }
            String body = text.substring(open + 2, close).strip();
            if (body.startsWith("-")) {
                body = body.substring(1).strip();
            }
            if (body.endsWith("-")) {
                body = body.substring(0, body.length() - 1).strip();
            }
            boolean control = CONTROL.matcher(body).matches();
            if (!control) {
                out.append(OUTPUT);
            }
            for (int k = open; k < close + 2; k++) {
                if (text.charAt(k) == '\n') {
                    out.append('\n');
                }
            }
            i = close + 2;
        }
        return out.toString();
    }

    /** The index of the {@code }}} closing an action whose body starts at {@code from}, strings and comments considered. */
    private static int closeOf(String text, int from) {
        int i = from;
        while (i < text.length() - 1) {
            char c = text.charAt(i);
            if (c == '"') {
                i++;
                while (i < text.length() && text.charAt(i) != '"' && text.charAt(i) != '\n') {
                    i += text.charAt(i) == '\\' ? 2 : 1;
                }
            } else if (c == '`') {
                int end = text.indexOf('`', i + 1);
                if (end < 0) {
                    return -1;
                }
                i = end;
            } else if (c == '/' && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                if (end < 0) {
                    return -1;
                }
                i = end + 1;
            } else if (c == '}' && text.charAt(i + 1) == '}') {
                return i;
            }
            i++;
        }
        return -1;
    }

    /**
     * Positions of every field of {@code root} (a rendered document, positions in {@code rendered})
     * in the template, as a new source map.
     *
     * @param occurrence which document of this template it is (0 for the first one rendered)
     */
    public SourceMap locate(JsonNode root, SourceMap rendered, int occurrence) {
        SourceMap out = new SourceMap();
        Entry scope = rootScope(root, occurrence);
        Position start = firstPosition(scope);
        mapValue(root, scope, start, out, rendered);
        out.recordStart(root, start);
        return out;
    }

    /**
     * What a place says when the field could not be traced to the template: the line of the
     * rendered document (what {@code helm template} prints under the template's {@code # Source:}
     * marker, counted from the line after it), shown as such, and that the template line given is
     * only the nearest.
     */
    public static String renderedNote(int renderedLine) {
        return "rendered line " + renderedLine + ": no line of the template could be traced for this field; "
                + "the line shown is its parent's";
    }

    /** Marks slot {@code slot} of {@code container} as untraced, with its line in the rendered document. */
    private static void untraced(JsonNode container, int slot, SourceMap rendered, SourceMap out) {
        Position p = rendered == null ? null : rendered.slot(container, slot);
        if (p != null) {
            out.recordElsewhere(container, slot, null, renderedNote(p.line()));
        }
    }

    /** The part of the template (between --- lines) whose top-level keys fit the document best. */
    private Entry rootScope(JsonNode root, int occurrence) {
        if (segments == 1 || !root.isObject()) {
            return top;
        }
        int best = -1;
        int bestScore = -1;
        int preferred = Math.min(occurrence, segments - 1);
        for (int s = 0; s < segments; s++) {
            int score = 0;
            for (Entry e : top.children) {
                if (e.segment == s && e.kind == Kind.KEY && root.has(e.key)) {
                    JsonNode v = root.get(e.key);
                    score += e.value != null && v.isValueNode() && e.value.equals(v.asText()) ? 3 : 1;
                }
            }
            if (score > bestScore || score == bestScore && s == preferred) {
                best = s;
                bestScore = score;
            }
        }
        Entry scope = new Entry(Kind.ITEM, 1, 0, null, null, false, best, null);
        for (Entry e : top.children) {
            if (e.segment == best) {
                scope.children.add(e);
            }
        }
        return scope;
    }

    private static Position firstPosition(Entry scope) {
        for (Entry e : scope.children) {
            return e.position();
        }
        return scope.position();
    }

    /** Records the positions under {@code node}, which {@code entry} wrote (or an action at {@code at}). */
    /**
     * Records the positions under {@code node}. {@code entry} is the template entry that wrote it
     * (an action writes every field below it, which are traced to its line); null inside a field
     * that could not be traced ({@code traced} false: its fields are not either).
     */
    private void mapValue(JsonNode node, Entry entry, Position at, SourceMap out, SourceMap rendered) {
        mapValue(node, entry, at, out, rendered, true);
    }

    /** Whether what stands under {@code entry} was written by it: an action writes all of its output. */
    private static boolean written(Entry entry, boolean traced) {
        return entry == null ? traced : entry.kind == Kind.ACTION;
    }

    private void mapValue(JsonNode node, Entry entry, Position at, SourceMap out, SourceMap rendered, boolean traced) {
        if (node.isObject()) {
            Map<String, Long> keys = new HashMap<>();
            int cursor = -1;
            int slot = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                slot++;
                int found = entry == null ? -1 : findKey(entry, field.getKey(), field.getValue(), cursor);
                if (found >= 0) {
                    cursor = found;
                    Entry e = entry.children.get(found);
                    keys.put(field.getKey(), SourceMap.pack(e.position()));
                    mapValue(field.getValue(), e, e.position(), out, rendered, true);
                } else {
                    Entry action = entry == null ? null : findAction(entry, cursor);
                    Position p = action != null ? action.position() : at;
                    keys.put(field.getKey(), SourceMap.pack(p));
                    boolean fieldTraced = action != null || written(entry, traced);
                    if (!fieldTraced) {
                        untraced(node, slot, rendered, out);
                    }
                    mapValue(field.getValue(), action, p, out, rendered, fieldTraced);
                }
            }
            out.recordObject(node, at, keys);
        } else if (node.isArray()) {
            long[] elements = new long[node.size()];
            int cursor = -1;
            for (int i = 0; i < node.size(); i++) {
                JsonNode element = node.get(i);
                int found = entry == null ? -1 : findItem(entry, element, cursor);
                if (found >= 0) {
                    cursor = found;
                    Entry e = entry.children.get(found);
                    elements[i] = SourceMap.pack(e.position());
                    mapValue(element, e, e.position(), out, rendered, true);
                } else {
                    Entry action = entry == null ? null : findAction(entry, cursor);
                    Position p = action != null ? action.position() : at;
                    elements[i] = SourceMap.pack(p);
                    boolean elementTraced = action != null || written(entry, traced);
                    if (!elementTraced) {
                        untraced(node, i + 1, rendered, out);
                    }
                    mapValue(element, action, p, out, rendered, elementTraced);
                }
            }
            out.recordArray(node, at, elements);
        }
    }

    private static int findKey(Entry parent, String key, JsonNode value, int cursor) {
        int n = parent.children.size();
        // After the last sibling found, then from the start (a loop writes the block again).
        for (int pass = 0; pass < 2; pass++) {
            int from = pass == 0 ? cursor + 1 : 0;
            int to = pass == 0 ? n : Math.min(cursor + 1, n);
            int dynamicKey = -1;
            for (int i = from; i < to; i++) {
                Entry e = parent.children.get(i);
                if (e.kind != Kind.KEY) {
                    continue;
                }
                boolean keyMatches = e.key.equals(key);
                if (!keyMatches && e.key.indexOf(OUTPUT) < 0) {
                    continue;
                }
                if (e.value != null && value.isValueNode() && !e.value.equals(value.asText())) {
                    continue;
                }
                if (keyMatches) {
                    return i;
                }
                if (dynamicKey < 0) {
                    dynamicKey = i;
                }
            }
            if (dynamicKey >= 0) {
                return dynamicKey;
            }
        }
        return -1;
    }

    private static int findItem(Entry parent, JsonNode element, int cursor) {
        int n = parent.children.size();
        for (int pass = 0; pass < 2; pass++) {
            int from = pass == 0 ? cursor + 1 : 0;
            int to = pass == 0 ? n : Math.min(cursor + 1, n);
            int loose = -1;
            for (int i = from; i < to; i++) {
                Entry e = parent.children.get(i);
                if (e.kind != Kind.ITEM) {
                    continue;
                }
                if (element.isObject()) {
                    Entry firstKey = e.children.isEmpty() ? null : e.children.get(0);
                    if (firstKey != null && firstKey.kind == Kind.KEY && element.has(firstKey.key)) {
                        JsonNode v = element.get(firstKey.key);
                        if (firstKey.value == null || !v.isValueNode() || firstKey.value.equals(v.asText())) {
                            return i;
                        }
                    } else if (loose < 0 && firstKey != null) {
                        loose = i;
                    }
                } else if (element.isValueNode()) {
                    if (e.value != null && e.value.equals(element.asText())) {
                        return i;
                    }
                    if (loose < 0 && e.value == null && e.children.stream().noneMatch(c -> c.kind == Kind.KEY)) {
                        loose = i;
                    }
                } else if (loose < 0) {
                    loose = i;
                }
            }
            if (loose >= 0) {
                return loose;
            }
        }
        return -1;
    }

    /** The action under {@code parent} that wrote what no literal line did: the next one after the cursor, else the last before. */
    private static Entry findAction(Entry parent, int cursor) {
        Entry before = null;
        for (int i = 0; i < parent.children.size(); i++) {
            Entry e = parent.children.get(i);
            if (e.kind == Kind.ACTION) {
                if (i > cursor) {
                    return e;
                }
                before = e;
            }
        }
        return before;
    }

    /** For tests: the template position of {@code path} below {@code root}. */
    static Position position(SourceMap map, JsonNode root, JsonPath path) {
        return map.locate(root, path);
    }
}
