package dev.kubeward.checks.controlplane;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.controlplane.Component;
import dev.kubeward.controlplane.ComponentConfig;

@CheckInfo(
        id = "apiserver-service-account-lookup",
        title = "API server does not check service account tokens against etcd",
        severity = Severity.MEDIUM,
        category = "Control plane",
        description = "kube-apiserver runs with --service-account-lookup=false.",
        rationale = "Without the lookup, a token of a deleted service account (or of a deleted secret) stays "
                + "valid until it expires, so revoking it does nothing.",
        remediation = "Remove --service-account-lookup=false (the default is true).",
        cis = "1.2.21",
        nsaCisa = "Authentication and authorization: authentication",
        mitre = "T1528")
public final class ApiServerServiceAccountLookup extends ComponentCheck {
    public ApiServerServiceAccountLookup() {
        super(Component.API_SERVER);
    }

    @Override
    protected void checkComponent(ComponentConfig c, CheckContext context, FindingSink sink) {
        reportIfBool(c, "service-account-lookup", false, sink, "tokens of deleted service accounts stay valid");
    }
}
