package dev.kubeward.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.model.InputError;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Kinds;
import dev.kubeward.model.Resource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code kubectl apply} does to namespaces before it sends an object, to the letter of
 * cli-runtime's resource builder ({@code staging/src/k8s.io/cli-runtime/pkg/resource/visitor.go}:
 * {@code SetNamespace}, and {@code RequireNamespace} when {@code -n} is given):
 *
 * <ul>
 *   <li>a cluster-scoped object is left as it is;
 *   <li>a namespaced object without a namespace (absent or empty) gets the {@code -n} namespace,
 *       else the kubeconfig context's namespace, {@code default} here; the namespace is written into
 *       the object's tree, so that every engine (RBAC subjects, the network model, Pod Security
 *       labels) reads the same namespace;
 *   <li>with {@code -n}, a namespaced object that names another namespace is refused with
 *       kubectl's own message, and is not applied (it is left out of the result; the error names its
 *       file and line).
 * </ul>
 *
 * Scope is known for built-in kinds and common custom resources ({@link Kinds#isClusterScoped}),
 * and from the CustomResourceDefinitions in the input ({@code spec.scope: Cluster}); a custom kind
 * that neither names is taken as namespaced, as most are. Configuration files (kubelet, audit,
 * kustomize …) are not API objects and are left as they are.
 */
public final class ApplyNamespace {
    /** The namespace of kubectl's default context. */
    public static final String DEFAULT_NAMESPACE = "default";

    private ApplyNamespace() {}

    /**
     * @param explicit the {@code -n} namespace, or null
     */
    public static LoadResult apply(LoadResult loaded, String explicit) {
        return apply(loaded, explicit, explicit != null);
    }

    /**
     * As Helm's client sets namespaces when it installs a chart: namespace-less objects go to the
     * release namespace ({@code explicit}, else {@code default}), and objects that name another
     * namespace keep it (Helm does not refuse them).
     */
    public static LoadResult applyAsHelm(LoadResult loaded, String explicit) {
        return apply(loaded, explicit, false);
    }

    private static LoadResult apply(LoadResult loaded, String explicit, boolean refuseOthers) {
        Set<String> clusterScopedCustom = clusterScopedCustomKinds(loaded.resources());
        String namespace = explicit == null || explicit.isEmpty() ? DEFAULT_NAMESPACE : explicit;
        List<Resource> resources = new ArrayList<>(loaded.resources().size());
        List<InputError> errors = new ArrayList<>(loaded.errors());
        boolean changed = false;
        for (Resource r : loaded.resources()) {
            if (!namespaced(r, clusterScopedCustom)) {
                resources.add(r);
                continue;
            }
            JsonNode metadata = r.object().get("metadata");
            JsonNode written = metadata == null ? null : metadata.get("namespace");
            // r.namespace() is what the manifest said; an aliased metadata shared with an object handled
            // before may already hold the namespace written here.
            boolean absent = r.namespace() == null && (written == null || written.isNull() || written.isTextual());
            if (absent) {
                if (r.object() instanceof ObjectNode object && (metadata == null || metadata.isObject())) {
                    ObjectNode meta = metadata == null ? object.putObject("metadata") : (ObjectNode) metadata;
                    meta.put("namespace", namespace);
                    resources.add(r.inDefaultedNamespace(namespace));
                    changed = true;
                } else {
                    resources.add(r);
                }
            } else if (refuseOthers && written.isTextual() && !written.textValue().equals(explicit)) {
                String own = written.textValue();
                errors.add(new InputError(r.origin().file(), r.locate(JsonPath.of("metadata", "namespace")).line(),
                        "the namespace from the provided object \"" + own + "\" does not match the namespace \"" + explicit
                                + "\". You must pass '--namespace=" + own + "' to perform this operation."));
                changed = true;
            } else {
                resources.add(r);
            }
        }
        return changed ? loaded.with(resources, errors) : loaded;
    }

    private static boolean namespaced(Resource r, Set<String> clusterScopedCustom) {
        String group = r.group();
        return !Kinds.isConfigurationFile(group, r.kind()) && !Kinds.isClusterScoped(group, r.kind())
                && !clusterScopedCustom.contains(group + "/" + r.kind());
    }

    /** "group/Kind" of every CustomResourceDefinition in the input that declares {@code scope: Cluster}. */
    private static Set<String> clusterScopedCustomKinds(List<Resource> resources) {
        Set<String> out = new HashSet<>();
        for (Resource r : resources) {
            if (r.kind().equals("CustomResourceDefinition") && r.group().equals("apiextensions.k8s.io")) {
                JsonNode spec = r.object().path("spec");
                if (spec.path("scope").asText("").equals("Cluster")) {
                    out.add(spec.path("group").asText("") + "/" + spec.path("names").path("kind").asText(""));
                }
            }
        }
        return out;
    }
}
