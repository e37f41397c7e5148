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
        id = "proc-mount-unmasked",
        title = "Unmasked /proc",
        severity = Severity.HIGH,
        category = "Pod security",
        description = "A container sets securityContext.procMount: Unmasked.",
        rationale = "The default /proc mount masks paths such as /proc/kcore and /proc/sys; unmasked, they "
                + "expose kernel memory and settings to the container.",
        remediation = "Remove procMount or set it to Default.",
        nsaCisa = "Pod security: hardening container environments",
        pss = "Baseline: /proc Mount Type",
        mitre = "T1611")
public final class ProcMountUnmasked extends ContainerCheck {
    @Override
    protected boolean linuxOnly() {
        return true;
    }

    @Override
    protected void checkContainer(Container c, CheckContext context, FindingSink sink) {
        Field proc = c.ownSecurity("procMount");
        String v = Json.text(proc.value());
        if (v != null && !v.equals("Default")) {
            sink.report(proc.path(), c.describe() + " mounts /proc " + v);
        }
    }
}
