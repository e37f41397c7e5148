package dev.kubeward.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.model.DuplicateKey;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Position;
import dev.kubeward.model.SourceMap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON stream (one or more concatenated values, as kubectl accepts when a file starts
 * with <code>{</code>) into trees with positions. Go's JSON decoder keeps the last of duplicate
 * keys, as YAML does, so duplicates are collected the same way.
 */
public final class JsonTreeBuilder {
    /**
     * The same limits as YAML documents, so that the format does not change what is accepted: the
     * nesting limit, and strings and keys as long as the file (Jackson's defaults, 20 million
     * characters for a string and 50,000 for a key, would refuse what kubectl reads).
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(YamlTreeBuilder.MAX_NESTING)
                    .maxStringLength(ManifestLoader.MAX_SOURCE_BYTES)
                    .maxNameLength(ManifestLoader.MAX_SOURCE_BYTES)
                    .build())
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final SourceMap sourceMap = new SourceMap();
    private final List<DuplicateKey> duplicates = new ArrayList<>();

    private JsonTreeBuilder() {}

    /** Parses every top-level value of the text; stops at the first syntax error. */
    public static List<ParsedDocument> parseAll(String text) throws YamlTreeBuilder.YamlError {
        List<ParsedDocument> docs = new ArrayList<>();
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                JsonTreeBuilder builder = new JsonTreeBuilder();
                Position start = pos(parser.currentTokenLocation());
                JsonNode root = builder.value(parser, token, JsonPath.ROOT);
                builder.sourceMap.recordStart(root, start);
                docs.add(new ParsedDocument(root, start, builder.sourceMap, builder.duplicates));
            }
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            // Jackson's wording names its own API; say it as the YAML reader does.
            JsonLocation loc = e.getLocation();
            throw new YamlTreeBuilder.YamlError(loc == null ? 1 : loc.getLineNr(), constraint(e));
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            throw new YamlTreeBuilder.YamlError(loc == null ? 1 : loc.getLineNr(), ParseMessages.json(e));
        } catch (IOException e) {
            throw new YamlTreeBuilder.YamlError(1, "cannot read JSON: " + e.getMessage());
        }
        return docs;
    }

    /** Which of the reader's limits a document passed, in the YAML reader's words. */
    private static String constraint(com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
        String m = String.valueOf(e.getOriginalMessage());
        if (m.startsWith("Document nesting depth")) {
            return "nesting deeper than " + YamlTreeBuilder.MAX_NESTING + " levels";
        }
        if (m.startsWith("Number value length") || m.startsWith("BigDecimal scale")) {
            return "invalid JSON: a number is longer than " + StreamReadConstraints.DEFAULT_MAX_NUM_LEN + " digits";
        }
        // Strings and keys are limited to the file's length, so this is not expected to be reached.
        return "invalid JSON: a string or key is longer than " + ManifestLoader.MAX_SOURCE_BYTES + " characters";
    }

    private static Position pos(JsonLocation loc) {
        return new Position(Math.max(1, loc.getLineNr()), Math.max(1, loc.getColumnNr()));
    }

    private JsonNode value(JsonParser p, JsonToken token, JsonPath path) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                Position start = pos(p.currentTokenLocation());
                Map<String, Long> seen = new HashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    Position keyPos = pos(p.currentTokenLocation());
                    JsonNode v = value(p, p.nextToken(), path.key(key));
                    Long earlier = seen.put(key, SourceMap.pack(keyPos));
                    if (earlier != null) {
                        duplicates.add(new DuplicateKey(path.key(key), SourceMap.unpack(earlier), keyPos));
                    }
                    object.set(key, v);
                }
                sourceMap.recordObject(object, start, seen);
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                Position start = pos(p.currentTokenLocation());
                List<Long> positions = new ArrayList<>();
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    positions.add(SourceMap.pack(pos(p.currentTokenLocation())));
                    array.add(value(p, t, path.index(array.size())));
                }
                sourceMap.recordArray(array, start, positions.stream().mapToLong(Long::longValue).toArray());
                return array;
            }
            case VALUE_STRING -> {
                return NODES.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(p.getDoubleValue());
            }
            case VALUE_TRUE -> {
                return NODES.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return NODES.booleanNode(false);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new JsonProcessingException("unexpected token " + token, p.currentTokenLocation()) {};
        }
    }
}
