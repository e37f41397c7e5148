package dev.kubeward.pss;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A pod template inside a workload object, with the JSON paths of its metadata and spec.
 *
 * @param kind     the enclosing object's kind, e.g. {@code Deployment}
 * @param metadata the pod metadata node; a missing node when the template has none
 * @param spec     the pod spec node
 */
public record PodTarget(String kind, JsonNode metadata, JsonNode spec, String metadataPath, String specPath) {
    public PodTarget {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(metadataPath, "metadataPath");
        Objects.requireNonNull(specPath, "specPath");
    }
}
