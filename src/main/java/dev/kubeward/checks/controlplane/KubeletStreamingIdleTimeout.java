package dev.kubeward.checks.controlplane;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.Severity;
import dev.kubeward.controlplane.KubeletField;
import dev.kubeward.controlplane.KubeletNode;

@CheckInfo(
        id = "kubelet-streaming-idle-timeout",
        title = "Kubelet streaming connections never time out",
        severity = Severity.LOW,
        category = "Kubelet",
        description = "The kubelet's streamingConnectionIdleTimeout (--streaming-connection-idle-timeout) is 0.",
        rationale = "Idle exec, attach and port-forward sessions then stay open forever, holding resources and "
                + "leaving forgotten shells into pods for anyone who takes over the client.",
        remediation = "Remove the setting (default 4h) or set a shorter one such as 5m.",
        cis = "4.2.5",
        nsaCisa = "Network separation and hardening: worker node segmentation")
public final class KubeletStreamingIdleTimeout extends KubeletCheck {
    @Override
    protected void checkKubelet(KubeletNode node, Scoped sink) {
        KubeletNode.Value v = node.value(KubeletField.STREAMING_CONNECTION_IDLE_TIMEOUT);
        if (v.text() != null && isZero(v.text())) {
            sink.report(v, "kubelet: streaming connections never time out ("
                    + named(KubeletField.STREAMING_CONNECTION_IDLE_TIMEOUT, v) + ")");
        }
    }

    /** A Go duration of zero: "0", "0s", "0m0s", "0h0m0s". */
    static boolean isZero(String duration) {
        return duration.strip().matches("[0-9.a-zµ]*0[0-9.a-zµ]*") && !duration.matches(".*[1-9].*");
    }
}
