package dev.kubeward.checks.workload;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.check.ContainerCheck;
import dev.kubeward.model.Container;
import dev.kubeward.model.Field;
import dev.kubeward.model.Json;

@CheckInfo(
        id = "privilege-escalation-allowed",
        title = "Privilege escalation allowed",
        severity = Severity.HIGH,
        category = "Pod security",
        description = "A container does not set securityContext.allowPrivilegeEscalation: false. Kubernetes "
                + "allows escalation by default, and always for privileged containers or those with CAP_SYS_ADMIN.",
        rationale = "Without no_new_privs a process can gain more privileges than its parent through setuid "
                + "binaries or file capabilities, turning a foothold into root inside the container.",
        remediation = "Set securityContext.allowPrivilegeEscalation: false on every container.",
        cis = "5.2.6",
        nsaCisa = "Pod security: non-root containers and rootless container engines",
        pss = "Restricted: Privilege Escalation",
        mitre = "T1068")
public final class PrivilegeEscalationAllowed extends ContainerCheck {
    @Override
    protected boolean linuxOnly() {
        return true;
    }

    @Override
    protected void checkContainer(Container c, CheckContext context, FindingSink sink) {
        Field ape = c.ownSecurity("allowPrivilegeEscalation");
        if (!Json.isFalse(ape.value())) {
            String why = ape.present() ? "sets allowPrivilegeEscalation: " + ape.value() : "does not set allowPrivilegeEscalation: false";
            sink.report(ape.present() ? ape.path() : c.path(), c.describe() + " " + why);
        }
    }
}
