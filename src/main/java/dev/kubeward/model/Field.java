package dev.kubeward.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A value found at a path, or the path where it would have to be written. Checks report the
 * path either way, so a finding about a missing field points at the object that should hold it.
 */
public record Field(JsonNode value, JsonPath path) {
    public boolean present() {
        return value != null && !value.isMissingNode() && !value.isNull();
    }

    public static Field at(JsonNode parent, JsonPath parentPath, String key) {
        JsonNode v = parent == null ? null : parent.get(key);
        return new Field(v, parentPath.key(key));
    }
}
