package dev.kubeward.checks.controlplane;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.controlplane.Component;
import dev.kubeward.controlplane.ComponentConfig;
import dev.kubeward.controlplane.Setting;
import java.util.Optional;

@CheckInfo(
        id = "apiserver-authorization-always-allow",
        title = "API server authorizes every request",
        severity = Severity.HIGH,
        category = "Control plane",
        description = "kube-apiserver's --authorization-mode includes AlwaysAllow (its default when the flag is absent), "
                + "or lacks Node or RBAC.",
        rationale = "AlwaysAllow lets every authenticated (and, with anonymous auth, unauthenticated) request do "
                + "anything. Without RBAC, roles and bindings mean nothing; without Node, kubelets read every "
                + "secret of the cluster instead of those of their own pods.",
        remediation = "Set --authorization-mode=Node,RBAC (add Webhook if you use one), never AlwaysAllow.",
        cis = {"1.2.6", "1.2.7", "1.2.8"},
        nsaCisa = "Authentication and authorization: role-based access control",
        mitre = "T1078")
public final class ApiServerAuthorizationAlwaysAllow extends ComponentCheck {
    public ApiServerAuthorizationAlwaysAllow() {
        super(Component.API_SERVER);
    }

    @Override
    protected void checkComponent(ComponentConfig c, CheckContext context, FindingSink sink) {
        // --authorization-config (1.29+) replaces --authorization-mode; its authorizers are in that file.
        if (c.flags().isSet("authorization-config")) {
            return;
        }
        Optional<Setting> mode = c.flags().effective("authorization-mode");
        if (mode.isEmpty()) {
            return;
        }
        Setting m = mode.get();
        if (m.contains("AlwaysAllow")) {
            String how = m.isDefault() ? "--authorization-mode is not set and defaults to AlwaysAllow"
                    : "--authorization-mode includes AlwaysAllow";
            sink.report(m.isDefault() ? c.at() : m.pathOf("AlwaysAllow"), Severity.CRITICAL,
                    c.describe() + ": every request is authorized (" + how + ")");
            return;
        }
        for (String needed : new String[] {"Node", "RBAC"}) {
            if (!m.contains(needed)) {
                sink.report(c.where("authorization-mode"), c.describe() + ": --authorization-mode=" + m.value()
                        + " lacks " + needed);
            }
        }
    }
}
