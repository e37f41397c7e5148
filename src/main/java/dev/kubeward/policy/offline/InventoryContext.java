package dev.kubeward.policy.offline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.model.LabelSelector;
import dev.kubeward.model.Resource;
import dev.kubeward.policy.AdmissionRequest.Gvk;
import dev.kubeward.policy.AdmissionRequest.Gvr;
import dev.kubeward.policy.PolicyContext;
import dev.kubeward.policy.PolicyModel;
import dev.kubeward.policy.cel.CelAuthorizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cluster as the scanned input describes it, for policy evaluation in CI: Namespace objects
 * (with the {@code kubernetes.io/metadata.name} label the API server always sets), params among
 * the scanned objects, the REST mapping, and the RBAC authorizer. A namespace the input does not
 * have is taken to exist with only that label — an object could not be created in it otherwise
 * — and is remembered so the door can say so.
 *
 * <p>A long-lived context ({@code kubeward serve}, answering reviews from every namespace of a
 * cluster for weeks) must not grow with the names it is asked about: at most
 * {@link #MAX_REMEMBERED} assumed namespaces are remembered (and their objects cached); past that
 * they are not listed ({@link #assumedNamespacesTruncated} says so) and are built anew on each
 * lookup, which gives the same object.
 */
public final class InventoryContext implements PolicyContext {
    public static final String NAME_LABEL = "kubernetes.io/metadata.name";

    private final Map<String, JsonNode> namespaces = new LinkedHashMap<>();
    private final List<Resource> resources;
    private final ResourceMapping mapping;
    private final CelAuthorizer authorizer;
    /** How many assumed namespaces are remembered by name; the rest are only counted. */
    public static final int MAX_REMEMBERED = 1024;

    private final Set<String> assumedNamespaces = ConcurrentHashMap.newKeySet();
    private volatile boolean truncated;

    public InventoryContext(List<Resource> resources, ResourceMapping mapping, CelAuthorizer authorizer) {
        this.resources = List.copyOf(resources);
        this.mapping = mapping;
        this.authorizer = authorizer;
        for (Resource r : resources) {
            if (r.kind().equals("Namespace") && r.group().isEmpty() && r.name() != null) {
                namespaces.putIfAbsent(r.name(), withNameLabel(r.object(), r.name()));
            }
        }
    }

    private static JsonNode withNameLabel(JsonNode ns, String name) {
        ObjectNode copy = ns.deepCopy();
        JsonNode md = copy.path("metadata");
        if (md.isObject()) {
            ObjectNode labels = md.has("labels") && md.get("labels").isObject() ? (ObjectNode) md.get("labels")
                    : ((ObjectNode) md).putObject("labels");
            labels.put(NAME_LABEL, name);
        }
        return copy;
    }

    /** The namespaces that were not in the input and were assumed, sorted: at most {@link #MAX_REMEMBERED}. */
    public List<String> assumedNamespaces() {
        List<String> l = new ArrayList<>(assumedNamespaces);
        Collections.sort(l);
        return l;
    }

    /** Whether more namespaces were assumed than {@link #assumedNamespaces} lists (past {@link #MAX_REMEMBERED}). */
    public boolean assumedNamespacesTruncated() {
        return truncated;
    }

    @Override
    public Optional<JsonNode> namespace(String name) {
        JsonNode ns = namespaces.get(name);
        if (ns != null) {
            return Optional.of(ns);
        }
        JsonNode known = assumed.get(name);
        if (known != null) {
            return Optional.of(known);
        }
        // Sizes are read without a lock: concurrent lookups may pass the bound by a few threads' worth.
        if (assumedNamespaces.size() < MAX_REMEMBERED) {
            assumedNamespaces.add(name);
            return Optional.of(assumed.computeIfAbsent(name, InventoryContext::assumedNamespace));
        }
        truncated = true;
        return Optional.of(assumedNamespace(name));
    }

    private final Map<String, JsonNode> assumed = new ConcurrentHashMap<>();

    private static JsonNode assumedNamespace(String name) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("apiVersion", "v1");
        o.put("kind", "Namespace");
        ObjectNode md = o.putObject("metadata");
        md.put("name", name);
        md.putObject("labels").put(NAME_LABEL, name);
        return o;
    }

    @Override
    public Optional<Boolean> paramKindNamespaced(PolicyModel.ParamKind kind) {
        Optional<Boolean> known = mapping.namespaced(kind.group(), kind.kind());
        if (known.isPresent()) {
            return known;
        }
        boolean anyNamespaced = false;
        boolean any = false;
        for (Resource r : resources) {
            if (r.kind().equals(kind.kind()) && r.group().equals(kind.group())) {
                any = true;
                anyNamespaced |= r.namespace() != null && !r.namespace().isEmpty();
            }
        }
        // A kind kubeward does not know and the input does not show is taken as namespaced, the common case.
        return Optional.of(!any || anyNamespaced);
    }

    @Override
    public List<JsonNode> params(PolicyModel.ParamKind kind, String namespace, String name, LabelSelector selector) {
        List<JsonNode> out = new ArrayList<>();
        boolean namespaced = namespace != null;
        for (Resource r : resources) {
            if (!r.kind().equals(kind.kind()) || !r.group().equals(kind.group())) {
                continue;
            }
            if (namespaced) {
                String ns = r.namespace() == null || r.namespace().isEmpty() ? "default" : r.namespace();
                if (!ns.equals(namespace)) {
                    continue;
                }
            }
            if (name != null) {
                if (name.equals(r.name())) {
                    out.add(r.object());
                    return out;
                }
                continue;
            }
            if (selector == null || selector.matches(r.labels())) {
                out.add(r.object());
            }
        }
        return out;
    }

    @Override
    public CelAuthorizer authorizer() {
        return authorizer;
    }

    @Override
    public List<Gvr> equivalents(Gvr resource, String subResource) {
        return mapping.equivalents(resource);
    }

    @Override
    public Optional<Gvk> kindFor(Gvr resource, String subResource) {
        return mapping.kindFor(resource);
    }
}
