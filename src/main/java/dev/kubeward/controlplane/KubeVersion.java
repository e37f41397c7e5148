package dev.kubeward.controlplane;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes minor version, which is all that defaults depend on. Read from an image tag
 * ({@code registry.k8s.io/kube-apiserver:v1.30.2}) or from configuration ({@code 1.29}).
 */
public record KubeVersion(int major, int minor) implements Comparable<KubeVersion> {
    /** Assumed when nothing says otherwise: defaults only ever got safer, so this errs quiet. */
    public static final KubeVersion NEWEST = new KubeVersion(1, 33);

    private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)(?:[.\\-+].*)?");

    public static Optional<KubeVersion> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = VERSION.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new KubeVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
    }

    /**
     * The version in an image reference's tag, when the tag is a Kubernetes version
     * ({@code v1.30.2}); digests and other tags say nothing.
     */
    public static Optional<KubeVersion> fromImage(String image) {
        if (image == null) {
            return Optional.empty();
        }
        String ref = image;
        int at = ref.indexOf('@');
        if (at >= 0) {
            ref = ref.substring(0, at);
        }
        int colon = ref.lastIndexOf(':');
        if (colon < 0 || ref.indexOf('/', colon) >= 0) {
            return Optional.empty();
        }
        String tag = ref.substring(colon + 1);
        // Only "v1.x" tags: etcd's "3.5.12-0" is etcd's version, not Kubernetes'.
        return tag.startsWith("v") ? parse(tag) : Optional.empty();
    }

    public boolean before(int major, int minor) {
        return compareTo(new KubeVersion(major, minor)) < 0;
    }

    @Override
    public int compareTo(KubeVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
