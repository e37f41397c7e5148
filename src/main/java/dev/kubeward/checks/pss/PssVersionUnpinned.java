package dev.kubeward.checks.pss;

import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Resource;
import dev.kubeward.pss.PolicyMode;

@CheckInfo(
        id = "pss-version-unpinned",
        title = "Pod Security enforce version not pinned",
        severity = Severity.INFO,
        category = "Pod Security Admission",
        description = "A Namespace enforces a Pod Security level without pod-security.kubernetes.io/enforce-version, "
                + "or with latest.",
        rationale = "With latest, a cluster upgrade can tighten the policy and reject pods that were admitted "
                + "before; a pinned version changes only when you change it.",
        remediation = "Set pod-security.kubernetes.io/enforce-version to the cluster's minor version (v1.N) and "
                + "raise it deliberately after testing with the warn label.",
        nsaCisa = "Pod security: pod security enforcement",
        pss = "Pod Security Admission: enforce mode")
public final class PssVersionUnpinned implements Check {
    @Override
    public void check(Resource r, CheckContext context, FindingSink sink) {
        if (!Namespaces.isNamespace(r) || !r.labels().containsKey(PolicyMode.ENFORCE.levelLabel())) {
            return;
        }
        String version = r.labels().get(PolicyMode.ENFORCE.versionLabel());
        if (version == null) {
            sink.report(JsonPath.of("metadata", "labels").key(PolicyMode.ENFORCE.levelLabel()),
                    "namespace " + r.name() + " does not pin " + PolicyMode.ENFORCE.versionLabel() + " (latest applies)");
        } else if (version.equals("latest")) {
            sink.report(JsonPath.of("metadata", "labels").key(PolicyMode.ENFORCE.versionLabel()),
                    "namespace " + r.name() + " enforces the latest Pod Security version");
        }
    }
}
