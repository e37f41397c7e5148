package dev.kubeward.checks.workload;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.check.PodCheck;
import dev.kubeward.model.Field;
import dev.kubeward.model.Json;
import dev.kubeward.model.PodTemplate;

@CheckInfo(
        id = "host-ipc",
        title = "Shares the host's IPC namespace",
        severity = Severity.HIGH,
        category = "Pod security",
        description = "The pod sets spec.hostIPC: true.",
        rationale = "The pod shares the node's IPC namespace: it can read and write the shared memory and message queues of every other process on the node.",
        remediation = "Remove spec.hostIPC or set it to false.",
        cis = "5.2.4",
        nsaCisa = "Pod security: hardening container environments",
        pss = "Baseline: Host Namespaces",
        mitre = "T1611")
public final class HostIPC extends PodCheck {
    @Override
    protected void checkPod(PodTemplate pod, CheckContext context, FindingSink sink) {
        Field f = pod.specField("hostIPC");
        if (Json.isTrue(f.value())) {
            sink.report(f.path(), "the pod shares the host's IPC namespace (hostIPC: true)");
        }
    }
}
