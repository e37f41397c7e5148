package dev.kubeward.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which kinds carry a pod, and where: the one definition every check, the image inventory, the
 * Pod Security evaluator and the network model read pods through ({@link PodTemplate}).
 *
 * <p>The built-in kinds of Kubernetes are here, and the custom resources of common operators whose
 * schema embeds a real {@code PodTemplateSpec} (the operator creates pods from it as written, plus
 * what the operator itself adds): Argo Rollouts, Knative Serving, KEDA, OpenKruise, the Kubeflow
 * training operator, KubeRay, Volcano, JobSet and LeaderWorkerSet. Users add their own kinds in
 * {@code .kubeward.yaml} ({@code workloadKinds}). Kinds are matched on group and kind, every version
 * alike: a CRD called "Deployment" in another group is not a Deployment.
 */
public final class WorkloadKinds {

    /** What the path points at. */
    public enum Shape {
        /** An object with {@code metadata} and {@code spec}: a PodTemplateSpec, or a Pod itself. */
        TEMPLATE,
        /** A PodSpec on its own; the pod has no metadata of its own in the object. */
        POD_SPEC
    }

    /**
     * One place a kind keeps a pod.
     *
     * @param path a dotted path from the object's root; {@code [*]} stands for every element of a list
     *             and {@code *} for every value of a map ({@code spec.tfReplicaSpecs.*.template}); empty for the root
     * @param origin "built-in" or the configuration that declared it, for messages
     */
    public record Entry(String group, String kind, String path, Shape shape, String origin) {
        public Entry {
            parse(path); // fails early on a malformed path
        }

        String key() {
            return group + "/" + kind;
        }
    }

    /** A pod found in an object: where it stands and what stands there (a template, or a bare pod spec). */
    public record Found(JsonPath path, JsonNode node, Shape shape) {}

    private static final String BUILT_IN_ORIGIN = "built-in";

    /** Path segments standing for every list element and every map value (initialised before BUILT_IN parses paths). */
    private static final Object ANY_INDEX = new Object();
    private static final Object ANY_KEY = new Object();

    /** The built-in kinds and the operator kinds kubeward knows. */
    public static final WorkloadKinds BUILT_IN = new WorkloadKinds(List.of(
            // Kubernetes itself.
            builtIn("", "Pod", ""),
            builtIn("", "ReplicationController", "spec.template"),
            builtIn("", "PodTemplate", "template"),
            builtIn("apps", "Deployment", "spec.template"),
            builtIn("apps", "ReplicaSet", "spec.template"),
            builtIn("apps", "StatefulSet", "spec.template"),
            builtIn("apps", "DaemonSet", "spec.template"),
            // extensions/v1beta1 (removed in 1.16) served Deployment, ReplicaSet and DaemonSet.
            builtIn("extensions", "Deployment", "spec.template"),
            builtIn("extensions", "ReplicaSet", "spec.template"),
            builtIn("extensions", "DaemonSet", "spec.template"),
            builtIn("batch", "Job", "spec.template"),
            builtIn("batch", "CronJob", "spec.jobTemplate.spec.template"),
            // Argo Rollouts: a Rollout is a Deployment with other strategies (or a workloadRef to a
            // Deployment, which is then read as the Deployment); an Experiment runs several templates.
            builtIn("argoproj.io", "Rollout", "spec.template"),
            builtIn("argoproj.io", "Experiment", "spec.templates[*].template"),
            // Knative Serving: RevisionTemplateSpec, whose spec inlines a PodSpec.
            builtIn("serving.knative.dev", "Service", "spec.template"),
            builtIn("serving.knative.dev", "Configuration", "spec.template"),
            // KEDA: jobTargetRef is a batch/v1 JobSpec.
            builtIn("keda.sh", "ScaledJob", "spec.jobTargetRef.template"),
            // OpenKruise.
            builtIn("apps.kruise.io", "CloneSet", "spec.template"),
            builtIn("apps.kruise.io", "StatefulSet", "spec.template"),
            builtIn("apps.kruise.io", "DaemonSet", "spec.template"),
            builtIn("apps.kruise.io", "BroadcastJob", "spec.template"),
            builtIn("apps.kruise.io", "AdvancedCronJob", "spec.template.jobTemplate.spec.template"),
            builtIn("apps.kruise.io", "AdvancedCronJob", "spec.template.broadcastJobTemplate.spec.template"),
            // Kubeflow training operator: a map of replica type (Master, Worker, PS …) to ReplicaSpec.
            builtIn("kubeflow.org", "PyTorchJob", "spec.pytorchReplicaSpecs.*.template"),
            builtIn("kubeflow.org", "TFJob", "spec.tfReplicaSpecs.*.template"),
            builtIn("kubeflow.org", "MPIJob", "spec.mpiReplicaSpecs.*.template"),
            builtIn("kubeflow.org", "XGBoostJob", "spec.xgbReplicaSpecs.*.template"),
            builtIn("kubeflow.org", "PaddleJob", "spec.paddleReplicaSpecs.*.template"),
            // KubeRay.
            builtIn("ray.io", "RayCluster", "spec.headGroupSpec.template"),
            builtIn("ray.io", "RayCluster", "spec.workerGroupSpecs[*].template"),
            builtIn("ray.io", "RayJob", "spec.rayClusterSpec.headGroupSpec.template"),
            builtIn("ray.io", "RayJob", "spec.rayClusterSpec.workerGroupSpecs[*].template"),
            builtIn("ray.io", "RayService", "spec.rayClusterConfig.headGroupSpec.template"),
            builtIn("ray.io", "RayService", "spec.rayClusterConfig.workerGroupSpecs[*].template"),
            // Volcano: tasks of a Job.
            builtIn("batch.volcano.sh", "Job", "spec.tasks[*].template"),
            // JobSet: each replicated job is a JobTemplateSpec.
            builtIn("jobset.x-k8s.io", "JobSet", "spec.replicatedJobs[*].template.spec.template"),
            // LeaderWorkerSet.
            builtIn("leaderworkerset.x-k8s.io", "LeaderWorkerSet", "spec.leaderWorkerTemplate.leaderTemplate"),
            builtIn("leaderworkerset.x-k8s.io", "LeaderWorkerSet", "spec.leaderWorkerTemplate.workerTemplate")));

