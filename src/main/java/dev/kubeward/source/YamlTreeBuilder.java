package dev.kubeward.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.kubeward.model.DuplicateKey;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Position;
import dev.kubeward.model.SourceMap;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;

/**
 * Builds the JSON tree kubectl would send for one YAML document, with the position of every
 * field, straight from SnakeYAML's parser events. SnakeYAML scans and parses (and enforces its
 * size limit); typing of scalars, anchors, merge keys and duplicate keys follow go-yaml v2 and
 * sigs.k8s.io/yaml, which kubectl uses. Skipping SnakeYAML's own node graph halves the garbage
 * a large scan makes.
 */
public final class YamlTreeBuilder {
    /**
     * Most nodes aliases may add to one document; stops "billion laughs" documents. Nodes written
     * out in the text do not count: they are bounded by the document's length, so a long
     * {@code kubectl get -o yaml} list is read whatever its node count.
     */
    public static final long MAX_EXPANDED_NODES = 2_000_000;
    public static final int MAX_NESTING = 256;
    public static final int MAX_ALIASES = 200;
    /**
     * As long as a document may be: the file limit, since kubectl reads a document of any length
     * (the API server's own limit on a request, 3 MiB by default, does not apply to a {@code List}
     * read back with {@code kubectl get -o yaml}).
     */
    public static final int MAX_DOCUMENT_CODE_POINTS = ManifestLoader.MAX_SOURCE_BYTES;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A document kubectl could not read; line is 1-based in the file. */
    public static final class YamlError extends Exception {
        private final int line;

        public YamlError(int line, String message) {
            super(message);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    private record Anchored(JsonNode node, long expandedSize) {}

    /** A duplicate found while building; its path is worked out once the tree is complete. */
    private record PendingDuplicate(ObjectNode container, String key, Position overridden, Position winner) {}

    private final Parser parser;
    private final int lineOffset;
    private final SourceMap sourceMap = new SourceMap();
    private final List<PendingDuplicate> duplicates = new ArrayList<>();
    private final Map<String, Anchored> anchors = new HashMap<>();
    private final Set<String> anchorsInProgress = new HashSet<>();
    /** Nodes of the document as expanded so far: written ones and, at full size, aliased ones. */
    private long expandedTotal;
    /** The part of {@link #expandedTotal} that aliases added. */
    private long aliasExpanded;
    private int collectionAliases;
    private int depth;

    private YamlTreeBuilder(Parser parser, int lineOffset) {
        this.parser = parser;
        this.lineOffset = lineOffset;
    }

    /**
     * Parses one document (text that holds no {@code ---} separator line).
     *
     * @param firstLine the 1-based line of the file where the text starts
     * @return the document, or null when it holds no node at all (comments only)
     */
    public static ParsedDocument parse(String text, int firstLine) throws YamlError {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_DOCUMENT_CODE_POINTS);
        options.setProcessComments(false);
        try {
            YamlTreeBuilder builder = new YamlTreeBuilder(
                    new ParserImpl(new TextStreamReader(text), options), firstLine - 1);
            return builder.document();
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? firstLine : mark.getLine() + firstLine;
            // "but found <stream end>" is marked past the last line; name the last line instead.
            line = Math.min(line, firstLine + lastContentLine(text));
            throw new YamlError(line, ParseMessages.yaml(e, firstLine));
        } catch (org.yaml.snakeyaml.reader.ReaderException e) {
            throw new YamlError(ParseMessages.lineOf(text, e.getPosition(), firstLine), ParseMessages.yamlCharacter(e));
        } catch (YAMLException e) {
            throw new YamlError(firstLine, ParseMessages.yamlRejected(firstSentence(e.getMessage())));
        }
    }

    private ParsedDocument document() throws YamlError {
        parser.getEvent(); // stream start
        if (parser.checkEvent(Event.ID.StreamEnd)) {
            return null;
        }
        parser.getEvent(); // document start
        Event first = parser.getEvent();
        Position start = pos(first.getStartMark());
        JsonNode root = node(first);
        parser.getEvent(); // document end
        if (!parser.checkEvent(Event.ID.StreamEnd)) {
            throw new YamlError(pos(parser.peekEvent().getStartMark()).line(),
                    "expected a single document (kubectl splits documents only on lines starting with ---)");
        }
        sourceMap.recordStart(root, start);
        return new ParsedDocument(root, start, sourceMap, resolveDuplicatePaths(root));
    }

    private static int lastContentLine(String text) {
        String[] lines = text.split("\n", -1);
        for (int i = lines.length - 1; i >= 0; i--) {
            if (!lines[i].isBlank()) {
                return i;
            }
        }
        return 0;
    }

