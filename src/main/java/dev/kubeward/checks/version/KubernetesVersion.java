package dev.kubeward.checks.version;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.Config;
import dev.kubeward.model.Resource;
import java.util.List;
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
     * The releases that checks judging API availability use: the configured one, else every minor
     * of a kube-apiserver image in the scan (a kubeadm static pod, an API dump's mirror pods), oldest
     * first, else the newest minor of the bundled release table (manifests are assumed to be applied
     * to a current cluster). An input rarely shows more than one.
     */
    public static List<Target> targets(CheckContext context) {
        Optional<KubernetesVersion> c = configured(context.config());
        if (c.isPresent()) {
            return List.of(new Target(c.get(), "kubernetesVersion " + c.get()));
        }
        List<KubernetesVersion> seen = context.inventory().derived(SEEN_KEY, inv -> {
            java.util.TreeMap<Integer, KubernetesVersion> byMinor = new java.util.TreeMap<>();
            for (Resource r : inv.all()) {
                for (ClusterVersions.Sighting s : ClusterVersions.apiServerImages(r, inv)) {
                    if (s.version().major() == 1) {
                        byMinor.putIfAbsent(s.version().minor(), s.version());
                    }
                }
            }
            return List.copyOf(byMinor.values());
        });
        if (seen.isEmpty()) {
            return List.of(target(Config.DEFAULT));
        }
        return seen.stream().map(v -> new Target(v, "Kubernetes " + v.minorLabel() + " (a kube-apiserver image of the input)"))
                .toList();
    }

    private static final Object SEEN_KEY = new Object();

    /** The configured version, else the newest minor of the bundled release table. */
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
