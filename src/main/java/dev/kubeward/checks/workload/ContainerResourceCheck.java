package dev.kubeward.checks.workload;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.ContainerCheck;
import dev.kubeward.check.FindingSink;
import dev.kubeward.model.Container;
import dev.kubeward.model.ContainerType;
import dev.kubeward.model.Resource;

/**
 * Whether a container ends up with a CPU or memory request or limit once admission has run.
 * A limit also sets the request when the request is absent, and a LimitRange of the namespace
 * fills in defaults, so neither case is a missing value. A static pod runs as its file says: no
 * admission, so no LimitRange default, reaches it.
 */
abstract class ContainerResourceCheck extends ContainerCheck {
    private final String resource;
    private final boolean limit;

    ContainerResourceCheck(String resource, boolean limit) {
        this.resource = resource;
        this.limit = limit;
    }

    @Override
    protected boolean appliesTo(ContainerType type) {
        // Ephemeral containers may not set resources at all.
        return type != ContainerType.EPHEMERAL;
    }

    @Override
    protected void checkContainer(Container c, CheckContext context, FindingSink sink) {
        JsonNode resources = c.node().path("resources");
        boolean hasLimit = resources.path("limits").has(resource);
        boolean covered = limit ? hasLimit : hasLimit || resources.path("requests").has(resource);
        if (covered || coveredByLimitRange(c, context)) {
            return;
        }
        String what = resource + (limit ? " limit" : " request");
        sink.report(resources.isMissingNode() ? c.path() : c.path().key("resources"),
                c.describe() + " has no " + what + (c.pod().isStatic() && !context.inventory().ofKind("LimitRange").isEmpty()
                        ? " (a static pod: no LimitRange default applies to it)" : ""));
    }

    private boolean coveredByLimitRange(Container c, CheckContext context) {
        if (c.pod().isStatic()) {
            return false;
        }
        String namespace = c.pod().owner().namespace();
        for (Resource lr : context.inventory().ofKind("LimitRange")) {
            // Objects written without a namespace all land in the namespace kubectl applies them to,
            // so a LimitRange without one covers pods without one (as Inventory.find matches them).
            if (!java.util.Objects.equals(namespace, lr.namespace())) {
                continue;
            }
            for (JsonNode item : lr.object().path("spec").path("limits")) {
                if (!"Container".equals(item.path("type").asText())) {
                    continue;
                }
                // A default limit is also the default request when defaultRequest is absent.
                if (item.path("default").has(resource) || (!limit && item.path("defaultRequest").has(resource))) {
                    return true;
                }
            }
        }
        return false;
    }
}