    private static String firstSentence(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private Position pos(Mark mark) {
        return new Position(mark.getLine() + 1 + lineOffset, mark.getColumn() + 1);
    }

    /** {@code SourceMap.pack(pos(mark))} without the Position. */
    private long packed(Mark mark) {
        return ((long) (mark.getLine() + 1 + lineOffset) << 32) | ((mark.getColumn() + 1) & 0xffffffffL);
    }

    private int line(Event e) {
        return pos(e.getStartMark()).line();
    }

    private JsonNode node(Event event) throws YamlError {
        if (event instanceof AliasEvent alias) {
            return alias(alias);
        }
        String anchor = event instanceof NodeEvent n ? n.getAnchor() : null;
        if (anchor != null) {
            anchorsInProgress.add(anchor);
        }
        long before = expandedTotal;
        JsonNode result;
        if (event.is(Event.ID.Scalar)) {
            result = scalar((ScalarEvent) event);
        } else if (event.is(Event.ID.MappingStart)) {
            result = mapping((CollectionStartEvent) event);
        } else if (event.is(Event.ID.SequenceStart)) {
            result = sequence((CollectionStartEvent) event);
        } else {
            throw new YamlError(line(event), "unexpected YAML event " + event.getEventId());
        }
        expandedTotal++;
        if (anchor != null) {
            anchorsInProgress.remove(anchor);
            // A later anchor of the same name replaces the earlier one, as in YAML.
            anchors.put(anchor, new Anchored(result, expandedTotal - before));
        }
        return result;
    }

    private JsonNode alias(AliasEvent alias) throws YamlError {
        String name = alias.getAnchor();
        Anchored target = anchors.get(name);
        if (target == null) {
            throw new YamlError(line(alias), anchorsInProgress.contains(name)
                    ? "recursive alias: *" + name + " is used inside the node it names"
                    : "unknown alias *" + name);
        }
        if (target.node().isContainerNode() && ++collectionAliases > MAX_ALIASES) {
            throw new YamlError(line(alias), "more than " + MAX_ALIASES + " aliases to mappings or sequences");
        }
        // Shared rather than copied, but counted at full size so expansion stays bounded.
        expandedTotal += target.expandedSize();
        aliasExpanded += target.expandedSize();
        if (aliasExpanded > MAX_EXPANDED_NODES) {
            throw new YamlError(line(alias), "document expands to more than " + MAX_EXPANDED_NODES + " nodes through aliases");
        }
        return target.node();
    }

    private void enter(Event at) throws YamlError {
        if (++depth > MAX_NESTING) {
            throw new YamlError(line(at), "nesting deeper than " + MAX_NESTING + " levels");
        }
    }

    private JsonNode scalar(ScalarEvent e) throws YamlError {
        String value = e.getValue();
        String tag = e.getTag();
        try {
            if (tag == null || tag.equals("!")) {
                // Untagged: plain scalars are typed as go-yaml types them, quoted ones are strings.
                return tag == null && e.getImplicit().canOmitTagInPlainScalar()
                        ? GoYamlScalars.resolvePlain(value)
                        : TextNode.valueOf(value);
            }
            if (tag.equals(Tag.INT.getValue()) || tag.equals(Tag.FLOAT.getValue())
                    || tag.equals(Tag.BOOL.getValue()) || tag.equals(Tag.NULL.getValue())) {
                return explicitlyTyped(e, value, tag);
            }
        } catch (GoYamlScalars.UnrepresentableValue ex) {
            throw new YamlError(line(e), ex.getMessage());
        }
        if (tag.equals(Tag.BINARY.getValue())) {
            return TextNode.valueOf(binary(e, value));
        }
        // !!str, !!timestamp and unknown local tags keep the text.
        return TextNode.valueOf(value);
    }

    /**
     * A {@code !!binary} scalar as go-yaml v2 decodes it for kubectl: standard padded base64 (line
     * breaks ignored, as Go's decoder ignores them), and the bytes taken as the string value. Kept
     * as base64 text it would hide what is applied ({@code image: !!binary bmdpbng6bGF0ZXN0} is
     * nginx:latest), so a value that does not decode is refused, as kubectl refuses it.
     */
    private String binary(Event e, String value) throws YamlError {
        String compact = value.replace("\r", "").replace("\n", "");
        try {
            if (compact.length() % 4 != 0) {
                throw new IllegalArgumentException("unpadded");
            }
            return new String(Base64.getDecoder().decode(compact), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            throw new YamlError(line(e), "!!binary value contains invalid base64 data");
        }
    }

    private JsonNode explicitlyTyped(ScalarEvent e, String value, String tag)
            throws YamlError, GoYamlScalars.UnrepresentableValue {
        JsonNode resolved = value.isEmpty() && !tag.equals(Tag.NULL.getValue())
                ? TextNode.valueOf(value)
                : GoYamlScalars.resolvePlain(value);
        boolean ok = (tag.equals(Tag.INT.getValue()) && resolved.isIntegralNumber())
                || (tag.equals(Tag.FLOAT.getValue()) && resolved.isNumber())
                || (tag.equals(Tag.BOOL.getValue()) && resolved.isBoolean())
                || (tag.equals(Tag.NULL.getValue()) && resolved.isNull());
        if (!ok) {
            throw new YamlError(line(e), "cannot decode \"" + value + "\" as " + tag.replace(Tag.PREFIX, "!!"));
        }
        return tag.equals(Tag.FLOAT.getValue()) && resolved.isIntegralNumber()
                ? NODES.numberNode(resolved.doubleValue())
                : resolved;
    }

    private JsonNode sequence(CollectionStartEvent start) throws YamlError {
        enter(start);
        ArrayNode array = NODES.arrayNode();
        Slots slots = new Slots(packed(start.getStartMark()));
        Event e;
        while (!(e = parser.getEvent()).is(Event.ID.SequenceEnd)) {
            slots.append(packed(e.getStartMark()));
            array.add(node(e));
        }
        depth--;
        sourceMap.recordSlots(array, slots.trimmed());
        return array;
    }

    /**
     * The positions of a container being built, in the order of its fields or elements, slot 0
     * its own start: packed longs, so that no position object or boxed map entry is made per key.
     * A key written again (a duplicate, or a merge over existing keys) keeps its slot; its index
     * is found through a map made only then, so that even a merge of many keys stays linear.
     */
    private static final class Slots {
        long[] slots = new long[8];
        int n = 1;
        Map<String, Integer> index;

        Slots(long start) {
            slots[0] = start;
        }

        void append(long position) {
            if (n == slots.length) {
                slots = java.util.Arrays.copyOf(slots, n * 2);
            }
            slots[n++] = position;
        }

        /** The slot of a key {@code object} already holds. */
        int slotOf(ObjectNode object, String key) {
            if (index == null) {
                index = new HashMap<>();
                int i = 1;
                for (Iterator<String> it = object.fieldNames(); it.hasNext(); i++) {
                    index.put(it.next(), i);
                }
            }
            return index.get(key);
        }

        /** Records where {@code key}, just written into {@code object}, stands; {@code added} when it is new. */
        void key(ObjectNode object, String key, boolean added, long position) {
            if (added) {
                append(position);
                if (index != null) {
                    index.put(key, n - 1);
                }
            } else {
                slots[slotOf(object, key)] = position;
            }
        }

        long[] trimmed() {
            return n == slots.length ? slots : java.util.Arrays.copyOf(slots, n);
        }
    }

    private JsonNode mapping(CollectionStartEvent start) throws YamlError {
        enter(start);
        ObjectNode object = NODES.objectNode();
        Slots slots = new Slots(packed(start.getStartMark()));
        // Keys written explicitly so far; only needed to tell duplicates from merged keys.
        Set<String> explicit = null;
        boolean merged = false;
        Event keyEvent;
        while (!(keyEvent = parser.getEvent()).is(Event.ID.MappingEnd)) {
            if (isMergeKey(keyEvent)) {
                merge(object, parser.getEvent(), slots);
                merged = true;
                continue;
            }
            String key = keyString(keyEvent);
            long keyPos = packed(keyEvent.getStartMark());
            JsonNode value = node(parser.getEvent());
            if (merged && explicit == null) {
                explicit = new HashSet<>();
                for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
                    String k = it.next();
                    if (!isMergedKey(object, k)) {
                        explicit.add(k);
                    }
                }
            }
            boolean seen = merged ? !explicit.add(key) : object.has(key);
            if (seen) {
                long earlier = slots.slots[slots.slotOf(object, key)];
                duplicates.add(new PendingDuplicate(object, key, SourceMap.unpack(earlier), SourceMap.unpack(keyPos)));
            }
            // Like go-yaml v2 decoding into a map: in document order, the last write wins.
            slots.key(object, key, object.replace(key, value) == null, keyPos);
        }
        depth--;
        mergedKeys.remove(object);
        sourceMap.recordSlots(object, slots.trimmed());
        return object;
    }

    /** Keys a merge wrote into an object, until an explicit key of the same name replaces them. */
    private final Map<ObjectNode, Set<String>> mergedKeys = new IdentityHashMap<>();

    private boolean isMergedKey(ObjectNode object, String key) {
        Set<String> keys = mergedKeys.get(object);
        return keys != null && keys.contains(key);
    }

    private static boolean isMergeKey(Event e) {
        if (!(e instanceof ScalarEvent s) || !s.getValue().equals("<<")) {
            return false;
        }
        String tag = s.getTag();
        return tag == null ? s.getImplicit().canOmitTagInPlainScalar() : tag.equals(Tag.MERGE.getValue());
    }

    /**
     * go-yaml v2 merge: the merged mapping's keys are written into the target at the point of
     * the {@code <<} key; from a sequence, later mappings first so that earlier ones win.
     */
    private void merge(ObjectNode target, Event valueEvent, Slots slots) throws YamlError {
        JsonNode value = node(valueEvent);
        List<JsonNode> sources = new ArrayList<>();
        if (value.isObject()) {
            sources.add(value);
        } else if (value.isArray()) {
            for (int i = value.size() - 1; i >= 0; i--) {
                if (!value.path(i).isObject()) {
                    throw new YamlError(line(valueEvent), "map merge requires map or sequence of maps as the value");
                }
                sources.add(value.path(i));
            }
        } else {
            throw new YamlError(line(valueEvent), "map merge requires map or sequence of maps as the value");
        }
        Set<String> keys = mergedKeys.computeIfAbsent(target, k -> new HashSet<>());
        for (JsonNode source : sources) {
            for (Iterator<Map.Entry<String, JsonNode>> it = source.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                boolean added = target.replace(e.getKey(), e.getValue()) == null;
                keys.add(e.getKey());
                Position p = sourceMap.keyPosition(source, e.getKey());
                if (p != null || added) {
                    // A key whose position is unknown stands at the mapping's start, as recordObject has it.
                    slots.key(target, e.getKey(), added, p != null ? SourceMap.pack(p) : slots.slots[0]);
                }
            }
        }
    }

    /** A mapping key as sigs.k8s.io/yaml writes it into JSON: resolved, then printed as text. */
    private String keyString(Event keyEvent) throws YamlError {
        if (!(keyEvent instanceof ScalarEvent s)) {
            throw new YamlError(line(keyEvent), "unsupported map key: a mapping, sequence or alias cannot be a key in JSON");
        }
        String tag = s.getTag();
        if (Tag.BINARY.getValue().equals(tag)) {
            return binary(s, s.getValue());
        }
        if (tag != null || !s.getImplicit().canOmitTagInPlainScalar()) {
            return s.getValue();
        }
        JsonNode resolved;
        try {
            resolved = GoYamlScalars.resolvePlain(s.getValue());
        } catch (GoYamlScalars.UnrepresentableValue e) {
            String v = s.getValue().toLowerCase(java.util.Locale.ROOT);
            return v.contains("nan") ? ".nan" : v.startsWith("-") ? "-.inf" : ".inf";
        }
        if (resolved.isNull()) {
            throw new YamlError(line(keyEvent), "unsupported map key: null");
        }
        if (resolved.isBoolean() || resolved.isIntegralNumber()) {
            return resolved.asText();
        }
        if (resolved.isNumber()) {
            return formatFloatKey(resolved.doubleValue());
        }
        return resolved.textValue();
    }

    /** Go's FormatFloat(f, 'g', -1, 32) for the usual cases: integral values print without ".0". */
    private static String formatFloatKey(double d) {
        float f = (float) d;
        java.math.BigDecimal exact = new java.math.BigDecimal(Float.toString(f)).stripTrailingZeros();
        if (Math.abs(f) >= 1e21 || (f != 0 && Math.abs(f) < 1e-4)) {
            return Float.toString(f);
        }
        return exact.toPlainString();
    }

    /** Paths of duplicate keys, found by walking from the root to each container once the tree is built. */
    private List<DuplicateKey> resolveDuplicatePaths(JsonNode root) {
        if (duplicates.isEmpty()) {
            return List.of();
        }
        Map<JsonNode, JsonPath> paths = new IdentityHashMap<>();
        index(root, JsonPath.ROOT, paths);
        List<DuplicateKey> out = new ArrayList<>();
        for (PendingDuplicate d : duplicates) {
            JsonPath container = paths.get(d.container());
            if (container != null) {
                out.add(new DuplicateKey(container.key(d.key()), d.overridden() == null ? d.winner() : d.overridden(),
                        d.winner()));
            }
        }
        return out;
    }

    private static void index(JsonNode node, JsonPath path, Map<JsonNode, JsonPath> paths) {
        if (!node.isContainerNode() || paths.putIfAbsent(node, path) != null) {
            return;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                index(e.getValue(), path.key(e.getKey()), paths);
            }
        } else {
            for (int i = 0; i < node.size(); i++) {
                index(node.path(i), path.index(i), paths);
            }
        }
    }
}
