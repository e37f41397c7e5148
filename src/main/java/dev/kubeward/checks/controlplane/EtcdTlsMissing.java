package dev.kubeward.checks.controlplane;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.controlplane.Component;
import dev.kubeward.controlplane.ComponentConfig;

@CheckInfo(
        id = "etcd-tls-missing",
        title = "etcd serves without TLS",
        severity = Severity.HIGH,
        category = "etcd",
        description = "etcd lacks --cert-file or --key-file (client TLS), or --peer-cert-file or --peer-key-file "
                + "(peer TLS).",
        rationale = "Without TLS every object and secret crosses the network in clear text and client "
                + "certificates cannot be required.",
        remediation = "Set --cert-file, --key-file, --peer-cert-file and --peer-key-file (kubeadm's "
                + "/etc/kubernetes/pki/etcd/ certificates).",
        cis = {"2.1", "2.4"},
        nsaCisa = "Network separation and hardening: control plane hardening",
        mitre = "T1557")
public final class EtcdTlsMissing extends ComponentCheck {
    public EtcdTlsMissing() {
        super(Component.ETCD);
    }

    @Override
    protected void checkComponent(ComponentConfig c, CheckContext context, FindingSink sink) {
        reportIfUnset(c, "cert-file", sink, "clients connect without TLS");
        reportIfUnset(c, "key-file", sink, "clients connect without TLS");
        reportIfUnset(c, "peer-cert-file", sink, "peers connect without TLS");
        reportIfUnset(c, "peer-key-file", sink, "peers connect without TLS");
    }
}
