package dev.kubeward.checks.controlplane;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.Severity;
import dev.kubeward.controlplane.KubeletField;
import dev.kubeward.controlplane.KubeletNode;

@CheckInfo(
        id = "kubelet-hostname-override",
        title = "Kubelet overrides its hostname",
        severity = Severity.LOW,
        category = "Kubelet",
        description = "The kubelet runs with --hostname-override.",
        rationale = "A node name that differs from the host's name breaks the TLS link between the kubelet's "
                + "serving certificate and its node, which pushes operators to skip certificate verification.",
        remediation = "Remove --hostname-override (some cloud providers need it; exempt those nodes with a reason).",
        cis = "4.2.7",
        nsaCisa = "Authentication and authorization: authentication")
public final class KubeletHostnameOverride extends KubeletCheck {
    @Override
    protected void checkKubelet(KubeletNode node, Scoped sink) {
        KubeletNode.Value v = node.value(KubeletField.HOSTNAME_OVERRIDE);
        if (!v.defaulted() && v.text() != null && !v.text().isBlank()) {
            sink.report(v, "kubelet: the node name is overridden to " + v.text());
        }
    }
}
