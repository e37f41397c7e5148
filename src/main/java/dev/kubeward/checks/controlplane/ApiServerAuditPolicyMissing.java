package dev.kubeward.checks.controlplane;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.controlplane.Component;
import dev.kubeward.controlplane.ComponentConfig;

@CheckInfo(
        id = "apiserver-audit-policy-missing",
        title = "API server has no audit policy",
        severity = Severity.MEDIUM,
        category = "Control plane",
        description = "kube-apiserver has no --audit-policy-file, so it records no audit events at all.",
        rationale = "Audit backends only write what the policy selects; without a policy the audit log stays "
                + "empty even when --audit-log-path is set.",
        remediation = "Write an audit policy (at least Metadata level for secrets, configmaps and tokenreviews, "
                + "and for pods/exec, pods/portforward, pods/proxy, services/proxy) and pass it with "
                + "--audit-policy-file.",
        cis = "3.2.1",
        nsaCisa = "Audit logging and threat detection: logging",
        mitre = "T1562.008")
public final class ApiServerAuditPolicyMissing extends ComponentCheck {
    public ApiServerAuditPolicyMissing() {
        super(Component.API_SERVER);
    }

    @Override
    protected void checkComponent(ComponentConfig c, CheckContext context, FindingSink sink) {
        reportIfUnset(c, "audit-policy-file", sink, "no audit events are recorded");
    }
}
