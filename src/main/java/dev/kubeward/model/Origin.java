package dev.kubeward.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where an object came from: the file (as the user named it), the index of the YAML document
 * in that file (0-based), and the positions of every field.
 */
public record Origin(String file, int document, SourceMap sourceMap) {
    public Position locate(JsonNode root, JsonPath path) {
        return sourceMap == null ? Position.START : sourceMap.locate(root, path);
    }
}
