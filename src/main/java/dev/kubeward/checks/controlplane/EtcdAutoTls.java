package dev.kubeward.checks.controlplane;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.controlplane.Component;
import dev.kubeward.controlplane.ComponentConfig;

@CheckInfo(
        id = "etcd-auto-tls",
        title = "etcd uses self-signed client certificates",
        severity = Severity.MEDIUM,
        category = "etcd",
        description = "etcd runs with --auto-tls true.",
        rationale = "Self-signed certificates cannot be verified, so clients either skip verification or trust an impostor.",
        remediation = "Remove --auto-tls and set --cert-file and --key-file to a certificate from a CA clients trust.",
        cis = "2.3",
        nsaCisa = "Network separation and hardening: control plane hardening",
        mitre = "T1557")
public final class EtcdAutoTls extends ComponentCheck {
    public EtcdAutoTls() {
        super(Component.ETCD);
    }

    @Override
    protected void checkComponent(ComponentConfig c, CheckContext context, FindingSink sink) {
        reportIfBool(c, "auto-tls", true, sink, "clients are served a self-signed certificate");
    }
}
