package dev.kubeward.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.model.LabelSelector;
import dev.kubeward.policy.AdmissionRequest.Gvk;
import dev.kubeward.policy.AdmissionRequest.Gvr;
import dev.kubeward.policy.cel.CelAuthorizer;
import java.util.List;
import java.util.Optional;

/**
 * What a policy evaluation needs from the rest of the cluster, supplied by the door: the
 * scanned files offline, the informer caches at admission. Implementations do no blocking I/O
 * per call and are safe to call from several threads.
 */
public interface PolicyContext {
    /** The Namespace object of that name, if the cluster has it. */
    Optional<JsonNode> namespace(String name);

    /** Whether a param kind is namespaced (true), cluster-scoped (false), or unknown (empty). */
    Optional<Boolean> paramKindNamespaced(PolicyModel.ParamKind kind);

    /**
     * The objects of a param kind in {@code namespace} (null for a cluster-scoped kind), by
     * {@code name} when given, else those {@code selector} selects, in a stable order.
     */
    List<JsonNode> params(PolicyModel.ParamKind kind, String namespace, String name, LabelSelector selector);

    /** The authorizer behind the {@code authorizer} variable. */
    CelAuthorizer authorizer();

    /** The resources that are the same objects as {@code resource} under other versions or groups (matchPolicy Equivalent). */
    List<Gvr> equivalents(Gvr resource, String subResource);

    /** The kind of a resource, for a request matched through an equivalent resource. */
    Optional<Gvk> kindFor(Gvr resource, String subResource);
}
