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
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Builds the JSON tree kubectl would send for one YAML document, with the position of every
 * field. SnakeYAML does the parsing (with its limits on aliases, nesting and size); typing of
 * scalars, merge keys and duplicate keys follow go-yaml v2 and sigs.k8s.io/yaml, which kubectl
 * uses, rather than SnakeYAML's own constructor.
 */
public final class YamlTreeBuilder {
    /** Most nodes one document may expand to through aliases; stops "billion laughs" documents. */
    public static final long MAX_EXPANDED_NODES = 2_000_000;
    public static final int MAX_NESTING = 256;
    public static final int MAX_ALIASES = 200;
    public static final int MAX_DOCUMENT_CODE_POINTS = 32 * 1024 * 1024;

    /** Marks plain scalars for our own resolution; quoted ones resolve to str. */
    private static final Tag PLAIN = new Tag("tag:kubeward.dev,2025:plain");

    private static final Resolver RESOLVER = new Resolver() {
        @Override
        protected void addImplicitResolvers() {
            // None: plain scalars are typed by GoYamlScalars, not by YAML 1.1 regexes.
        }

        @Override
        public Tag resolve(NodeId kind, String value, boolean implicit) {
            return switch (kind) {
                case scalar -> implicit ? PLAIN : Tag.STR;
                case sequence -> Tag.SEQ;
                default -> Tag.MAP;
            };
        }
    };

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

