package dev.kubeward.checks.workload;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.check.PodCheck;
import dev.kubeward.model.Field;
import dev.kubeward.model.PodTemplate;

@CheckInfo(
        id = "default-service-account",
        title = "Runs as the default service account",
        severity = Severity.LOW,
        category = "Service accounts",
        description = "The pod does not name a service account (or names \"default\"). Static pods are skipped: "
                + "they run without any service account (static-pod-api-reference reports one that names one).",
        rationale = "Every pod of the namespace shares the default service account, so any permission granted "
                + "to it is granted to all of them; dedicated accounts keep RBAC least-privilege and auditable.",
        remediation = "Create a ServiceAccount per workload and set spec.serviceAccountName.",
        cis = "5.1.5",
        nsaCisa = "Authentication and authorization: role-based access control",
        mitre = "T1078")
public final class DefaultServiceAccount extends PodCheck {
    @Override
    protected void checkPod(PodTemplate pod, CheckContext context, FindingSink sink) {
        if (!pod.isStatic() && ServiceAccounts.nameOf(pod).equals("default")) {
            Field f = pod.specField("serviceAccountName");
            sink.report(f.present() ? f.path() : pod.specPath(), "the pod runs as the default service account");
        }
    }
}
