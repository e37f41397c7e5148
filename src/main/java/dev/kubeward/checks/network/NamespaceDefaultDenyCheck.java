package dev.kubeward.checks.network;

import dev.kubeward.model.Inventory;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Resource;
import dev.kubeward.netpol.Direction;
import dev.kubeward.netpol.NetworkPolicy;
import dev.kubeward.netpol.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether every namespace of the input isolates all its pods, present and future, in one
 * direction. A default-deny policy here is one that selects every pod of its namespace
 * ({@code podSelector: {}}) and isolates the direction; it may carry narrow exceptions (the usual
 * "deny all egress but DNS" policy counts), but not a rule open to every peer on every port.
 */
abstract class NamespaceDefaultDenyCheck extends ModelCheck {
    private final Direction direction;

    NamespaceDefaultDenyCheck(Direction direction) {
        this.direction = direction;
    }

    @Override
    protected List<Located> findings(NetpolModel model) {
        return findings(model, null);
    }

    /** Without a Namespace object, the finding goes on the namespace's first workload that is not a static pod. */
    @Override
    protected List<Located> findings(NetpolModel model, Inventory inventory) {
        List<Located> out = new ArrayList<>();
        for (String namespace : model.namespacesInInput()) {
            boolean covered = model.cluster().policies().stream().anyMatch(p -> deniesByDefault(p, namespace));
            List<Workload> workloads = model.workloadsIn(namespace);
            boolean onlyHostNetwork = !workloads.isEmpty()
                    && workloads.stream().allMatch(w -> model.analysis().onNodeNetwork(w));
            if (covered || (onlyHostNetwork && model.namespaceObject(namespace).isEmpty())) {
                // A namespace known only through host-network pods: a policy there would isolate nothing.
                continue;
            }
            String message = "namespace " + namespace + " has no default-deny " + direction.apiName()
                    + " NetworkPolicy (podSelector: {} with " + direction.apiName() + " in policyTypes): "
                    + "pods that no policy selects " + (direction == Direction.INGRESS
                    ? "accept connections from anywhere" : "may connect anywhere");
            Optional<Resource> namespaceObject = model.namespaceObject(namespace);
            if (namespaceObject.isPresent()) {
                out.add(new Located(namespaceObject.get(), JsonPath.of("metadata", "name"), null, message));
                continue;
            }
            workloads.stream().flatMap(w -> model.resourceOf(w).stream())
                    .filter(r -> inventory == null || !isStaticPod(r, inventory)).findFirst()
                    .ifPresent(first -> out.add(new Located(first, JsonPath.of("metadata", "namespace"), null, message)));
        }
        return out;
    }

    private boolean deniesByDefault(NetworkPolicy policy, String namespace) {
        return policy.namespace().equals(namespace) && policy.podSelector().isEmpty() && policy.isolates(direction)
                && policy.rules(direction).stream().noneMatch(r -> r.allowsAllPeers() && r.ports().isEmpty());
    }
}
