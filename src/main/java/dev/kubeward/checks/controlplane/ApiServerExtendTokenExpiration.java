package dev.kubeward.checks.controlplane;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.controlplane.Component;
import dev.kubeward.controlplane.ComponentConfig;

@CheckInfo(
        id = "apiserver-extend-token-expiration",
        title = "API server extends service account token lifetime",
        severity = Severity.LOW,
        category = "Control plane",
        description = "kube-apiserver runs with --service-account-extend-token-expiration true, its default, which "
                + "makes projected tokens valid for a year to clients that do not refresh them.",
        rationale = "A token stolen from a pod stays usable for up to a year instead of an hour.",
        remediation = "Set --service-account-extend-token-expiration=false once your clients refresh projected "
                + "tokens (every client library from 2021 on does).",
        cis = "1.2.30",
        nsaCisa = "Authentication and authorization: authentication",
        mitre = "T1528")
public final class ApiServerExtendTokenExpiration extends ComponentCheck {
    public ApiServerExtendTokenExpiration() {
        super(Component.API_SERVER);
    }

    @Override
    protected void checkComponent(ComponentConfig c, CheckContext context, FindingSink sink) {
        reportIfBool(c, "service-account-extend-token-expiration", true, sink,
                "projected tokens are extended to a year");
    }
}
