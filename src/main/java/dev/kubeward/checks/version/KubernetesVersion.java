package dev.kubeward.checks.version;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes version as clusters report it: v1.33.4, 1.33, or with a distribution suffix
 * (v1.33.4-eks-1a2b3c, v1.33.4+k3s1), which is ignored.
 *
 * @param patch -1 when only the minor is known
 */
record KubernetesVersion(int major, int minor, int patch) {
    private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?(?:[-+].*)?");

    static Optional<KubernetesVersion> parse(String text) {
        Matcher m = VERSION.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new KubernetesVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? -1 : Integer.parseInt(m.group(3))));
    }

    String minorLabel() {
        return major + "." + minor;
    }

    @Override
    public String toString() {
        return minorLabel() + (patch < 0 ? "" : "." + patch);
    }
}
