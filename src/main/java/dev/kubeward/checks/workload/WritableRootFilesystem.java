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
        id = "writable-root-filesystem",
        title = "Writable root filesystem",
        severity = Severity.MEDIUM,
        category = "Pod security",
        description = "A container does not set securityContext.readOnlyRootFilesystem: true.",
        rationale = "A writable root filesystem lets an attacker drop tools, modify binaries and persist in "
                + "the container; immutable containers make that much harder.",
        remediation = "Set securityContext.readOnlyRootFilesystem: true and mount emptyDir volumes where the "
                + "application must write (e.g. /tmp).",
        cis = "5.6.3",
        nsaCisa = "Pod security: immutable container file systems",
        mitre = "T1496")
public final class WritableRootFilesystem extends ContainerCheck {
    @Override
    protected boolean linuxOnly() {
        return true;
    }

    @Override
    protected void checkContainer(Container c, CheckContext context, FindingSink sink) {
        Field ro = c.ownSecurity("readOnlyRootFilesystem");
        if (!Json.isTrue(ro.value())) {
            sink.report(ro.present() ? ro.path() : c.path(), c.describe() + " has a writable root filesystem");
        }
    }
}
