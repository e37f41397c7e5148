package dev.kubeward.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.model.DuplicateKey;
import dev.kubeward.model.Position;
import dev.kubeward.model.SourceMap;
import java.util.List;

/** One document of a file, parsed: its JSON tree, positions, and the duplicate keys it had. */
public record ParsedDocument(JsonNode root, Position start, SourceMap sourceMap, List<DuplicateKey> duplicates) {}
