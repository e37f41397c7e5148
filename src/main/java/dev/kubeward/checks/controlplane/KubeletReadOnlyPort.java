package dev.kubeward.checks.controlplane;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.Severity;
import dev.kubeward.controlplane.KubeletField;
import dev.kubeward.controlplane.KubeletNode;

@CheckInfo(
        id = "kubelet-read-only-port",
        title = "Kubelet read-only port open",
        severity = Severity.MEDIUM,
        category = "Kubelet",
        description = "The kubelet serves its unauthenticated read-only port: readOnlyPort or --read-only-port "
                + "other than 0 (10255 is the default when no config file is used).",
        rationale = "The read-only port serves pod specs, including environment variables, and metrics to anyone "
                + "who can reach the node, without authentication.",
        remediation = "Set readOnlyPort: 0 and scrape metrics from the authenticated port 10250.",
        cis = "4.2.4",
        nsaCisa = "Network separation and hardening: worker node segmentation",
        mitre = "T1613")
public final class KubeletReadOnlyPort extends KubeletCheck {
    @Override
    protected void checkKubelet(KubeletNode node, Scoped sink) {
        KubeletNode.Value v = node.value(KubeletField.READ_ONLY_PORT);
        if (v.text() != null && !v.text().equals("0")) {
            sink.report(v, "kubelet: the unauthenticated read-only port is open ("
                    + named(KubeletField.READ_ONLY_PORT, v) + ")");
        }
    }
}
