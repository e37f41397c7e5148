package dev.kubeward.checks.version;

import dev.kubeward.check.Config;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes version as clusters report it: v1.33.4, 1.33, or with a distribution suffix
 * (v1.33.4-eks-1a2b3c, v1.33.4+k3s1), which is ignored.
 *
 * @param patch -1 when only the minor is known
 */
public record KubernetesVersion(int major, int minor, int patch) {
    private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?(?:[-+].*)?");

    /** The configuration's kubernetesVersion (also set by --kubernetes-version), if any. */
    public static Optional<KubernetesVersion> configured(Config config) {
        String text = config.setting("kubernetesVersion", null);
        return text == null ? Optional.empty() : parse(text);
    }

    /**
     * The version that checks judging API availability use: the configured one, else the newest
     * minor of the bundled release table (manifests are assumed to be applied to a current cluster).
     */
    public static Target target(Config config) {
        Optional<KubernetesVersion> c = configured(config);
        if (c.isPresent()) {
            return new Target(c.get(), "kubernetesVersion " + c.get());
        }
        KubernetesVersion newest = KubernetesReleases.bundled().releases().get(0).minor();
        return new Target(newest, "Kubernetes " + newest.minorLabel()
                + ", the newest release kubeward knows (set kubernetesVersion or --kubernetes-version)");
    }

    /** A version to judge against and how to name it in a message. */
    public record Target(KubernetesVersion version, String description) {}

    /** Whether this version is {@code major.minor} or later. */
    public boolean atLeast(int major, int minor) {
        return this.major != major ? this.major > major : this.minor >= minor;
    }

    public static Optional<KubernetesVersion> parse(String text) {
        Matcher m = VERSION.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new KubernetesVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? -1 : Integer.parseInt(m.group(3))));
    }

    public String minorLabel() {
        return major + "." + minor;
    }

    @Override
    public String toString() {
        return minorLabel() + (patch < 0 ? "" : "." + patch);
    }
}