    private final List<Entry> entries;
    /** Entries by "group/kind", with their paths parsed once. */
    private final Map<String, List<Place>> byKey = new LinkedHashMap<>();

    private record Place(List<Object> segments, Shape shape) {}

    private WorkloadKinds(List<Entry> entries) {
        this.entries = List.copyOf(entries);
        for (Entry e : this.entries) {
            byKey.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(new Place(parse(e.path()), e.shape()));
        }
    }

    private static Entry builtIn(String group, String kind, String path) {
        return new Entry(group, kind, path, Shape.TEMPLATE, BUILT_IN_ORIGIN);
    }

    /**
     * These kinds plus the user's. A user entry for a kind kubeward knows replaces the built-in
     * places of that kind: the user knows their CRD's version better than the table does.
     */
    public WorkloadKinds with(List<Entry> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<String> replaced = more.stream().map(Entry::key).toList();
        List<Entry> all = new ArrayList<>(entries.stream().filter(e -> !replaced.contains(e.key())).toList());
        all.addAll(more);
        return new WorkloadKinds(all);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** Whether objects of this group and kind carry a pod. */
    public boolean isPodBearing(String group, String kind) {
        return byKey.containsKey(group + "/" + kind);
    }

    /** Every pod the object carries, in the order of the entries and then of the object. */
    List<Found> find(Resource r) {
        return find(r.group(), r.kind(), r.object());
    }

    /**
     * The pods of an object given as a JSON tree, for the engines that read trees (the network
     * model). An object without apiVersion, as the engines' own table tests write them, is matched on
     * its kind among the Kubernetes groups ("", apps, batch); objects the loader hands over always
     * have one.
     */
    public List<Found> find(JsonNode object) {
        if (object == null || !object.isObject()) {
            return List.of();
        }
        String kind = object.path("kind").asText("");
        JsonNode apiVersion = object.get("apiVersion");
        if (apiVersion == null || !apiVersion.isTextual() || apiVersion.textValue().isEmpty()) {
            for (String group : List.of("", "apps", "batch")) {
                List<Found> found = find(group, kind, object);
                if (!found.isEmpty()) {
                    return found;
                }
            }
            return List.of();
        }
        String v = apiVersion.textValue();
        int slash = v.indexOf('/');
        return find(slash < 0 ? "" : v.substring(0, slash), kind, object);
    }

    private List<Found> find(String group, String kind, JsonNode object) {
        List<Place> places = byKey.get(group + "/" + kind);
        if (places == null) {
            return List.of();
        }
        List<Found> out = new ArrayList<>(1);
        for (Place p : places) {
            expand(object, JsonPath.ROOT, p.segments(), 0, p.shape(), out);
        }
        return out;
    }

    /**
     * The places of the object's kind that hold something other than a pod: a value of the wrong JSON
     * type on the way to a template or at it ({@code template: "web"}, {@code replicaSpecs: []}), or a
     * template whose {@code spec} is not a mapping. {@link #find} passes over them, so without this a
     * custom resource whose pod template the API server would refuse (its structural schema says
     * object) would be read as carrying no pod at all, silently. Absent and {@code null} values are
     * absent pods, not errors. Messages are the API server's for a CRD's structural schema:
     * {@code spec.template: Invalid value: "string": spec.template in body must be of type object: "string"}.
     */
    public List<FieldError> misshapen(Resource r) {
        List<Place> places = byKey.get(r.group() + "/" + r.kind());
        if (places == null) {
            return List.of();
        }
        List<FieldError> out = new ArrayList<>();
        for (Place p : places) {
            misshapen(r.object(), JsonPath.ROOT, p.segments(), 0, p.shape(), out);
        }
        return out;
    }

    private static void misshapen(JsonNode node, JsonPath at, List<Object> segments, int i, Shape shape, List<FieldError> out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        if (i == segments.size()) {
            if (!node.isObject()) {
                out.add(wrongType(at, node, "object"));
            } else if (shape == Shape.TEMPLATE && !at.isRoot()) {
                JsonNode spec = node.get("spec");
                if (spec != null && !spec.isNull() && !spec.isObject()) {
                    out.add(wrongType(at.key("spec"), spec, "object"));
                }
            }
            return;
        }
        Object s = segments.get(i);
        if (s == ANY_INDEX) {
            if (!node.isArray()) {
                out.add(wrongType(at, node, "array"));
                return;
            }
            for (int k = 0; k < node.size(); k++) {
                misshapen(node.get(k), at.index(k), segments, i + 1, shape, out);
            }
        } else if (!node.isObject()) {
            out.add(wrongType(at, node, "object"));
        } else if (s == ANY_KEY) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                misshapen(e.getValue(), at.key(e.getKey()), segments, i + 1, shape, out);
            }
        } else {
            misshapen(node.get((String) s), at.key((String) s), segments, i + 1, shape, out);
        }
    }

    /** The structural-schema error of apiextensions-apiserver for a value of the wrong type. */
    private static FieldError wrongType(JsonPath at, JsonNode node, String expected) {
        String actual = node.isTextual() ? "string"
                : node.isBoolean() ? "boolean"
                : node.isIntegralNumber() ? "integer"
                : node.isNumber() ? "number"
                : node.isArray() ? "array" : "object";
        return new FieldError(at, "Invalid value: \"" + actual + "\": " + at + " in body must be of type "
                + expected + ": \"" + actual + "\"");
    }

    /** The segments of a path pattern: keys, {@link #ANY_INDEX} and {@link #ANY_KEY}. */
    static List<Object> parse(String path) {
        List<Object> out = new ArrayList<>();
        if (path == null) {
            throw new IllegalArgumentException("a path is required");
        }
        int i = 0;
        int n = path.length();
        while (i < n) {
            char c = path.charAt(i);
            if (c == '.') {
                if (i == 0 || i + 1 == n || path.charAt(i + 1) == '.') {
                    throw new IllegalArgumentException("empty key in path '" + path + "'");
                }
                i++;
            } else if (c == '[') {
                if (!path.startsWith("[*]", i)) {
                    throw new IllegalArgumentException("only [*] may stand in brackets, in path '" + path + "'");
                }
                out.add(ANY_INDEX);
                i += 3;
            } else {
                int j = i;
                while (j < n && path.charAt(j) != '.' && path.charAt(j) != '[') {
                    if (path.charAt(j) == ']') {
                        throw new IllegalArgumentException("unbalanced ] in path '" + path + "'");
                    }
                    j++;
                }
                String key = path.substring(i, j);
                out.add(key.equals("*") ? ANY_KEY : key);
                i = j;
            }
        }
        return out;
    }

    private static void expand(JsonNode node, JsonPath at, List<Object> segments, int i, Shape shape, List<Found> out) {
        if (i == segments.size()) {
            if (node.isObject()) {
                out.add(new Found(at, node, shape));
            }
            return;
        }
        Object s = segments.get(i);
        if (s == ANY_INDEX) {
            if (node.isArray()) {
                for (int k = 0; k < node.size(); k++) {
                    expand(node.get(k), at.index(k), segments, i + 1, shape, out);
                }
            }
        } else if (s == ANY_KEY) {
            if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    expand(e.getValue(), at.key(e.getKey()), segments, i + 1, shape, out);
                }
            }
        } else {
            JsonNode child = node.isObject() ? node.get((String) s) : null;
            if (child != null) {
                expand(child, at.key((String) s), segments, i + 1, shape, out);
            }
        }
    }
}
