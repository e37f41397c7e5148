package dev.kubeward.checks.controlplane;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.Severity;
import dev.kubeward.controlplane.KubeletField;
import dev.kubeward.controlplane.KubeletNode;

@CheckInfo(
        id = "kubelet-authorization-always-allow",
        title = "Kubelet authorizes every request",
        severity = Severity.HIGH,
        category = "Kubelet",
        description = "The kubelet's authorization mode is AlwaysAllow: authorization.mode AlwaysAllow, or "
                + "--authorization-mode AlwaysAllow, which is the default when no config file is used.",
        rationale = "Every authenticated caller (and with anonymous auth, every caller) can exec into pods, read "
                + "logs and secrets mounted on the node through the kubelet API.",
        remediation = "Set authorization.mode: Webhook (the API server then decides through SubjectAccessReviews).",
        cis = "4.2.2",
        nsaCisa = "Authentication and authorization: role-based access control",
        mitre = "T1609")
public final class KubeletAuthorizationAlwaysAllow extends KubeletCheck {
    @Override
    protected void checkKubelet(KubeletNode node, Scoped sink) {
        KubeletNode.Value v = node.value(KubeletField.AUTHORIZATION_MODE);
        if ("AlwaysAllow".equals(v.text())) {
            sink.report(v, "kubelet: every request is authorized ("
                    + named(KubeletField.AUTHORIZATION_MODE, v) + ")");
        }
    }
}
