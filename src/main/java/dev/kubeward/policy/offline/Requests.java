package dev.kubeward.policy.offline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.model.Resource;
import dev.kubeward.policy.AdmissionRequest;
import dev.kubeward.policy.AdmissionRequest.Gvk;
import java.util.List;
import java.util.Map;

/**
 * Admission requests for scanned objects, as the API server would build them for a
 * {@code kubectl apply}: the namespace filled in (the request's, the context default
 * {@code default} when the manifest has none), the resource from the REST mapping.
 */
public final class Requests {
    private Requests() {}

    /** The user a CI run acts as unless told otherwise: a plain authenticated user. */
    public static final AdmissionRequest.UserInfo DEFAULT_USER =
            new AdmissionRequest.UserInfo("kubeward", "", List.of("system:authenticated"), Map.of());

    public static AdmissionRequest of(String operation, Resource subject, Resource old, AdmissionRequest.UserInfo user,
            ResourceMapping mapping) {
        Resource about = subject != null ? subject : old;
        Gvk kind = Gvk.ofApiVersion(about.apiVersion(), about.kind());
        ResourceMapping.Mapped m = mapping.map(kind);
        String namespace;
        if (about.kind().equals("Namespace") && kind.group().isEmpty()) {
            namespace = about.name() == null ? "" : about.name();
        } else if (m.namespaced()) {
            namespace = about.namespace() == null || about.namespace().isEmpty() ? "default" : about.namespace();
        } else {
            namespace = "";
        }
        JsonNode object = operation.equals("DELETE") ? null : withNamespace(subject, m.namespaced() ? namespace : null);
        JsonNode oldObject = old == null || operation.equals("CREATE") ? null : withNamespace(old, m.namespaced() ? namespace : null);
        String name = about.name() == null ? "" : about.name();
        return new AdmissionRequest(operation, kind, m.resource(), "", name, namespace, user, false, null, object, oldObject);
    }

    /** The object with metadata.namespace set, as the API server sets it from the request before admission. */
    private static JsonNode withNamespace(Resource r, String namespace) {
        if (r == null) {
            return null;
        }
        JsonNode o = r.object();
        if (namespace == null || !o.path("metadata").isObject() || o.path("metadata").has("namespace")) {
            return o;
        }
        ObjectNode copy = o.deepCopy();
        ((ObjectNode) copy.get("metadata")).put("namespace", namespace);
        return copy;
    }
}
