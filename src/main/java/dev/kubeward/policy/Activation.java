package dev.kubeward.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.values.NullValue;
import dev.cel.runtime.CelVariableResolver;
import dev.kubeward.policy.cel.AuthzValues;
import dev.kubeward.policy.cel.CelAuthorizer;
import dev.kubeward.policy.cel.CelValues;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The variables of one policy evaluation (cel/filter.go evaluationActivation): the request's
 * objects as the API server converts them to unstructured values, the AdmissionRequest as
 * cel.CreateAdmissionRequest builds it (empty optional fields left out, as JSON omitempty
 * leaves them out), params, namespaceObject and the authorizer values.
 */
final class Activation {
    final Object object;
    final Object oldObject;
    final Object params;
    final Object request;
    final Object namespaceObject;
    final Object authorizer;
    final Object requestResource;
    /** Variables that read nothing but the objects, evaluated once per request (see {@link CompiledPolicy#variableShareKeys}). */
    final Map<String, dev.kubeward.policy.cel.CompiledExpression.Result> sharedVariables;

    private Activation(Object object, Object oldObject, Object params, Object request, Object namespaceObject,
            Object authorizer, Object requestResource, Map<String, dev.kubeward.policy.cel.CompiledExpression.Result> shared) {
        this.sharedVariables = shared;
        this.object = object;
        this.oldObject = oldObject;
        this.params = params;
        this.request = request;
        this.namespaceObject = namespaceObject;
        this.authorizer = authorizer;
        this.requestResource = requestResource;
    }

    /** The converted object values, shared by every policy that evaluates the same request. */
    static final class Objects {
        final Object object;
        final Object oldObject;
        /**
         * The results of variables whose value depends on the objects alone, by share key: the
         * same expression over the same objects gives the same value and cost in every policy.
         */
        final Map<String, dev.kubeward.policy.cel.CompiledExpression.Result> sharedVariables = new java.util.HashMap<>();

        Objects(AdmissionRequest req) {
            this.object = req.object() == null ? NullValue.NULL_VALUE : CelValues.fromJson(req.object());
            this.oldObject = req.oldObject() == null ? NullValue.NULL_VALUE : CelValues.fromJson(req.oldObject());
        }
    }

    static Activation of(Objects objects, AdmissionRequest req, AdmissionRequest.Gvr matchedResource,
            AdmissionRequest.Gvk matchedKind, JsonNode params, Object namespaceObject, CelAuthorizer authz) {
        return of(objects, req, requestValue(req, matchedResource, matchedKind), params, namespaceObject, authz);
    }

    /** As above, with the request value already built (it is the same for every policy that matched alike). */
    static Activation of(Objects objects, AdmissionRequest req, Map<String, Object> requestValue, JsonNode params,
            Object namespaceObject, CelAuthorizer authz) {
        CelAuthorizer.User user = new CelAuthorizer.User(req.userInfo().username(), req.userInfo().uid(),
                req.userInfo().groups(), req.userInfo().extra());
        AuthzValues.Authorizer a = new AuthzValues.Authorizer(authz, user);
        AuthzValues.ResourceCheck rr = new AuthzValues.ResourceCheck(new AuthzValues.GroupCheck(a, req.resource().group()),
                req.resource().resource(), req.subResource(), req.namespace(), req.name(), "", "");
        return new Activation(objects.object, objects.oldObject,
                params == null ? NullValue.NULL_VALUE : CelValues.fromJson(params),
                requestValue, namespaceObject, a, rr, objects.sharedVariables);
    }

    /** cel.CreateAdmissionRequest, converted to unstructured: kind and resource are the matched ones. */
    static Map<String, Object> requestValue(AdmissionRequest req, AdmissionRequest.Gvr resource, AdmissionRequest.Gvk kind) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uid", "");
        m.put("kind", gvk(kind));
        m.put("resource", gvr(resource));
        if (!req.subResource().isEmpty()) {
            m.put("subResource", req.subResource());
        }
        m.put("requestKind", gvk(req.kind()));
        m.put("requestResource", gvr(req.resource()));
        if (!req.subResource().isEmpty()) {
            m.put("requestSubResource", req.subResource());
        }
        if (!req.name().isEmpty()) {
            m.put("name", req.name());
        }
        if (!req.namespace().isEmpty()) {
            m.put("namespace", req.namespace());
        }
        m.put("operation", req.operation());
        Map<String, Object> user = new LinkedHashMap<>();
        if (!req.userInfo().username().isEmpty()) {
            user.put("username", req.userInfo().username());
        }
        if (!req.userInfo().uid().isEmpty()) {
            user.put("uid", req.userInfo().uid());
        }
        if (!req.userInfo().groups().isEmpty()) {
            user.put("groups", List.copyOf(req.userInfo().groups()));
        }
        if (!req.userInfo().extra().isEmpty()) {
            user.put("extra", Map.copyOf(req.userInfo().extra()));
        }
        m.put("userInfo", user);
        m.put("dryRun", req.dryRun());
        if (req.options() != null && !req.options().isNull()) {
            m.put("options", CelValues.fromJson(req.options()));
        }
        return m;
    }

    private static Map<String, Object> gvk(AdmissionRequest.Gvk k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("group", k.group());
        m.put("version", k.version());
        m.put("kind", k.kind());
        return m;
    }

    private static Map<String, Object> gvr(AdmissionRequest.Gvr r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("group", r.group());
        m.put("version", r.version());
        m.put("resource", r.resource());
        return m;
    }

    /**
     * cel.CreateNamespaceObject: the namespace less managedFields and ownerReferences; null for a
     * cluster-scoped request.
     */
    static Object namespaceObject(JsonNode ns) {
        if (ns == null) {
            return NullValue.NULL_VALUE;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        JsonNode md = ns.path("metadata");
        Map<String, Object> meta = new LinkedHashMap<>();
        for (String f : List.of("name", "generateName", "namespace", "uid", "resourceVersion", "generation",
                "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "finalizers")) {
            if (md.has(f) && !md.get(f).isNull()) {
                meta.put(f, CelValues.fromJson(md.get(f)));
            }
        }
        m.put("metadata", meta);
        m.put("spec", ns.has("spec") ? CelValues.fromJson(ns.get("spec")) : Map.of());
        m.put("status", ns.has("status") ? CelValues.fromJson(ns.get("status")) : Map.of());
        return m;
    }

    /** A resolver for one filter's expressions: the fixed variables plus {@code variables}. */
    CelVariableResolver resolver(boolean withAuthorizer, Object namespace, Map<String, Object> variables) {
        return name -> {
            switch (name) {
                case "object":
                    return Optional.of(object);
                case "oldObject":
                    return Optional.of(oldObject);
                case "params":
                    return Optional.of(params);
                case "request":
                    return Optional.of(request);
                case "namespaceObject":
                    return Optional.of(namespace);
                case "variables":
                    return Optional.of(variables);
                case "authorizer":
                    return withAuthorizer ? Optional.of(authorizer) : Optional.empty();
                case "authorizer.requestResource":
                    return withAuthorizer ? Optional.of(requestResource) : Optional.empty();
                default:
                    return Optional.empty();
            }
        };
    }
}
