package dev.kubeward.checks.controlplane;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.FindingSink;
import dev.kubeward.controlplane.Addresses;
import dev.kubeward.controlplane.Component;
import dev.kubeward.controlplane.ComponentConfig;
import dev.kubeward.controlplane.Setting;

/**
 * A component whose secure port must listen on loopback only (CIS 1.3.7, 1.4.2). The flag takes
 * a bare IP; absent, the binaries bind 0.0.0.0, and an empty value also means every interface.
 */
abstract class BindAddressCheck extends ComponentCheck {
    BindAddressCheck(Component component) {
        super(component);
    }

    @Override
    protected final void checkComponent(ComponentConfig c, CheckContext context, FindingSink sink) {
        Setting address = c.flags().effective("bind-address").orElseThrow();
        if (!Addresses.isLoopbackHost(address.value())) {
            sink.report(c.where("bind-address"), c.describe() + " listens on "
                    + (address.value().isBlank() ? "every interface" : address.value())
                    + (address.isDefault() ? " (--bind-address is not set)" : ""));
        }
    }
}
