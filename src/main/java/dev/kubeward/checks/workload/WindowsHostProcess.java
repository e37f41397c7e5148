package dev.kubeward.checks.workload;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.check.PodCheck;
import dev.kubeward.model.Container;
import dev.kubeward.model.Field;
import dev.kubeward.model.Json;
import dev.kubeward.model.PodTemplate;

@CheckInfo(
        id = "windows-host-process",
        title = "Windows HostProcess container",
        severity = Severity.CRITICAL,
        category = "Pod security",
        description = "securityContext.windowsOptions.hostProcess is true for the pod or a container.",
        rationale = "A Windows HostProcess container runs directly on the node with the host's network and "
                + "file system, as a node administrator account: it is full access to the node.",
        remediation = "Remove windowsOptions.hostProcess; keep node-management tools out of application namespaces.",
        cis = "5.2.10",
        nsaCisa = "Pod security: hardening container environments",
        pss = "Baseline: HostProcess",
        mitre = "T1611")
public final class WindowsHostProcess extends PodCheck {
    @Override
    protected void checkPod(PodTemplate pod, CheckContext context, FindingSink sink) {
        Field podLevel = pod.podSecurity("windowsOptions");
        if (podLevel.present() && Json.isTrue(podLevel.value().get("hostProcess"))) {
            sink.report(podLevel.path().key("hostProcess"), "the pod runs as a Windows HostProcess");
        }
        for (Container c : pod.containers()) {
            Field own = c.ownSecurity("windowsOptions");
            if (own.present() && Json.isTrue(own.value().get("hostProcess"))) {
                sink.report(own.path().key("hostProcess"), c.describe() + " runs as a Windows HostProcess");
            }
        }
    }
}
