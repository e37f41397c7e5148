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
        id = "host-pid",
        title = "Shares the host's PID namespace",
        severity = Severity.HIGH,
        category = "Pod security",
        description = "The pod sets spec.hostPID: true.",
        rationale = "The pod shares the node's process ID namespace: it can see and signal every process on the node and read their command lines and environment, which often hold credentials.",
        remediation = "Remove spec.hostPID or set it to false.",
        cis = "5.2.3",
        nsaCisa = "Pod security: hardening container environments",
        pss = "Baseline: Host Namespaces",
        mitre = "T1611")
public final class HostPID extends PodCheck {
    @Override
    protected void checkPod(PodTemplate pod, CheckContext context, FindingSink sink) {
        Field f = pod.specField("hostPID");
        if (Json.isTrue(f.value())) {
            sink.report(f.path(), "the pod shares the host's PID namespace (hostPID: true)");
        }
    }
}
