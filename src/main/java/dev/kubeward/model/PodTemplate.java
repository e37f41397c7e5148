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

    /** The pod template inside any pod-bearing kind, or empty for other kinds. */
    public static Optional<PodTemplate> of(Resource r) {
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

    public List<Container> containers() {
        List<Container> out = new ArrayList<>();
        for (ContainerType type : ContainerType.values()) {
            JsonNode list = spec.get(type.field());
            if (list == null || !list.isArray()) {
                continue;
            }
            JsonPath listPath = specPath.key(type.field());
            for (int i = 0; i < list.size(); i++) {
                JsonNode c = list.get(i);
                if (c.isObject()) {
                    out.add(new Container(this, type, i, c, listPath.index(i)));
                }
            }
        }
        return out;
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
