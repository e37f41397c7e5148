package dev.kubeward.checks.controlplane;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.controlplane.Component;
import dev.kubeward.controlplane.ComponentConfig;

@CheckInfo(
        id = "etcd-peer-client-cert-auth",
        title = "etcd accepts peers without certificates",
        severity = Severity.MEDIUM,
        category = "etcd",
        description = "etcd runs with --peer-client-cert-auth false, its default (flag or ETCD_PEER_CLIENT_CERT_AUTH).",
        rationale = "Any host that reaches the peer port can join the etcd cluster as a member and receive all its data.",
        remediation = "Set --peer-client-cert-auth=true with --peer-trusted-ca-file.",
        cis = "2.5",
        nsaCisa = "Network separation and hardening: control plane hardening",
        mitre = "T1557")
public final class EtcdPeerClientCertAuth extends ComponentCheck {
    public EtcdPeerClientCertAuth() {
        super(Component.ETCD);
    }

    @Override
    protected void checkComponent(ComponentConfig c, CheckContext context, FindingSink sink) {
        reportIfBool(c, "peer-client-cert-auth", false, sink, "peers need no certificate");
    }
}
