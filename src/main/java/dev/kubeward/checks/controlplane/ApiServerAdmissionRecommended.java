package dev.kubeward.checks.controlplane;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.controlplane.Component;
import dev.kubeward.controlplane.ComponentConfig;
import dev.kubeward.controlplane.Setting;

@CheckInfo(
        id = "apiserver-admission-recommended",
        title = "Recommended admission plugins not enabled",
        severity = Severity.LOW,
        category = "Control plane",
        description = "kube-apiserver does not enable EventRateLimit, AlwaysPullImages or DenyServiceExternalIPs "
                + "(opt-in: CIS marks these manual, since each has a cost).",
        rationale = "EventRateLimit keeps event floods from starving the API server; AlwaysPullImages makes every "
                + "pod prove it may pull its image; DenyServiceExternalIPs blocks the ExternalIP traffic "
                + "hijack (CVE-2020-8554).",
        remediation = "Add the plugins to --enable-admission-plugins; EventRateLimit also needs "
                + "--admission-control-config-file.",
        cis = {"1.2.3", "1.2.9", "1.2.11"},
        nsaCisa = "Network separation and hardening: control plane hardening",
        enabledByDefault = false)
public final class ApiServerAdmissionRecommended extends ComponentCheck {
    public ApiServerAdmissionRecommended() {
        super(Component.API_SERVER);
    }

    @Override
    protected void checkComponent(ComponentConfig c, CheckContext context, FindingSink sink) {
        Setting enabled = c.flags().explicit("enable-admission-plugins").orElse(null);
        for (String plugin : new String[] {"EventRateLimit", "AlwaysPullImages", "DenyServiceExternalIPs"}) {
            if (enabled == null || !enabled.contains(plugin)) {
                sink.report(enabled == null ? c.at() : enabled.path(),
                        c.describe() + ": the " + plugin + " admission plugin is not enabled");
            }
        }
    }
}
