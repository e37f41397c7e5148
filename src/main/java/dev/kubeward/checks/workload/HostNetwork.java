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
        id = "host-network",
        title = "Shares the host's Network namespace",
        severity = Severity.HIGH,
        category = "Pod security",
        description = "The pod sets spec.hostNetwork: true.",
        rationale = "The pod shares the node's network namespace: it sees all traffic of the node, can bind the node's ports and reaches services that listen only on the node's localhost, such as the kubelet's read-only port or cloud metadata proxies.",
        remediation = "Remove spec.hostNetwork or set it to false.",
        cis = "5.2.5",
        nsaCisa = "Pod security: hardening container environments",
        pss = "Baseline: Host Namespaces",
        mitre = "T1557")
public final class HostNetwork extends PodCheck {
    @Override
    protected void checkPod(PodTemplate pod, CheckContext context, FindingSink sink) {
        Field f = pod.specField("hostNetwork");
        if (Json.isTrue(f.value())) {
            sink.report(f.path(), "the pod shares the host's Network namespace (hostNetwork: true)");
        }
    }
}
