package dev.kubeward.source.node;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells a k3s or RKE2 configuration file from a manifest. The file has no apiVersion or kind,
 * and any YAML mapping could carry a key like {@code kubelet-arg}, so only the file's name
 * decides: {@code …/rancher/k3s/config.yaml}, {@code …/rancher/rke2/config.yaml} (the node's own
 * path, also inside a copy of its files) or {@code NAME.k3s.yaml} / {@code NAME.rke2.yaml}.
 * Anything else without apiVersion and kind stays "not a Kubernetes object".
 */
public final class RancherConfigReader {
    /** {@code …/rancher/k3s/config.yaml} as on a node, or {@code NAME.k3s.yaml} next to a provisioning template. */
    private static final Pattern NODE_PATH = Pattern.compile("(?:^|/)rancher/(k3s|rke2)/config\\.yaml$");
    private static final Pattern NAMED = Pattern.compile("\\.(k3s|rke2)\\.ya?ml$");

    private RancherConfigReader() {}

    /** The distribution ({@code k3s} or {@code rke2}) whose configuration a file of this name is, if it is one. */
    public static Optional<String> distributionOfFile(String file) {
        String path = file.replace('\\', '/');
        Matcher m = NODE_PATH.matcher(path);
        if (m.find()) {
            return Optional.of(m.group(1));
        }
        m = NAMED.matcher(path.toLowerCase(Locale.ROOT));
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The distribution's name, to name the object by, when the document is such a file. */
    public static Optional<String> recognise(String file, JsonNode document) {
        if (!document.isObject() || document.has("apiVersion") || document.has("kind")) {
            return Optional.empty();
        }
        return distributionOfFile(file);
    }
}
