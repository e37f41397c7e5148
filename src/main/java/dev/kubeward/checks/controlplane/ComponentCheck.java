package dev.kubeward.checks.controlplane;

import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.FindingSink;
import dev.kubeward.controlplane.Component;
import dev.kubeward.controlplane.ComponentConfig;
import dev.kubeward.controlplane.Setting;
import dev.kubeward.model.Resource;
import java.util.Optional;

/** A check of one control-plane component's flags, wherever a pod runs that component. */
abstract class ComponentCheck implements Check {
    private final Component component;

    ComponentCheck(Component component) {
        this.component = component;
    }

    @Override
    public final void prepare(CheckContext context) {
        Components.prepare(context);
    }

    @Override
    public final void check(Resource resource, CheckContext context, FindingSink sink) {
        for (ComponentConfig c : Components.of(resource, context)) {
            if (c.component() == component) {
                checkComponent(c, context, sink);
            }
        }
    }

    protected abstract void checkComponent(ComponentConfig c, CheckContext context, FindingSink sink);

    /** Reports a boolean flag that is (or defaults to) {@code bad}; an unreadable value is reported too. */
    static void reportIfBool(ComponentConfig c, String flag, boolean bad, FindingSink sink, String what) {
        Optional<Setting> s = c.flags().effective(flag);
        if (s.isEmpty()) {
            return;
        }
        Optional<Boolean> value = s.get().bool();
        if (value.isEmpty()) {
            sink.report(c.where(flag), c.describe() + ": --" + flag + "=" + s.get().value()
                    + " is not a boolean; the binary refuses to start");
        } else if (value.get() == bad) {
            sink.report(c.where(flag), c.describe() + ": " + what + (s.get().isDefault()
                    ? " (--" + flag + " is not set and defaults to " + bad + ")"
                    : " (--" + flag + "=" + s.get().value() + ")"));
        }
    }

    /** Reports a flag that must be set to a non-empty value. */
    static void reportIfUnset(ComponentConfig c, String flag, FindingSink sink, String what) {
        if (!c.flags().isSet(flag)) {
            sink.report(c.where(flag), c.describe() + ": --" + flag + " is not set: " + what);
        }
    }
}
