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
        id = "pss-enforce-label-missing",
        title = "Namespace does not enforce Pod Security Standards",
        severity = Severity.MEDIUM,
        category = "Pod Security Admission",
        description = "A Namespace has no pod-security.kubernetes.io/enforce label, so Pod Security Admission "
                + "enforces nothing there (unless the cluster-wide AdmissionConfiguration sets a default).",
        rationale = "Without an enforce level any pod can be created in the namespace, privileged ones included; "
                + "the hardening guides ask for a Pod Security Standards level applied to every namespace.",
        remediation = "Label the namespace pod-security.kubernetes.io/enforce: restricted (or baseline where "
                + "restricted is not yet possible) with a pinned enforce-version; use warn and audit to prepare.",
        cis = "5.2.1",
        nsaCisa = "Pod security: pod security enforcement",
        pss = "Pod Security Admission: enforce mode")
public final class PssEnforceLabelMissing implements Check {
    @Override
    public void check(Resource r, CheckContext context, FindingSink sink) {
        if (Namespaces.isNamespace(r) && !r.labels().containsKey(PolicyMode.ENFORCE.levelLabel())) {
            sink.report(r.labels().isEmpty() ? JsonPath.of("metadata") : JsonPath.of("metadata", "labels"),
                    "namespace " + r.name() + " has no " + PolicyMode.ENFORCE.levelLabel() + " label");
        }
    }
}
