package dev.kubeward.checks.controlplane;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.controlplane.Component;
import dev.kubeward.controlplane.ComponentConfig;

@CheckInfo(
        id = "apiserver-encryption-missing",
        title = "Secrets stored unencrypted in etcd",
        severity = Severity.MEDIUM,
        category = "Control plane",
        description = "kube-apiserver has no --encryption-provider-config, so secrets are written to etcd in "
                + "plain text.",
        rationale = "Anyone who reads etcd's data directory, a backup or a snapshot reads every secret of the "
                + "cluster.",
        remediation = "Write an EncryptionConfiguration (kms v2, aescbc or secretbox for secrets) and pass it with "
                + "--encryption-provider-config.",
        cis = "1.2.27",
        nsaCisa = "Network separation and hardening: encryption",
        mitre = "T1552.007")
public final class ApiServerEncryptionMissing extends ComponentCheck {
    public ApiServerEncryptionMissing() {
        super(Component.API_SERVER);
    }

    @Override
    protected void checkComponent(ComponentConfig c, CheckContext context, FindingSink sink) {
        reportIfUnset(c, "encryption-provider-config", sink, "secrets are stored in etcd unencrypted");
    }
}
