package dev.kubeward.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.model.Inventory;
import dev.kubeward.model.Resource;
import dev.kubeward.model.LabelSelector;
import dev.kubeward.policy.AdmissionRequest.Gvk;
import dev.kubeward.policy.AdmissionRequest.Gvr;
import dev.kubeward.policy.PolicyContext;
import dev.kubeward.policy.cel.CelAuthorizer;
import dev.kubeward.policy.PolicyModel;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The CEL policies' view of the cluster at admission with a cluster cache: {@code namespaceObject}
 * and {@code namespaceSelector} read the cluster's Namespace (its labels as they are now) when the
 * cache has it, else what POLICY-DIRS say; everything else (params, the authorizer, resource
 * equivalents) is the policies' own context. Reads memory only.
 */
final class ClusterPolicyContext implements PolicyContext {
    private final PolicyContext base;
    private final Supplier<Inventory> cluster;

    ClusterPolicyContext(PolicyContext base, Supplier<Inventory> cluster) {
        this.base = base;
        this.cluster = cluster;
    }

    @Override
    public Optional<JsonNode> namespace(String name) {
        Inventory now = cluster.get();
        if (now != null) {
            Optional<Resource> ns = now.find("Namespace", null, name);
            if (ns.isPresent()) {
                return Optional.of(ns.get().object());
            }
        }
        return base.namespace(name);
    }

    @Override
    public Optional<Boolean> paramKindNamespaced(PolicyModel.ParamKind kind) {
        return base.paramKindNamespaced(kind);
    }

    @Override
    public List<JsonNode> params(PolicyModel.ParamKind kind, String namespace, String name, LabelSelector selector) {
        return base.params(kind, namespace, name, selector);
    }

    @Override
    public CelAuthorizer authorizer() {
        return base.authorizer();
    }

    @Override
    public List<Gvr> equivalents(Gvr resource, String subResource) {
        return base.equivalents(resource, subResource);
    }

    @Override
    public Optional<Gvk> kindFor(Gvr resource, String subResource) {
        return base.kindFor(resource, subResource);
    }
}
