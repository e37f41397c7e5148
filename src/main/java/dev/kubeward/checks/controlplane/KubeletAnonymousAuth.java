package dev.kubeward.checks.controlplane;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.Severity;
import dev.kubeward.controlplane.KubeletField;
import dev.kubeward.controlplane.KubeletNode;

@CheckInfo(
        id = "kubelet-anonymous-auth",
        title = "Kubelet accepts anonymous requests",
        severity = Severity.HIGH,
        category = "Kubelet",
        description = "The kubelet runs with anonymous authentication on: authentication.anonymous.enabled true, or --anonymous-auth true, which is the default when no config file is used.",
        rationale = "Anyone who reaches port 10250 is served as system:anonymous; with AlwaysAllow authorization that means exec into every pod on the node.",
        remediation = "Set authentication.anonymous.enabled: false in the KubeletConfiguration (or --anonymous-auth=false).",
        cis = {"4.2.1"},
        nsaCisa = "Authentication and authorization: authentication")
public final class KubeletAnonymousAuth extends KubeletCheck {
    @Override
    protected void checkKubelet(KubeletNode node, Scoped sink) {
        reportIfBool(node, KubeletField.ANONYMOUS_AUTH, true, sink, "anonymous requests are accepted");
    }
}
