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
        id = "apiserver-admission-plugins",
        title = "API server admission plugins weaken control",
        severity = Severity.MEDIUM,
        category = "Control plane",
        description = "kube-apiserver enables AlwaysAdmit, does not enable NodeRestriction, or disables the "
                + "default ServiceAccount or NamespaceLifecycle plugins.",
        rationale = "NodeRestriction is what keeps a compromised kubelet from editing other nodes and pods; "
                + "AlwaysAdmit accepts every request unchecked; ServiceAccount and NamespaceLifecycle keep tokens "
                + "and terminating namespaces consistent.",
        remediation = "Add NodeRestriction to --enable-admission-plugins, remove AlwaysAdmit, and keep "
                + "ServiceAccount and NamespaceLifecycle out of --disable-admission-plugins.",
        cis = {"1.2.10", "1.2.12", "1.2.13", "1.2.14"},
        nsaCisa = "Network separation and hardening: control plane hardening",
        mitre = "T1068")
public final class ApiServerAdmissionPlugins extends ComponentCheck {
    public ApiServerAdmissionPlugins() {
        super(Component.API_SERVER);
    }

    @Override
    protected void checkComponent(ComponentConfig c, CheckContext context, FindingSink sink) {
        // --admission-control is the pre-1.10 spelling of --enable-admission-plugins and still read.
        Optional<Setting> enabled = c.flags().explicit("enable-admission-plugins")
                .or(() -> c.flags().explicit("admission-control"));
        if (enabled.isPresent() && enabled.get().contains("AlwaysAdmit")) {
            sink.report(enabled.get().pathOf("AlwaysAdmit"), Severity.HIGH,
                    c.describe() + ": the AlwaysAdmit admission plugin accepts every request");
        }
        if (enabled.isEmpty() || !enabled.get().contains("NodeRestriction")) {
            sink.report(enabled.map(Setting::path).orElse(c.at()),
                    c.describe() + ": the NodeRestriction admission plugin is not enabled");
        }
        c.flags().explicit("disable-admission-plugins").ifPresent(disabled -> {
            for (String plugin : new String[] {"ServiceAccount", "NamespaceLifecycle"}) {
                if (disabled.contains(plugin)) {
                    sink.report(disabled.pathOf(plugin), c.describe() + ": the " + plugin
                            + " admission plugin is disabled");
                }
            }
        });
    }
}
