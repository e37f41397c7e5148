package dev.kubeward.checks.controlplane;

import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.FindingSink;
import dev.kubeward.controlplane.KubeletField;
import dev.kubeward.controlplane.KubeletNode;
import dev.kubeward.model.Resource;

/**
 * A check of a kubelet's merged configuration. Every object of a kubelet (its configuration
 * file, its command lines) is visited, but a finding is reported only while visiting the object
 * whose line decides the value, so it is reported once and points at the right file.
 */
abstract class KubeletCheck implements Check {
    @Override
    public final void check(Resource resource, CheckContext context, FindingSink sink) {
        if (!KubeletNode.isConfig(resource) && !KubeletNode.isCommandLine(resource)) {
            return;
        }
        for (KubeletNode node : KubeletNode.all(context.inventory())) {
            if (node.involves(resource)) {
                checkKubelet(node, new Scoped(resource, sink));
            }
        }
    }

    protected abstract void checkKubelet(KubeletNode node, Scoped sink);

    /** Reports only values decided by the object being visited. */
    record Scoped(Resource visiting, FindingSink sink) {
        void report(KubeletNode.Value value, String message) {
            if (value.source() == visiting) {
                sink.report(value.path(), message);
            }
        }

        void report(KubeletNode.Value value, dev.kubeward.check.Severity severity, String message) {
            if (value.source() == visiting) {
                sink.report(value.path(), severity, message);
            }
        }
    }

    /** How a message names the setting: the flag, or the file's field, whichever decided it. */
    static String named(KubeletField field, KubeletNode.Value v) {
        String name = v.source() != null && KubeletNode.isConfig(v.source()) && !field.configPath().isEmpty()
                ? field.configName() : "--" + field.flag();
        return v.defaulted() ? name + " is not set and defaults to " + v.text() : name + " is " + v.text();
    }

    static void reportIfBool(KubeletNode node, KubeletField field, boolean bad, Scoped sink, String what) {
        KubeletNode.Value v = node.value(field);
        if (v.text() == null) {
            return;
        }
        if (v.bool().isEmpty()) {
            sink.report(v, "kubelet: " + named(field, v) + ", which is not a boolean");
        } else if (v.bool().get() == bad) {
            sink.report(v, "kubelet: " + what + " (" + named(field, v) + ")");
        }
    }
}
