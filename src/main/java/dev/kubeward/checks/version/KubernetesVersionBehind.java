package dev.kubeward.checks.version;

import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.KubernetesVersion;
import dev.kubeward.model.Resource;
import java.time.LocalDate;

@CheckInfo(
        id = "kubernetes-version-behind",
        title = "Kubernetes version behind",
        severity = Severity.MEDIUM,
        category = "Kubernetes version",
        description = "The cluster runs a supported minor version but not its newest patch release in the bundled "
                + "table (medium), or a minor two or more behind the newest released one, which leaves the least "
                + "time before its end of life (low). End-of-life versions are left to kubernetes-version-eol; a "
                + "patch newer than the table knows is not reported.",
        rationale = "Patch releases carry the fixes for published vulnerabilities; a cluster that skips them runs "
                + "with known holes. An old minor also has the shortest runway before security fixes stop.",
        remediation = "Apply the latest patch release of the minor version; plan the next minor upgrade before the "
                + "end-of-life date the finding names.",
        nsaCisa = "Upgrading and application security practices",
        mitre = "T1190")
public final class KubernetesVersionBehind implements Check {
    private static final int MINORS_BEHIND_TO_REPORT = 2;

    @Override
    public void check(Resource resource, CheckContext context, FindingSink sink) {
        KubernetesReleases table = KubernetesReleases.bundled();
        LocalDate today = ClusterVersions.today(context);
        for (ClusterVersions.Sighting s : ClusterVersions.in(resource, context)) {
            table.find(s.version()).filter(r -> !r.endOfLifeBy(today)).ifPresent(release -> {
                KubernetesVersion latest = release.latestPatch();
                if (latest != null && s.version().patch() >= 0 && s.version().patch() < latest.patch()) {
                    int missed = latest.patch() - s.version().patch();
                    sink.report(s.path(), s.source() + ": " + s.version() + " is " + missed + " patch release"
                            + (missed == 1 ? "" : "s") + " behind " + latest + " (newest in the table, "
                            + release.latestPatchDate() + ")");
                    return;
                }
                int behind = newestReleased(table, today).minor().minor() - s.version().minor();
                if (behind >= MINORS_BEHIND_TO_REPORT) {
                    sink.report(s.path(), Severity.LOW, s.source() + ": " + s.version().minorLabel() + " is " + behind
                            + " minor versions behind " + newestReleased(table, today).minor().minorLabel()
                            + " and reaches end of life on " + release.endOfLife());
                }
            });
        }
    }

    private static KubernetesReleases.Release newestReleased(KubernetesReleases table, LocalDate today) {
        return table.releases().stream().filter(r -> !r.released().isAfter(today)).findFirst().orElse(table.newest());
    }
}
