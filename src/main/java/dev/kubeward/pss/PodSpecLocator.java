package dev.kubeward.pss;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.Map;
import java.util.Optional;

/** Finds the pod template in any pod-bearing Kubernetes object. */
public final class PodSpecLocator {
    private PodSpecLocator() {
    }

    /** Path segments from the object root to the object holding {@code metadata} and {@code spec}. */
    private static final Map<String, String[]> TEMPLATE_PARENTS = Map.of(
            "Pod", new String[0],
            "Deployment", new String[] {"spec", "template"},
            "ReplicaSet", new String[] {"spec", "template"},
            "StatefulSet", new String[] {"spec", "template"},
            "DaemonSet", new String[] {"spec", "template"},
            "Job", new String[] {"spec", "template"},
            "ReplicationController", new String[] {"spec", "template"},
            "CronJob", new String[] {"spec", "jobTemplate", "spec", "template"},
            "PodTemplate", new String[] {"template"});

    /** Whether objects of this kind carry a pod template. */
    public static boolean isPodBearing(String kind) {
        return TEMPLATE_PARENTS.containsKey(kind);
    }

    /**
     * The pod template of a Pod, Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, CronJob,
     * ReplicationController or PodTemplate; empty for other kinds or when the object has no pod spec.
     */
    public static Optional<PodTarget> locate(JsonNode object) {
        if (object == null || !object.isObject()) {
            return Optional.empty();
        }
        String kind = Json.text(object, "kind");
        String[] segments = TEMPLATE_PARENTS.get(kind);
        if (segments == null) {
            return Optional.empty();
        }
        JsonNode parent = object;
        String parentPath = "";
        for (String segment : segments) {
            parent = Json.get(parent, segment);
            if (parent == null) {
                return Optional.empty();
            }
            parentPath = JsonPaths.field(parentPath, segment);
        }
        JsonNode spec = Json.get(parent, "spec");
        if (spec == null || !spec.isObject()) {
            return Optional.empty();
        }
        JsonNode metadata = Json.get(parent, "metadata");
        return Optional.of(new PodTarget(kind,
                metadata == null ? MissingNode.getInstance() : metadata,
                spec,
                JsonPaths.field(parentPath, "metadata"),
                JsonPaths.field(parentPath, "spec")));
    }
}
