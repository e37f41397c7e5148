package dev.kubeward.checks.workload;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.check.ContainerCheck;
import dev.kubeward.model.Container;
import dev.kubeward.model.Field;
import dev.kubeward.model.Json;
import java.util.OptionalLong;

@CheckInfo(
        id = "run-as-root",
        title = "Container may run as root",
        severity = Severity.HIGH,
        category = "Pod security",
        description = "Neither runAsNonRoot: true nor a non-zero runAsUser is in effect for a container "
                + "(the container's securityContext, else the pod's). The image's USER then decides, "
                + "and many images run as uid 0.",
        rationale = "A process running as root inside the container is root on the host if it escapes, "
                + "and can modify everything in its own filesystem.",
        remediation = "Set securityContext.runAsNonRoot: true and a non-zero runAsUser (pod or container level), "
                + "and build the image with a non-root USER.",
        cis = "5.2.7",
        nsaCisa = "Pod security: non-root containers and rootless container engines",
        pss = {"Restricted: Running as Non-root", "Restricted: Running as Non-root user"},
        mitre = "T1068")
public final class RunAsRoot extends ContainerCheck {
    @Override
    protected boolean linuxOnly() {
        return true;
    }

    @Override
    protected void checkContainer(Container c, CheckContext context, FindingSink sink) {
        Field nonRoot = c.effectiveSecurity("runAsNonRoot");
        Field user = c.effectiveSecurity("runAsUser");
        OptionalLong uid = Json.integer(user.value());
        if (Json.isTrue(nonRoot.value()) || (uid.isPresent() && uid.getAsLong() != 0)) {
            return;
        }
        if (uid.isPresent()) {
            sink.report(user.path(), c.describe() + " runs as root (runAsUser: 0)");
        } else if (Json.isFalse(nonRoot.value())) {
            sink.report(nonRoot.path(), c.describe() + " sets runAsNonRoot: false and no non-zero runAsUser");
        } else {
            sink.report(c.path(), c.describe() + " may run as root: neither runAsNonRoot: true nor a non-zero runAsUser is set");
        }
    }
}
