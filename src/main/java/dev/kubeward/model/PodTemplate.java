package dev.kubeward.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pod that a pod-bearing object runs: for a Pod itself, its metadata and spec; for a
 * workload, the metadata and spec of its pod template. Paths are relative to the enclosing
 * object, so findings point into the file the user wrote. Which kinds carry pods, and where, is
 * {@link WorkloadKinds}; some custom resources carry several ({@link #all}).
 *
 * @param staticSource why the pod is a static pod (see {@link StaticPods}), or null for a pod
 *                     created through the API server
 */
public record PodTemplate(Resource owner, JsonNode metadata, JsonPath metadataPath, JsonNode spec, JsonPath specPath,
                          String staticSource) {

    /**
     * The last object looked up on this thread, with its templates and their containers. The
     * scanner runs every check over one object before the next, so the sixty-odd pod and container
     * checks share one lookup instead of each walking the object again. Compared by identity.
     */
    private static final ThreadLocal<Memo> LAST = new ThreadLocal<>();

    private static final class Memo {
        final Resource resource;
        final WorkloadKinds kinds;
        final StaticPods statics;
        final List<PodTemplate> templates;
        final List<List<Container>> containers;

        Memo(Resource resource, WorkloadKinds kinds, StaticPods statics, List<PodTemplate> templates) {
            this.resource = resource;
            this.kinds = kinds;
            this.statics = statics;
            this.templates = templates;
            this.containers = new ArrayList<>(Collections.nCopies(templates.size(), null));
        }
    }

    /**
     * The first pod of a built-in pod-bearing kind (or of an operator kind kubeward knows), or empty
     * for other kinds. Code that has the scan's {@link Inventory} asks it instead
     * ({@link Inventory#podTemplates}): it knows the user's workload kinds and the static pod
     * directories its kubelet configuration names.
     */
    public static Optional<PodTemplate> of(Resource r) {
        List<PodTemplate> all = all(r);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** Every pod the object carries, for the built-in and known operator kinds (an unmodifiable list). */
    public static List<PodTemplate> all(Resource r) {
        return all(r, WorkloadKinds.BUILT_IN, StaticPods.DEFAULT);
    }

    /** Every pod the object carries for these kinds (static pods told apart by their own facts only). */
    public static List<PodTemplate> all(Resource r, WorkloadKinds kinds) {
        return all(r, kinds, StaticPods.DEFAULT);
    }

    static List<PodTemplate> all(Resource r, WorkloadKinds kinds, StaticPods statics) {
        Memo last = LAST.get();
        if (last != null && last.resource == r && last.kinds == kinds && last.statics == statics) {
            return last.templates;
        }
        List<PodTemplate> templates = find(r, kinds, statics);
        LAST.set(new Memo(r, kinds, statics, templates));
        return templates;
    }

    private static List<PodTemplate> find(Resource r, WorkloadKinds kinds, StaticPods statics) {
        List<WorkloadKinds.Found> found = kinds.find(r);
        if (found.isEmpty()) {
            return List.of();
        }
        List<PodTemplate> out = new ArrayList<>(found.size());
        for (WorkloadKinds.Found f : found) {
            JsonPath at = f.path();
            if (f.shape() == WorkloadKinds.Shape.POD_SPEC) {
                JsonPath metadataPath = at.isRoot() ? JsonPath.of("metadata") : at.parent().key("metadata");
                out.add(new PodTemplate(r, MissingNode.getInstance(), metadataPath, f.node(), at, null));
                continue;
            }
            JsonNode spec = f.node().path("spec");
            if (!spec.isObject()) {
                continue;
            }
            String staticSource = at.isRoot() ? statics.reason(r) : null;
            out.add(new PodTemplate(r, f.node().path("metadata"), at.key("metadata"), spec, at.key("spec"), staticSource));
        }
        return List.copyOf(out);
    }

    /**
     * Whether the kubelet runs this pod from a file of its node rather than the API server creating
     * it: no service account, token automount, LimitRange or admission webhook applies to it.
     */
    public boolean isStatic() {
        return staticSource != null;
    }

    /** Every container, init and ephemeral container, in that order (an unmodifiable list). */
    public List<Container> containers() {
        Memo last = LAST.get();
        if (last != null && last.resource == owner) {
            for (int i = 0; i < last.templates.size(); i++) {
                if (last.templates.get(i) == this) {
                    List<Container> cached = last.containers.get(i);
                    if (cached == null) {
                        cached = findContainers();
                        last.containers.set(i, cached);
                    }
                    return cached;
                }
            }
        }
        return findContainers();
    }

    private List<Container> findContainers() {
        List<Container> out = new ArrayList<>();
        for (ContainerType type : ContainerType.values()) {
            JsonNode list = spec.get(type.field());
            if (list == null || !list.isArray()) {
                continue;
            }
            JsonPath listPath = specPath.key(type.field());
            for (int i = 0; i < list.size(); i++) {
                JsonNode c = list.path(i);
                if (c.isObject()) {
                    out.add(new Container(this, type, i, c, listPath.index(i)));
                }
            }
        }
        return List.copyOf(out);
    }

    public JsonNode podSecurityContext() {
        JsonNode sc = spec.get("securityContext");
        return sc == null ? MissingNode.getInstance() : sc;
    }

    public Field podSecurity(String field) {
        return Field.at(podSecurityContext(), specPath.key("securityContext"), field);
    }

    public Field specField(String field) {
        return Field.at(spec, specPath, field);
    }

    public Map<String, String> annotations() {
        return metadata.isObject() ? Json.stringMap(metadata.path("annotations")) : Collections.emptyMap();
    }

    public JsonPath annotationPath(String key) {
        return metadataPath.key("annotations").key(key);
    }

    /** Pods with spec.os.name windows skip Linux-only controls, as Pod Security Admission does. */
    public boolean isWindows() {
        return "windows".equals(Json.text(spec.path("os").get("name")));
    }
}
