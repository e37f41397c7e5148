package dev.kubeward.model;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes version, as clusters report it ({@code v1.33.4}, {@code 1.33}, with a distribution
 * suffix such as {@code v1.33.4-eks-1a2b3c} or {@code v1.33.4+k3s1}, which is ignored), as
 * configuration writes it, or as a component image's tag carries it. The one version type of
 * kubeward: the control-plane engine's defaults and the version checks both read it.
 *
 * @param patch -1 when only the minor is known
 */
public record KubernetesVersion(int major, int minor, int patch) implements Comparable<KubernetesVersion> {
    private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?(?:[.\\-+].*)?");

    /** A version known to its minor. */
    public static KubernetesVersion of(int major, int minor) {
        return new KubernetesVersion(major, minor, -1);
    }

    /** The version a text names; null or anything else is none. */
    public static Optional<KubernetesVersion> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = VERSION.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new KubernetesVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? -1 : Integer.parseInt(m.group(3))));
    }

    /**
     * The version in an image reference's tag, when the tag is a Kubernetes version
     * ({@code registry.k8s.io/kube-apiserver:v1.30.2}); digests and other tags say nothing.
     */
    public static Optional<KubernetesVersion> fromImage(String image) {
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

    /** Whether this version's minor is {@code major.minor} or later. */
    public boolean atLeast(int major, int minor) {
        return this.major != major ? this.major > major : this.minor >= minor;
    }

    /** Whether this version's minor is before {@code major.minor}. */
    public boolean before(int major, int minor) {
        return !atLeast(major, minor);
    }

    /** Ordered by major, minor, then patch (an unknown patch first). */
    @Override
    public int compareTo(KubernetesVersion o) {
        if (major != o.major) {
            return Integer.compare(major, o.major);
        }
        return minor != o.minor ? Integer.compare(minor, o.minor) : Integer.compare(patch, o.patch);
    }

    /** {@code 1.33}. */
    public String minorLabel() {
        return major + "." + minor;
    }

    /** {@code 1.33.4}, or {@code 1.33} when the patch is not known. */
    @Override
    public String toString() {
        return minorLabel() + (patch < 0 ? "" : "." + patch);
    }
}
