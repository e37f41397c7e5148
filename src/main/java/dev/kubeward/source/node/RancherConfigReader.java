package dev.kubeward.source.node;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.controlplane.RancherConfig;
import java.util.Optional;

/**
 * Tells a k3s or RKE2 configuration file from a manifest. The file has no apiVersion or kind,
 * and any YAML mapping could carry a key like {@code kubelet-arg}, so only the file's name
 * decides: {@code …/rancher/k3s/config.yaml}, {@code …/rancher/rke2/config.yaml} (the node's own
 * path, also inside a copy of its files) or {@code NAME.k3s.yaml} / {@code NAME.rke2.yaml}.
 * Anything else without apiVersion and kind stays "not a Kubernetes object".
 */
public final class RancherConfigReader {
    private RancherConfigReader() {}

    /** The distribution's name, to name the object by, when the document is such a file. */
    public static Optional<String> recognise(String file, JsonNode document) {
        if (!document.isObject() || document.has("apiVersion") || document.has("kind")) {
            return Optional.empty();
        }
        return RancherConfig.distributionOfFile(file).map(RancherConfig.Distribution::id);
    }
}
