package dev.kubeward.checks.controlplane;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.controlplane.Component;
import dev.kubeward.controlplane.ComponentConfig;

@CheckInfo(
        id = "etcd-peer-auto-tls",
        title = "etcd peers use self-signed certificates",
        severity = Severity.MEDIUM,
        category = "etcd",
        description = "etcd runs with --peer-auto-tls true.",
        rationale = "Self-signed peer certificates authenticate nobody: any host can pose as a member.",
        remediation = "Remove --peer-auto-tls and set --peer-cert-file and --peer-key-file to certificates from a dedicated CA.",
        cis = "2.6",
        nsaCisa = "Network separation and hardening: control plane hardening",
        mitre = "T1557")
public final class EtcdPeerAutoTls extends ComponentCheck {
    public EtcdPeerAutoTls() {
        super(Component.ETCD);
    }

    @Override
    protected void checkComponent(ComponentConfig c, CheckContext context, FindingSink sink) {
        reportIfBool(c, "peer-auto-tls", true, sink, "peers use self-signed certificates");
    }
}
