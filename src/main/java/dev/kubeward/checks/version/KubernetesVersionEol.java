package dev.kubeward.checks.version;

import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.KubernetesVersion;
import dev.kubeward.model.Resource;
import java.time.LocalDate;
import java.util.Optional;

@CheckInfo(
        id = "kubernetes-version-eol",
        title = "Kubernetes version past end of life",
        severity = Severity.HIGH,
        category = "Kubernetes version",
        description = "The cluster's Kubernetes minor version has reached its end-of-life date in the bundled release "
                + "table (or is older than any release in it). The version is the configuration's kubernetesVersion, "
                + "else the tag of each kube-apiserver image in the input; the day is today, or the configuration's "
                + "versionCheckDate. Versions newer than the table are not judged.",
        rationale = "An end-of-life release gets no more patches: vulnerabilities found in the API server, kubelet "
                + "or kube-proxy after that day stay open for good.",
        remediation = "Upgrade one minor version at a time to a supported release, checking removed APIs before each "
                + "step.",
        nsaCisa = "Upgrading and application security practices",
        mitre = "T1190")
public final class KubernetesVersionEol implements Check {
    @Override
    public void check(Resource resource, CheckContext context, FindingSink sink) {
        KubernetesReleases table = KubernetesReleases.bundled();
        LocalDate today = ClusterVersions.today(context);
        for (ClusterVersions.Sighting s : ClusterVersions.in(resource, context)) {
            Optional<KubernetesReleases.Release> release = table.find(s.version());
            if (release.isPresent() && release.get().endOfLifeBy(today)) {
                sink.report(s.path(), s.source() + ": Kubernetes " + s.version().minorLabel() + " reached end of life on "
                        + release.get().endOfLife() + " and gets no more security fixes" + supported(table, today));
            } else if (release.isEmpty() && isOlderThanTable(s.version(), table)) {
                sink.report(s.path(), s.source() + ": Kubernetes " + s.version().minorLabel() + " is older than "
                        + table.oldest().minor().minorLabel() + ", which reached end of life on "
                        + table.oldest().endOfLife() + supported(table, today));
            }
        }
    }

    private static boolean isOlderThanTable(KubernetesVersion v, KubernetesReleases table) {
        KubernetesVersion oldest = table.oldest().minor();
        return v.major() < oldest.major() || (v.major() == oldest.major() && v.minor() < oldest.minor());
    }

    private static String supported(KubernetesReleases table, LocalDate today) {
        var supported = table.supportedOn(today);
        return supported.isEmpty() ? "" : " (supported on " + today + ": " + String.join(", ",
                supported.stream().map(r -> r.minor().minorLabel()).toList()) + ")";
    }
}
