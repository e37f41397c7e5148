package dev.kubeward.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where an object came from: the file (as the user named it), the index of the YAML document
 * in that file (0-based), and the positions of every field.
 */
public record Origin(String file, int document, SourceMap sourceMap) {
    /**
     * How the file of an object read from a live cluster begins: {@code cluster:CONTEXT/Kind/ns/name}.
     * Such an object has no lines; reporters show its JSON path instead.
     */
    public static final String LIVE_PREFIX = "cluster:";

    /** Whether the object was read from a live cluster (no lines, a JSON path says where). */
    public boolean isLive() {
        return file != null && file.startsWith(LIVE_PREFIX);
    }

    /** Where an object stands for a person: {@code file:line}, or the cluster object's name. */
    public String where(int line) {
        return isLive() ? file : file + ":" + line;
    }

    public Position locate(JsonNode root, JsonPath path) {
        return sourceMap == null ? Position.START : sourceMap.locate(root, path);
    }

    /**
     * Where {@code path} was written: the position, in this file or in the one that set the field
     * (a Kustomize patch), with a note when the place is only the nearest that can be shown.
     */
    public Location where(JsonNode root, JsonPath path) {
        return sourceMap == null ? new Location(file, Position.START, null) : sourceMap.locate(file, root, path);
    }
}
