package dev.kubeward.checks.version;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.Config;
import dev.kubeward.model.KubernetesVersion;
import dev.kubeward.model.Resource;
import java.util.List;
import java.util.Optional;

/**
 * The Kubernetes releases that the version checks judge against: the configured
 * {@code kubernetesVersion}, else the kube-apiserver images of the input, else the newest release
 * kubeward knows.
 */
public final class VersionTargets {
    private VersionTargets() {}

    /** The configuration's kubernetesVersion (also set by --kubernetes-version), if any. */
    public static Optional<KubernetesVersion> configured(Config config) {
        String text = config.setting("kubernetesVersion", null);
        return KubernetesVersion.parse(text);
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
}
