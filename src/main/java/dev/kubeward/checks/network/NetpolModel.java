package dev.kubeward.checks.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.model.FieldError;
import dev.kubeward.model.InputError;
import dev.kubeward.model.Inventory;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Kinds;
import dev.kubeward.model.PodTemplate;
import dev.kubeward.model.Resource;
import dev.kubeward.model.WorkloadKinds;
import dev.kubeward.netpol.ClusterModel;
import dev.kubeward.netpol.HostNetworkMode;
import dev.kubeward.netpol.ManifestParser;
import dev.kubeward.netpol.NetworkPolicy;
import dev.kubeward.netpol.PolicyAnalysis;
import dev.kubeward.netpol.Reachability;
import dev.kubeward.netpol.Workload;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The reachability engine's view of a set of resources: which objects it reads, the model and
 * analysis built from them, and the way back from the engine's records to the resources they came
 * from (the engine keeps each object's JSON tree as an opaque {@code source}). Built once per scan
 * through {@link #of(Inventory)} and by the {@code kubeward netpol} commands through {@link #build}.
 */
public final class NetpolModel {

    /**
     * One error of an object the engine read: a NetworkPolicy (or a workload or Service) the API
     * server would reject, or a part of an object the model cannot reflect. {@code reason} is the
     * API server's line, {@code path: message}.
     */
    public record Rejected(Resource resource, JsonPath path, String reason) {
        public InputError toInputError() {
            return new InputError(resource.origin().file(), resource.locate(path).line(),
                    resource.displayName() + ": " + reason);
        }
    }

    private final Reachability reachability;
    private final PolicyAnalysis analysis;
    private final List<Rejected> rejected;
    private final List<Rejected> partlyRead;
    private final Map<JsonNode, Resource> resourceBySource = new IdentityHashMap<>();
    private final Map<String, Resource> namespaceObjects = new LinkedHashMap<>();

    /** Which kinds carry pods and where (the model's definition, the configuration's kinds included). */
    private final WorkloadKinds workloadKinds;

    /** Namespaced custom resources of the input, whose operators may create pods the input does not show. */
    private final List<Resource> customResources;

    private NetpolModel(List<Resource> read, List<Resource> customResources, HostNetworkMode hostNetworkMode,
            WorkloadKinds workloadKinds) {
        this.customResources = List.copyOf(customResources);
        this.workloadKinds = workloadKinds;
        for (Resource r : read) {
            resourceBySource.put(r.object(), r);
            if (r.kind().equals("Namespace")) {
                namespaceObjects.putIfAbsent(r.name(), r);
            }
        }
        List<Rejected> rejections = new ArrayList<>();
        List<Rejected> partial = new ArrayList<>();
        ClusterModel model = ManifestParser.parseEach(read.stream().map(Resource::object).toList(), workloadKinds,
                new ManifestParser.Problems() {
                    @Override
                    public void rejected(JsonNode object, List<FieldError> errors) {
                        Resource r = resourceOf(object, resourceBySource.remove(object));
                        errors.forEach(e -> rejections.add(new Rejected(r, e.path(), e.toString())));
                    }

                    @Override
                    public void ignored(JsonNode object, FieldError error) {
                        Resource r = resourceOf(object, resourceBySource.get(object));
                        partial.add(new Rejected(r, error.path(), error.toString()));
                    }
                });
        this.reachability = Reachability.of(model, hostNetworkMode);
        this.analysis = new PolicyAnalysis(reachability);
        this.rejected = List.copyOf(rejections);
        this.partlyRead = List.copyOf(partial);
    }

    /**
     * The resource of an object the parser names: the object itself when it was a resource, else
     * the List it came from (an item of a {@code kind: List} the loader did not split).
     */
    private Resource resourceOf(JsonNode object, Resource direct) {
        if (direct != null) {
            return direct;
        }
        throw new IllegalStateException("object not read from the input: " + ManifestParser.describe(object));
    }

    /**
     * Reads the objects the engine understands. One policy the API server would reject is reported
     * with its location and left out instead of failing the rest.
     */
    public static NetpolModel build(List<Resource> resources) {
        return build(resources, HostNetworkMode.NODE);
    }

    /**
     * The model with hostNetwork pods analysed one way or the other: {@link HostNetworkMode#NODE}
     * (as the API behaves, the checks' mode) or {@link HostNetworkMode#POD} (as netpol-analyzer does).
     */
    public static NetpolModel build(List<Resource> resources, HostNetworkMode hostNetworkMode) {
        return build(resources, hostNetworkMode, WorkloadKinds.BUILT_IN);
    }

    /** As {@link #build(List, HostNetworkMode)}, with the scan's pod-bearing kinds (the configuration's workloadKinds too). */
    public static NetpolModel build(List<Resource> resources, HostNetworkMode hostNetworkMode, WorkloadKinds workloadKinds) {
        return new NetpolModel(resources.stream().filter(r -> isRead(r, workloadKinds)).toList(),
                resources.stream().filter(r -> !Kinds.isBuiltInGroup(r.group()) && r.isNamespaced()).toList(),
                hostNetworkMode, workloadKinds);
    }

    /** The model of a scan, computed by the first network check that asks and shared by the others. */
    public static NetpolModel of(Inventory inventory) {
        return inventory.derived(NetpolModel.class, inv -> build(inv.all(), HostNetworkMode.NODE, inv.workloadKinds()));
    }

    /**
     * A value computed once per scan from the model. The model is fetched before entering
     * {@link Inventory#derived}, whose map must not be updated from inside a computation.
     */
    static <T> T derived(Inventory inventory, Object key, Function<NetpolModel, T> compute) {
        NetpolModel model = of(inventory);
        return inventory.derived(key, inv -> compute.apply(model));
    }

    /**
     * Only the built-in kinds: a Calico or Cilium "NetworkPolicy" has other semantics, and a
     * custom resource shaped like a Deployment runs no pods.
     */
    static boolean isRead(Resource r, WorkloadKinds kinds) {
        return switch (r.kind()) {
            case "Namespace", "Service" -> r.apiVersion().equals("v1");
            case "NetworkPolicy", "Ingress" -> r.apiVersion().equals("networking.k8s.io/v1");
            case "PodTemplate" -> false;
            default -> !PodTemplate.all(r, kinds).isEmpty();
        };
    }

    public Reachability reachability() {
        return reachability;
    }

    public PolicyAnalysis analysis() {
        return analysis;
    }

    public ClusterModel cluster() {
        return reachability.model();
    }

    /** Errors of the objects left out of the model, as the API server would reject them; one per error. */
    public List<Rejected> rejected() {
        return rejected;
    }

    /** Objects read, with a part the model cannot reflect (pods of one owner that policies tell apart). */
    public List<Rejected> partlyRead() {
        return partlyRead;
    }

    /**
     * Network checks only speak when the input has workloads: a file holding one Service or one
     * policy says nothing about the namespaces' coverage.
     */
    public boolean hasWorkloads() {
        return !cluster().workloads().isEmpty();
    }

    /** The resource an engine record (workload, policy) was parsed from. */
    public Optional<Resource> resourceOf(Object source) {
        return source instanceof JsonNode node ? Optional.ofNullable(resourceBySource.get(node)) : Optional.empty();
    }

    public Optional<Resource> resourceOf(Workload workload) {
        return resourceOf(workload.source());
    }

    public Optional<Resource> resourceOf(NetworkPolicy policy) {
        return resourceOf(policy.source());
    }

    /** Namespaced custom resources of the input (any group that is not Kubernetes' own), in input order. */
    public List<Resource> customResources() {
        return customResources;
    }

    /** The Namespace object of that name, when the input has one. */
    public Optional<Resource> namespaceObject(String name) {
        return Optional.ofNullable(namespaceObjects.get(name));
    }

    /** Namespaces the input declares or puts workloads in, in input order. */
    public List<String> namespacesInInput() {
        LinkedHashSet<String> names = new LinkedHashSet<>(namespaceObjects.keySet());
        cluster().workloads().forEach(w -> names.add(w.namespace()));
        return List.copyOf(names);
    }

    /** Workloads of a namespace, in input order. */
    public List<Workload> workloadsIn(String namespace) {
        if (workloadsByNamespace == null) {
            Map<String, List<Workload>> index = new java.util.HashMap<>();
            cluster().workloads().forEach(w -> index.computeIfAbsent(w.namespace(), k -> new ArrayList<>()).add(w));
            workloadsByNamespace = index;
        }
        return workloadsByNamespace.getOrDefault(namespace, List.of());
    }

    /** Built on first use; a benign race at worst builds it twice, with the same result. */
    private volatile Map<String, List<Workload>> workloadsByNamespace;

    /** Where findings about a workload point: its pod labels, which policies select on. */
    JsonPath podLabelsPath(Resource workload) {
        List<PodTemplate> pods = PodTemplate.all(workload, workloadKinds);
        return pods.isEmpty() ? JsonPath.of("metadata") : pods.get(0).metadataPath().key("labels");
    }
}
