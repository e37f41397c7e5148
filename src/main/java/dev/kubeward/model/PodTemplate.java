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
 * object, so findings point into the file the user wrote.
 */
public record PodTemplate(Resource owner, JsonNode metadata, JsonPath metadataPath, JsonNode spec, JsonPath specPath) {

    /**
     * The last object looked up on this thread, with its template and containers. The scanner
     * runs every check over one object before the next, so the sixty-odd pod and container
     * checks share one lookup instead of each walking the object again. Compared by identity.
     */
    private static final ThreadLocal<Memo> LAST = new ThreadLocal<>();

    private static final class Memo {
        final Resource resource;
        final Optional<PodTemplate> template;
        List<Container> containers;

        Memo(Resource resource, Optional<PodTemplate> template) {
            this.resource = resource;
            this.template = template;
        }
    }

    /** The pod template inside any pod-bearing kind, or empty for other kinds. */
    public static Optional<PodTemplate> of(Resource r) {
        Memo last = LAST.get();
        if (last != null && last.resource == r) {
            return last.template;
        }
        Optional<PodTemplate> template = find(r);
        LAST.set(new Memo(r, template));
        return template;
    }

    private static Optional<PodTemplate> find(Resource r) {
        JsonPath templatePath = switch (r.kind()) {
            case "Pod" -> JsonPath.ROOT;
            case "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "ReplicationController" ->
                    JsonPath.of("spec", "template");
            case "CronJob" -> JsonPath.of("spec", "jobTemplate", "spec", "template");
            case "PodTemplate" -> JsonPath.of("template");
            default -> null;
        };
        if (templatePath == null || !isCoreOrWorkloadGroup(r)) {
            return Optional.empty();
        }
        JsonNode template = at(r.object(), templatePath);
        if (!template.isObject()) {
            return Optional.empty();
        }
        JsonNode spec = template.path("spec");
        if (!spec.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new PodTemplate(r, template.path("metadata"), templatePath.key("metadata"),
                spec, templatePath.key("spec")));
    }

    /** Pods, workloads and jobs live in these groups; a CRD called "Deployment" is not ours to read. */
    private static boolean isCoreOrWorkloadGroup(Resource r) {
        String g = r.group();
        return g.isEmpty() || g.equals("apps") || g.equals("batch") || g.equals("extensions");
    }

    private static JsonNode at(JsonNode root, JsonPath path) {
        JsonNode n = root;
        for (Object s : path.segments()) {
            n = n.path((String) s);
        }
        return n;
    }

    /** Every container, init and ephemeral container, in that order (an unmodifiable list). */
    public List<Container> containers() {
        Memo last = LAST.get();
        if (last != null && last.template.isPresent() && last.template.get() == this) {
            if (last.containers == null) {
                last.containers = findContainers();
            }
            return last.containers;
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