    private final int lineOffset;
    private final SourceMap sourceMap = new SourceMap();
    private final List<DuplicateKey> duplicates = new ArrayList<>();
    private final Map<Node, JsonNode> converted = new IdentityHashMap<>();
    private final Map<Node, Long> expandedSize = new IdentityHashMap<>();
    private final Set<Node> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());
    private long expandedTotal;

    private YamlTreeBuilder(int lineOffset) {
        this.lineOffset = lineOffset;
    }

    /**
     * Parses one document (text that holds no {@code ---} separator line).
     *
     * @param firstLine the 1-based line of the file where the text starts
     * @return the document, or null when it holds no node at all (comments only)
     */
    public static ParsedDocument parse(String text, int firstLine) throws YamlError {
        YamlTreeBuilder builder = new YamlTreeBuilder(firstLine - 1);
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setCodePointLimit(MAX_DOCUMENT_CODE_POINTS);
        options.setAllowRecursiveKeys(false);
        options.setProcessComments(false);
        Node root;
        try {
            Composer composer = new Composer(new ParserImpl(new StreamReader(new StringReader(text)), options),
                    RESOLVER, options);
            root = composer.getSingleNode();
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? firstLine : mark.getLine() + firstLine;
            // "but found <stream end>" is marked past the last line; name the last line instead.
            line = Math.min(line, firstLine + lastContentLine(text));
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            String context = e.getContext() != null ? " (" + e.getContext() + ")" : "";
            throw new YamlError(line, "invalid YAML: " + problem + context);
        } catch (YAMLException e) {
            throw new YamlError(firstLine, "YAML rejected: " + firstSentence(e.getMessage()));
        }
        if (root == null) {
            return null;
        }
        JsonNode tree = builder.convert(root, JsonPath.ROOT);
        Position start = builder.pos(root.getStartMark());
        builder.sourceMap.recordStart(tree, start);
        return new ParsedDocument(tree, start, builder.sourceMap, builder.duplicates);
    }

    /** The 0-based index of the last line with any content. */
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

    private JsonNode convert(Node node, JsonPath path) throws YamlError {
        JsonNode done = converted.get(node);
        if (done != null) {
            // An alias: shared, not copied, but it counts at its full size against the limit.
            count(expandedSize.getOrDefault(node, 1L), node);
            return done;
        }
        if (!inProgress.add(node)) {
            throw new YamlError(pos(node.getStartMark()).line(), "recursive alias: a node contains itself");
        }
        long before = expandedTotal;
        JsonNode result = switch (node.getNodeId()) {
            case scalar -> scalar((ScalarNode) node);
            case sequence -> sequence((SequenceNode) node, path);
            case mapping -> mapping((MappingNode) node, path);
            default -> throw new YamlError(pos(node.getStartMark()).line(), "unsupported YAML node");
        };
        count(1, node);
        inProgress.remove(node);
        converted.put(node, result);
        expandedSize.put(node, expandedTotal - before);
        return result;
    }

    private void count(long nodes, Node at) throws YamlError {
        expandedTotal += nodes;
        if (expandedTotal > MAX_EXPANDED_NODES) {
            throw new YamlError(pos(at.getStartMark()).line(),
                    "document expands to more than " + MAX_EXPANDED_NODES + " nodes through aliases");
        }
    }

    private JsonNode scalar(ScalarNode node) throws YamlError {
        String value = node.getValue();
        Tag tag = node.getTag();
        try {
            if (tag == PLAIN) {
                return GoYamlScalars.resolvePlain(value);
            }
            if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT) || tag.equals(Tag.BOOL) || tag.equals(Tag.NULL)) {
                return explicitlyTyped(node, value, tag);
            }
        } catch (GoYamlScalars.UnrepresentableValue e) {
            throw new YamlError(pos(node.getStartMark()).line(), e.getMessage());
        }
        // !!str, quoted scalars, !!binary, !!timestamp and unknown local tags all stay text.
        return TextNode.valueOf(value);
    }

    private JsonNode explicitlyTyped(ScalarNode node, String value, Tag tag)
            throws YamlError, GoYamlScalars.UnrepresentableValue {
        JsonNode resolved = value.isEmpty() && !tag.equals(Tag.NULL)
                ? TextNode.valueOf(value)
                : GoYamlScalars.resolvePlain(value);
        boolean ok = (tag.equals(Tag.INT) && resolved.isIntegralNumber())
                || (tag.equals(Tag.FLOAT) && resolved.isNumber())
                || (tag.equals(Tag.BOOL) && resolved.isBoolean())
                || (tag.equals(Tag.NULL) && resolved.isNull());
        if (!ok) {
            throw new YamlError(pos(node.getStartMark()).line(),
                    "cannot decode \"" + value + "\" as " + tag.getValue().replace(Tag.PREFIX, "!!"));
        }
        return tag.equals(Tag.FLOAT) && resolved.isIntegralNumber()
                ? JsonNodeFactory.instance.numberNode(resolved.doubleValue())
                : resolved;
    }

    private JsonNode sequence(SequenceNode node, JsonPath path) throws YamlError {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        List<Node> items = node.getValue();
        Position[] positions = new Position[items.size()];
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            positions[i] = pos(item.getStartMark());
            array.add(convert(item, path.index(i)));
        }
        sourceMap.recordElements(array, positions);
        sourceMap.recordStart(array, pos(node.getStartMark()));
        return array;
    }

    private JsonNode mapping(MappingNode node, JsonPath path) throws YamlError {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        Map<String, Position> explicitKeys = new HashMap<>();
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            Node valueNode = tuple.getValueNode();
            if (isMergeKey(keyNode)) {
                merge(object, valueNode, path);
                continue;
            }
            String key = keyString(keyNode);
            Position keyPos = pos(keyNode.getStartMark());
            JsonNode value = convert(valueNode, path.key(key));
            Position earlier = explicitKeys.put(key, keyPos);
            if (earlier != null) {
                duplicates.add(new DuplicateKey(path.key(key), earlier, keyPos));
            }
            // Like go-yaml v2 decoding into a map: in document order, the last write wins.
            object.set(key, value);
            sourceMap.recordKey(object, key, keyPos);
        }
        sourceMap.recordStart(object, pos(node.getStartMark()));
        return object;
    }

    private static boolean isMergeKey(Node key) {
        return key instanceof ScalarNode s && s.getValue().equals("<<")
                && (s.getTag() == PLAIN || s.getTag().equals(Tag.MERGE));
    }

    /**
     * go-yaml v2 merge: the merged mapping's keys are written into the target at the point of
     * the {@code <<} key; from a sequence, later mappings first so that earlier ones win.
     */
    private void merge(ObjectNode target, Node value, JsonPath path) throws YamlError {
        List<Node> sources = new ArrayList<>();
        if (value instanceof MappingNode) {
            sources.add(value);
        } else if (value instanceof SequenceNode seq) {
            List<Node> items = new ArrayList<>(seq.getValue());
            Collections.reverse(items);
            for (Node item : items) {
                if (!(item instanceof MappingNode)) {
                    throw new YamlError(pos(item.getStartMark()).line(),
                            "map merge requires map or sequence of maps as the value");
                }
                sources.add(item);
            }
        } else {
            throw new YamlError(pos(value.getStartMark()).line(),
                    "map merge requires map or sequence of maps as the value");
        }
        for (Node source : sources) {
            JsonNode merged = convert(source, path);
            for (Iterator<Map.Entry<String, JsonNode>> it = merged.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                target.set(e.getKey(), e.getValue());
                Position p = sourceMap.keyPosition(merged, e.getKey());
                if (p != null) {
                    sourceMap.recordKey(target, e.getKey(), p);
                }
            }
        }
    }

    /** A mapping key as sigs.k8s.io/yaml writes it into JSON: resolved, then printed as text. */
    private String keyString(Node keyNode) throws YamlError {
        int line = pos(keyNode.getStartMark()).line();
        if (!(keyNode instanceof ScalarNode s)) {
            throw new YamlError(line, "unsupported map key: a mapping or sequence cannot be a key in JSON");
        }
        if (s.getTag() != PLAIN) {
            return s.getValue();
        }
        JsonNode resolved;
        try {
            resolved = GoYamlScalars.resolvePlain(s.getValue());
        } catch (GoYamlScalars.UnrepresentableValue e) {
            return s.getValue().toLowerCase().contains("nan") ? ".nan" : s.getValue().startsWith("-") ? "-.inf" : ".inf";
        }
        if (resolved.isNull()) {
            throw new YamlError(line, "unsupported map key: null");
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
        if (f == Math.rint(f) && Math.abs(f) < 1e21) {
            String s = new java.math.BigDecimal(Float.toString(f)).stripTrailingZeros().toPlainString();
            return Math.abs(f) >= 1e6 ? goExponent(f) : s;
        }
        return Float.toString(f);
    }

    private static String goExponent(float f) {
        String e = String.format("%e", new java.math.BigDecimal(Float.toString(f)));
        // %e prints 1.000000e+07; Go's shortest form is 1e+07.
        String[] parts = e.split("e");
        String mantissa = parts[0].replaceAll("\\.?0+$", "");
        return mantissa + "e" + parts[1];
    }
}
