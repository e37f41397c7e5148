package dev.kubeward.checks.version;

import dev.kubeward.check.CheckContext;
import dev.kubeward.model.Container;
import dev.kubeward.model.ImageRef;
import dev.kubeward.model.Inventory;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.KubernetesVersion;
import dev.kubeward.model.Resource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where the scan learns the cluster's version, and the day to judge it on. The configuration's
 * kubernetesVersion wins, reported on the first object of the scan; otherwise every
 * kube-apiserver container image tag (a kubeadm static pod, say) is a version, reported on its line.
 */
final class ClusterVersions {
    /** A version and where a finding about it belongs in this object. */
    record Sighting(KubernetesVersion version, JsonPath path, String source) {}

    private static final Pattern API_SERVER_IMAGE = Pattern.compile("kube-apiserver(-(amd64|arm64|arm|ppc64le|s390x))?");

    private ClusterVersions() {}

    static List<Sighting> in(Resource resource, CheckContext context) {
        List<Sighting> out = new ArrayList<>();
        String configured = setting(context, "kubernetesVersion");
        if (configured != null) {
            List<Resource> all = context.inventory().all();
            if (!all.isEmpty() && all.get(0) == resource) {
                KubernetesVersion.parse(configured).ifPresent(v -> out.add(new Sighting(v, JsonPath.ROOT,
                        "kubernetesVersion " + configured + " (configuration)")));
            }
            return out;
        }
        return apiServerImages(resource, context.inventory());
    }

    /** The versions of the kube-apiserver images the object runs, each where its image is written. */
    static List<Sighting> apiServerImages(Resource resource, Inventory inventory) {
        List<Sighting> out = new ArrayList<>();
        for (Container c : inventory.podTemplates(resource).stream()
                .flatMap(p -> p.containers().stream()).toList()) {
            String image = c.image();
            // Every container of every scanned object passes here: most are no API server at all.
            if (image == null || !image.contains("kube-apiserver")) {
                continue;
            }
            ImageRef ref = ImageRef.parse(image);
            String repo = ref.repository();
            String last = repo.substring(repo.lastIndexOf('/') + 1);
            if (API_SERVER_IMAGE.matcher(last).matches() && ref.tag() != null) {
                KubernetesVersion.parse(ref.tag()).ifPresent(v -> out.add(new Sighting(v, c.path().key("image"),
                        c.describe() + " runs " + image)));
            }
        }
        return out;
    }

    /** The configured versionCheckDate, so CI results and fixtures do not change with the calendar; else today. */
    static LocalDate today(CheckContext context) {
        String configured = setting(context, "versionCheckDate");
        return configured == null ? LocalDate.now() : LocalDate.parse(configured);
    }

    private static String setting(CheckContext context, String key) {
        return context.config().raw() == null ? null : context.config().raw().path(key).asText(null);
    }
}
