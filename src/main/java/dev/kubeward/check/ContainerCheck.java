package dev.kubeward.check;

import dev.kubeward.model.Container;
import dev.kubeward.model.ContainerType;
import dev.kubeward.model.PodTemplate;

/**
 * A check of each container of a pod: containers, init containers and ephemeral containers
 * alike, since all of them run code on the node.
 */
public abstract class ContainerCheck extends PodCheck {
    @Override
    protected final void checkPod(PodTemplate pod, CheckContext context, FindingSink sink) {
        boolean linuxOnly = linuxOnly() && pod.isWindows();
        if (linuxOnly) {
            return;
        }
        for (Container c : pod.containers()) {
            if (appliesTo(c.type())) {
                checkContainer(c, context, sink);
            }
        }
    }

    /** Controls that mean nothing on Windows nodes are skipped for pods with spec.os.name windows. */
    protected boolean linuxOnly() {
        return false;
    }

    protected boolean appliesTo(ContainerType type) {
        return true;
    }

    protected abstract void checkContainer(Container container, CheckContext context, FindingSink sink);
}
