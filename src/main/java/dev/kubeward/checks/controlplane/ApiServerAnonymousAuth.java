package dev.kubeward.checks.controlplane;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.controlplane.Component;
import dev.kubeward.controlplane.ComponentConfig;

@CheckInfo(
        id = "apiserver-anonymous-auth",
        title = "API server accepts anonymous requests",
        severity = Severity.MEDIUM,
        category = "Control plane",
        description = "kube-apiserver runs with --anonymous-auth true, which is its default when the flag is absent.",
        rationale = "Anonymous requests reach the authorizer as system:anonymous; one careless binding of that user or "
                + "of system:unauthenticated then opens the API to anyone who can reach it.",
        remediation = "Set --anonymous-auth=false (health checks can use an authenticated probe or the "
                + "AuthenticationConfiguration anonymous endpoints of 1.32+).",
        cis = "1.2.1",
        nsaCisa = "Authentication and authorization: authentication",
        mitre = "T1078")
public final class ApiServerAnonymousAuth extends ComponentCheck {
    public ApiServerAnonymousAuth() {
        super(Component.API_SERVER);
    }

    @Override
    protected void checkComponent(ComponentConfig c, CheckContext context, FindingSink sink) {
        // With --authentication-config the anonymous settings live in that file, which is not ours to read.
        if (!c.flags().isSet("authentication-config")) {
            reportIfBool(c, "anonymous-auth", true, sink, "anonymous requests are accepted");
        }
    }
}
