package dev.kubeward.checks.workload;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.ContainerCheck;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.Container;
import dev.kubeward.model.Field;
import dev.kubeward.model.Json;

@CheckInfo(
        id = "privileged-container",
        title = "Privileged container",
        severity = Severity.CRITICAL,
        category = "Pod security",
        description = "A container sets securityContext.privileged: true.",
        rationale = "A privileged container has every capability and all host devices; it is root on the node "
                + "in all but name, and escaping to the host is trivial.",
        remediation = "Remove securityContext.privileged, or set it to false. Grant only the specific "
                + "capabilities the workload needs.",
        cis = "5.2.2",
        nsaCisa = "Pod security: non-root containers and privileged containers",
        pss = "Baseline: Privileged Containers",
        mitre = {"T1611", "T1610"})
public final class PrivilegedContainer extends ContainerCheck {
    @Override
    protected void checkContainer(Container c, CheckContext context, FindingSink sink) {
        Field privileged = c.ownSecurity("privileged");
        if (Json.isTrue(privileged.value())) {
            sink.report(privileged.path(), c.describe() + " runs privileged");
        }
    }
}
