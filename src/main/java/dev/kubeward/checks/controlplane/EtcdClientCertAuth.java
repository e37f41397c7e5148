package dev.kubeward.checks.controlplane;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.controlplane.Component;
import dev.kubeward.controlplane.ComponentConfig;

@CheckInfo(
        id = "etcd-client-cert-auth",
        title = "etcd accepts clients without certificates",
        severity = Severity.HIGH,
        category = "etcd",
        description = "etcd runs with --client-cert-auth false, its default (flag or ETCD_CLIENT_CERT_AUTH).",
        rationale = "Anyone who reaches etcd's client port reads and writes every object and secret of the cluster, bypassing the API server's authentication, authorization and audit.",
        remediation = "Set --client-cert-auth=true with --trusted-ca-file, and give the API server an etcd client certificate.",
        cis = "2.2",
        nsaCisa = "Network separation and hardening: control plane hardening",
        mitre = "T1557")
public final class EtcdClientCertAuth extends ComponentCheck {
    public EtcdClientCertAuth() {
        super(Component.ETCD);
    }

    @Override
    protected void checkComponent(ComponentConfig c, CheckContext context, FindingSink sink) {
        reportIfBool(c, "client-cert-auth", false, sink, "clients need no certificate");
    }
}
