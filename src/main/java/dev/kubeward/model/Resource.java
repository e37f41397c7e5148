package dev.kubeward.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One Kubernetes object as kubectl would send it to the API server, with where it came from.
 *
 * @param object the whole object as a JSON tree (YAML already resolved with kubectl's rules)
 * @param duplicates mapping keys that were written twice in its source (last one won)
 * @param namespaceDefaulted true when the manifest named no namespace and the namespace was set
 *     as {@code kubectl apply} sets it (the {@code -n} namespace, else {@code default})
 */
public record Resource(
        String apiVersion,
        String kind,
        String namespace,
        String name,
        JsonNode object,
        Origin origin,
        List<DuplicateKey> duplicates,
        boolean namespaceDefaulted) {

    public Resource {
        duplicates = List.copyOf(duplicates);
    }

    public Resource(String apiVersion, String kind, String namespace, String name, JsonNode object, Origin origin,
            List<DuplicateKey> duplicates) {
        this(apiVersion, kind, namespace, name, object, origin, duplicates, false);
    }

    /** The same object placed in {@code namespace} by defaulting (its tree says so too). */
    public Resource inDefaultedNamespace(String namespace) {
        return new Resource(apiVersion, kind, namespace, name, object, origin, duplicates, true);
    }

    /** The API group: "" for the core group ({@code v1}), otherwise the part before the slash. */
    public String group() {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    public boolean isNamespaced() {
        return !Kinds.isClusterScoped(group(), kind);
    }

    /**
     * The namespace the object lands in when applied: the one written, else {@code default} for a
     * namespaced kind (kubectl sends it to the context's namespace, {@code default} unless the
     * context says otherwise); null for a cluster-scoped kind.
     */
    public String effectiveNamespace() {
        if (!isNamespaced()) {
            return null;
        }
        return namespace == null || namespace.isEmpty() ? "default" : namespace;
    }

    public ObjectRef ref() {
        return new ObjectRef(apiVersion, kind, namespace, name);
    }

    public JsonNode metadata() {
        return object.path("metadata");
    }

    public Map<String, String> labels() {
        return Json.stringMap(metadata().path("labels"));
    }

    public Map<String, String> annotations() {
        return Json.stringMap(metadata().path("annotations"));
    }

    public Position locate(JsonPath path) {
        return origin.locate(object, path);
    }

    /** Where a field was written, file included (see {@link Origin#where}); what findings report. */
    public Location where(JsonPath path) {
        return origin.where(object, path);
    }

    /** "Deployment shop/web" — how a person names the object. */
    public String displayName() {
        return ref().display();
    }
}
