package dev.kubeward.policy.offline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.model.Kinds;
import dev.kubeward.model.Resource;
import dev.kubeward.policy.AdmissionRequest.Gvk;
import dev.kubeward.policy.AdmissionRequest.Gvr;
import dev.kubeward.rbac.BuiltInResources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The API server's REST mapping, offline: built-in kinds from kubeward's table of built-in
 * resources, custom resources from the CustomResourceDefinitions in the input (plural, scope,
 * served versions), and any other kind by meta.UnsafeGuessKindToResource. Equivalent
 * resources (matchPolicy Equivalent) are the served versions of one custom resource and the
 * built-in pairs a current API server serves twice (autoscaling v1/v2 HorizontalPodAutoscaler,
 * core and events.k8s.io Event).
 */
public final class ResourceMapping {
    /** A custom resource definition's facts. */
    private record Crd(String group, String kind, String plural, boolean namespaced, List<String> versions) {}

    private final Map<String, Crd> crdsByGroupKind = new HashMap<>();
    private final Map<String, Crd> crdsByGroupResource = new HashMap<>();

    public ResourceMapping(List<Resource> resources) {
        for (Resource r : resources) {
            if (!r.kind().equals("CustomResourceDefinition") || !r.group().equals("apiextensions.k8s.io")) {
                continue;
            }
            JsonNode spec = r.object().path("spec");
            String group = spec.path("group").asText("");
            String kind = spec.path("names").path("kind").asText("");
            String plural = spec.path("names").path("plural").asText("");
            if (kind.isEmpty() || plural.isEmpty()) {
                continue;
            }
            List<String> versions = new ArrayList<>();
            for (JsonNode v : spec.path("versions")) {
                if (v.path("served").asBoolean(true)) {
                    versions.add(v.path("name").asText());
                }
            }
            if (spec.has("version")) {
                versions.add(spec.path("version").asText());
            }
            Crd crd = new Crd(group, kind, plural, !"Cluster".equals(spec.path("scope").asText("Namespaced")), versions);
            crdsByGroupKind.put(group + "/" + kind, crd);
            crdsByGroupResource.put(group + "/" + plural, crd);
        }
    }

    /** The resource of a kind, and whether the mapping was guessed (no built-in, no CRD). */
    public record Mapped(Gvr resource, boolean namespaced, boolean guessed) {}

    public Mapped map(Gvk kind) {
        Crd crd = crdsByGroupKind.get(kind.group() + "/" + kind.kind());
        if (crd != null) {
            return new Mapped(new Gvr(kind.group(), kind.version(), crd.plural()), crd.namespaced(), false);
        }
        for (BuiltInResources.BuiltIn b : BuiltInResources.all()) {
            if (kind.kind().equals(b.kind()) && kind.group().equals(b.group())) {
                return new Mapped(new Gvr(kind.group(), kind.version(), b.resource()), !b.clusterScoped(), false);
            }
        }
        String singular = kind.kind().toLowerCase(Locale.ROOT);
        String plural;
        if (singular.isEmpty()) {
            plural = singular;
        } else if (singular.endsWith("s")) {
            plural = singular + "es";
        } else if (singular.endsWith("y")) {
            plural = singular.substring(0, singular.length() - 1) + "ies";
        } else {
            plural = singular + "s";
        }
        return new Mapped(new Gvr(kind.group(), kind.version(), plural), !Kinds.isClusterScoped(kind.group(), kind.kind()), true);
    }

    /** Whether a kind is namespaced, if kubeward knows the kind. */
    public Optional<Boolean> namespaced(String group, String kind) {
        Crd crd = crdsByGroupKind.get(group + "/" + kind);
        if (crd != null) {
            return Optional.of(crd.namespaced());
        }
        for (BuiltInResources.BuiltIn b : BuiltInResources.all()) {
            if (kind.equals(b.kind()) && group.equals(b.group())) {
                return Optional.of(!b.clusterScoped());
            }
        }
        return Optional.empty();
    }

    public List<Gvr> equivalents(Gvr r) {
        List<Gvr> out = new ArrayList<>();
        Crd crd = crdsByGroupResource.get(r.group() + "/" + r.resource());
        if (crd != null) {
            for (String v : crd.versions()) {
                out.add(new Gvr(r.group(), v, r.resource()));
            }
            return out;
        }
        if (r.resource().equals("horizontalpodautoscalers") && r.group().equals("autoscaling")) {
            out.add(new Gvr("autoscaling", "v1", "horizontalpodautoscalers"));
            out.add(new Gvr("autoscaling", "v2", "horizontalpodautoscalers"));
        } else if (r.resource().equals("events") && (r.group().isEmpty() || r.group().equals("events.k8s.io"))) {
            out.add(new Gvr("", "v1", "events"));
            out.add(new Gvr("events.k8s.io", "v1", "events"));
        }
        return out;
    }

    public Optional<Gvk> kindFor(Gvr r) {
        Crd crd = crdsByGroupResource.get(r.group() + "/" + r.resource());
        if (crd != null) {
            return Optional.of(new Gvk(r.group(), r.version(), crd.kind()));
        }
        for (BuiltInResources.BuiltIn b : BuiltInResources.all()) {
            if (b.kind() != null && b.resource().equals(r.resource()) && b.group().equals(r.group())) {
                return Optional.of(new Gvk(r.group(), r.version(), b.kind()));
            }
        }
        return Optional.empty();
    }
}
