package dev.kubeward.checks.namespace;

import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.FindingSink;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Resource;
import java.util.Set;

/**
 * A Namespace of the input that lacks a namespaced policy object of one kind in the input. Only
 * objects that name the namespace count: one without a namespace lands wherever kubectl's
 * context points, which a scan cannot know.
 */
abstract class NamespacePolicyCheck implements Check {
    /** Run by the control plane itself; quotas there can starve system components. */
    private static final Set<String> SYSTEM = Set.of("kube-system", "kube-public", "kube-node-lease");

    @Override
    public final void check(Resource resource, CheckContext context, FindingSink sink) {
        if (!resource.kind().equals("Namespace") || !resource.group().isEmpty() || SYSTEM.contains(resource.name())
                || resource.name().isEmpty()) {
            return;
        }
        boolean present = context.inventory().ofKind(policyKind()).stream()
                .anyMatch(p -> p.group().isEmpty() && resource.name().equals(p.namespace()));
        if (!present) {
            sink.report(JsonPath.of("metadata", "name"), "namespace " + resource.name() + " has no " + policyKind()
                    + " in the input: " + consequence());
        }
    }

    protected abstract String policyKind();

    protected abstract String consequence();
}
