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
        id = "apiserver-insecure-port",
        title = "API server serves an unauthenticated port",
        severity = Severity.CRITICAL,
        category = "Control plane",
        description = "kube-apiserver before 1.20 runs with --insecure-port other than 0 (its default was 8080 on "
                + "127.0.0.1); from 1.20 the port can only be 0 and 1.24 removed the flag.",
        rationale = "The insecure port skips authentication and authorization: any process that reaches it, "
                + "including pods on the host network, is cluster-admin.",
        remediation = "Set --insecure-port=0, and upgrade: Kubernetes before 1.20 is long out of support.",
        nsaCisa = "Network separation and hardening: control plane hardening",
        mitre = "T1133")
public final class ApiServerInsecurePort extends ComponentCheck {
    public ApiServerInsecurePort() {
        super(Component.API_SERVER);
    }

    @Override
    protected void checkComponent(ComponentConfig c, CheckContext context, FindingSink sink) {
        if (!c.flags().version().before(1, 20)) {
            return;
        }
        Optional<Setting> port = c.flags().effective("insecure-port");
        if (port.isPresent() && !port.get().value().equals("0")) {
            String address = c.flags().effective("insecure-bind-address").map(Setting::value).orElse("127.0.0.1");
            sink.report(c.where("insecure-port"), c.describe() + " " + c.flags().version().minorLabel()
                    + " serves the API without authentication on " + address + ":" + port.get().value()
                    + (port.get().isDefault() ? " (--insecure-port is not set)" : ""));
        }
    }
}
