package dev.kubeward.checks.controlplane;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.controlplane.Component;
import dev.kubeward.controlplane.ComponentConfig;
import dev.kubeward.controlplane.Setting;

@CheckInfo(
        id = "scheduler-bind-address",
        title = "Scheduler listens on every interface",
        severity = Severity.MEDIUM,
        category = "Control plane",
        description = "kube-scheduler runs with --bind-address other than a loopback address; when the flag is absent it "
                + "binds 0.0.0.0.",
        rationale = "Its secure port (10259) serves health, metrics and debug endpoints; bound to every interface "
                + "they are reachable from pods and the network instead of only from the node.",
        remediation = "Set --bind-address=127.0.0.1 (and scrape metrics through a local proxy if needed).",
        cis = "1.4.2",
        nsaCisa = "Network separation and hardening: control plane hardening",
        mitre = "T1046")
public final class SchedulerBindAddress extends ComponentCheck {
    public SchedulerBindAddress() {
        super(Component.SCHEDULER);
    }

    @Override
    protected void checkComponent(ComponentConfig c, CheckContext context, FindingSink sink) {
        Setting address = c.flags().effective("bind-address").orElseThrow();
        if (!isLoopback(address.value())) {
            sink.report(c.where("bind-address"), c.describe() + " listens on " + address.value()
                    + (address.isDefault() ? " (--bind-address is not set)" : ""));
        }
    }

    static boolean isLoopback(String address) {
        return address.startsWith("127.") || address.equals("::1") || address.equals("localhost");
    }
}
