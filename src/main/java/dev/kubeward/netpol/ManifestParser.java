package dev.kubeward.netpol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.model.FieldError;
import dev.kubeward.model.Json;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.WorkloadKinds;
import dev.kubeward.model.LabelSelector;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds a {@link ClusterModel} from Kubernetes objects already parsed into Jackson trees
 * (YAML or JSON). Reads Namespaces, networking.k8s.io/v1 NetworkPolicies, pod-bearing workloads,
 * Services and networking.k8s.io/v1 Ingresses; other kinds are ignored. {@code List} objects are
 * flattened. An object the API server would reject is reported with every error, each with its
 * JSON path ({@link InvalidObject}).
 *
 * <p>Pods are grouped by their controller, the way netpol-analyzer names them: the owner
 * reference with {@code controller: true} (none, or a Node, means the pod stands for itself).
 * Pods of one owner are one workload, read from the first of them.
 */
public final class ManifestParser {

    /** Where the parser reports what it could not use. */
    public interface Problems {
        /** An object the API server would reject; it is left out of the model. */
        void rejected(JsonNode object, List<FieldError> errors);

        /** An object that was read, but whose {@code error} field the model does not reflect. */
        void ignored(JsonNode object, FieldError error);
    }

    private static final String[] CORE_PROTOCOLS = {"SCTP", "TCP", "UDP"};

    private final List<Namespace> namespaces = new ArrayList<>();
    private final Map<String, Workload> workloads = new LinkedHashMap<>();
    /** Pods beyond the first of each owner, by workload id: grouped, but their labels may differ. */
    private final Map<String, List<JsonNode>> groupedPods = new LinkedHashMap<>();
    private final List<NetworkPolicy> policies = new ArrayList<>();
    private final List<Service> services = new ArrayList<>();
    private final List<IngressBackend> ingressBackends = new ArrayList<>();

    /** Which kinds carry pods and where: the model's one definition. */
    private final WorkloadKinds workloadKinds;

    private ManifestParser(WorkloadKinds workloadKinds) {
        this.workloadKinds = workloadKinds;
    }

    /** Reads every object; the first one the API server would reject fails the whole model. */
    public static ClusterModel parse(List<JsonNode> objects) {
        return parseEach(objects, new Problems() {
            @Override
            public void rejected(JsonNode object, List<FieldError> errors) {
                throw new InvalidObject(describe(object), errors);
            }

            @Override
            public void ignored(JsonNode object, FieldError error) {
                // the strict parse keeps the model as it reads it
            }
        });
    }

    /**
     * Reads every object the API server would accept; one it would reject is handed to
     * {@code problems} with all its errors and left out, so that the rest is still analysed.
     */
    public static ClusterModel parseEach(List<JsonNode> objects, Problems problems) {
        return parseEach(objects, WorkloadKinds.BUILT_IN, problems);
    }

    /** As {@link #parseEach(List, Problems)}, with the scan's pod-bearing kinds (the configuration's workloadKinds too). */
    public static ClusterModel parseEach(List<JsonNode> objects, WorkloadKinds workloadKinds, Problems problems) {
        ManifestParser parser = new ManifestParser(workloadKinds);
        for (JsonNode object : objects) {
            parser.accept(object, problems);
        }
        ClusterModel model = new ClusterModel(parser.namespaces, List.copyOf(parser.workloads.values()),
                parser.policies, parser.services, parser.ingressBackends);
        parser.reportOwnerLabelGaps(model, problems);
        return model;
    }

    /** "NetworkPolicy ns/name", how an object is named in messages. */
    public static String describe(JsonNode object) {
        String kind = object.path("kind").asText("object");
        return kind + " " + (kind.equals("Namespace") ? "" : namespaceOf(object) + "/") + nameOf(object);
    }

    private void accept(JsonNode object, Problems problems) {
        if (object == null || !object.isObject()) {
            return;
        }
        String kind = object.path("kind").asText("");
        if (kind.endsWith("List") && object.path("items").isArray()) {
            object.path("items").forEach(item -> accept(item, problems));
            return;
        }
        List<FieldError> errors = new ArrayList<>();
        switch (kind) {
            case "Namespace" -> namespaces.add(new Namespace(object.path("metadata").path("name").asText(),
                    Json.stringMap(object.path("metadata").path("labels"))));
            case "NetworkPolicy" -> {
                errors.addAll(PolicyValidator.validate(object));
                if (errors.isEmpty()) {
                    policies.add(parsePolicy(object));
                }
            }
            case "Pod" -> addPod(object, errors);
            case "PodTemplate" -> {
                // a template other objects copy; it runs no pod itself
            }
            case "Service" -> {
                Service service = parseService(object, errors);
                if (errors.isEmpty()) {
                    services.add(service);
                }
            }
            case "Ingress" -> addIngress(object);
            default -> {
                // Every pod of a pod-bearing kind; an object with several (a RayCluster's groups) gives one
                // workload per pod template, named after the object and the template's place.
                List<WorkloadKinds.Found> pods = workloadKinds.find(object);
                for (WorkloadKinds.Found pod : pods) {
                    String name = pods.size() == 1 ? nameOf(object) : nameOf(object) + "(" + pod.path() + ")";
                    addTemplated(object, name, pod, errors);
                }
            }
        }
        if (!errors.isEmpty()) {
            problems.rejected(object, errors);
        }
    }

    static String namespaceOf(JsonNode object) {
        String namespace = object.path("metadata").path("namespace").asText("");
        return namespace.isEmpty() ? "default" : namespace;
    }

    private static String nameOf(JsonNode object) {
        return object.path("metadata").path("name").asText("");
    }

    // ---------------------------------------------------------------- workloads

    private void addTemplated(JsonNode object, String name, WorkloadKinds.Found pod, List<FieldError> errors) {
        boolean bareSpec = pod.shape() == WorkloadKinds.Shape.POD_SPEC;
        JsonNode spec = bareSpec ? pod.node() : pod.node().path("spec");
        JsonPath specPath = bareSpec ? pod.path() : pod.path().key("spec");
        Map<String, String> labels = bareSpec ? Map.of() : Json.stringMap(pod.node().path("metadata").path("labels"));
        List<ContainerPort> ports = containerPorts(spec, specPath, errors);
        if (errors.isEmpty()) {
            addWorkload(new Workload(namespaceOf(object), name, object.path("kind").asText(), labels, ports,
                    spec.path("hostNetwork").asBoolean(false), object), object);
        }
    }

    /**
     * Pods with a controller are reported as that controller ({@code ns/owner[ReplicaSet]}), the way
     * netpol-analyzer names them: only the owner reference marked {@code controller: true} counts,
     * and a Node (a static pod's mirror) is no workload owner.
     */
    private void addPod(JsonNode pod, List<FieldError> errors) {
        JsonNode owner = controllerOf(pod);
        String name = owner == null ? nameOf(pod) : owner.path("name").asText();
        String kind = owner == null ? "Pod" : owner.path("kind").asText();
        List<ContainerPort> ports = containerPorts(pod.path("spec"), JsonPath.of("spec"), errors);
        if (errors.isEmpty()) {
            addWorkload(new Workload(namespaceOf(pod), name, kind, Json.stringMap(pod.path("metadata").path("labels")),
                    ports, pod.path("spec").path("hostNetwork").asBoolean(false), pod), pod);
        }
    }

    private static JsonNode controllerOf(JsonNode pod) {
        for (JsonNode reference : pod.path("metadata").path("ownerReferences")) {
            if (reference.path("controller").asBoolean(false)) {
                return reference.path("kind").asText().equals("Node") ? null : reference;
            }
        }
        return null;
    }

    /** The first object with an id stands for it: replicas of one owner collapse into one workload. */
    private void addWorkload(Workload workload, JsonNode object) {
        Workload first = workloads.putIfAbsent(workload.id(), workload);
        if (first != null && object.path("kind").asText().equals("Pod")) {
            groupedPods.computeIfAbsent(workload.id(), id -> new ArrayList<>()).add(object);
        }
    }

    private static List<ContainerPort> containerPorts(JsonNode podSpec, JsonPath specPath, List<FieldError> errors) {
        List<ContainerPort> ports = new ArrayList<>();
        JsonNode containers = podSpec.path("containers");
        for (int c = 0; c < containers.size(); c++) {
            JsonNode portNodes = containers.path(c).path("ports");
            for (int p = 0; p < portNodes.size(); p++) {
                JsonNode port = portNodes.path(p);
                JsonPath portPath = specPath.key("containers").index(c).key("ports").index(p);
                Protocol protocol = protocol(port.path("protocol"), portPath.key("protocol"), errors);
                if (protocol != null && port.path("containerPort").canConvertToInt()) {
                    String name = port.path("name").asText("");
                    ports.add(new ContainerPort(name.isEmpty() ? null : name, port.path("containerPort").asInt(), protocol));
                }
            }
        }
        return ports;
    }

    /** A core (Pod, Service) protocol: TCP when absent, else one of the supported ones. */
    private static Protocol protocol(JsonNode node, JsonPath path, List<FieldError> errors) {
        if (node.isMissingNode() || node.isNull()) {
            return Protocol.TCP;
        }
        String text = node.asText();
        for (Protocol protocol : Protocol.values()) {
            if (protocol.name().equals(text)) {
                return protocol;
            }
        }
        errors.add(FieldError.notSupported(path, text, CORE_PROTOCOLS));
        return null;
    }

    /**
     * Pods of one owner are one workload, read from the first pod. When later pods carry other
     * labels and a policy's selector tells them apart, the model cannot be right for all of them:
     * that pod is reported (netpol-analyzer refuses the whole input in this case).
     */
    private void reportOwnerLabelGaps(ClusterModel model, Problems problems) {
        for (Map.Entry<String, List<JsonNode>> entry : groupedPods.entrySet()) {
            Workload first = workloads.get(entry.getKey());
            for (JsonNode pod : entry.getValue()) {
                Map<String, String> labels = Json.stringMap(pod.path("metadata").path("labels"));
                if (labels.equals(first.podLabels())) {
                    continue;
                }
                String selector = distinguishingSelector(model, first, labels);
                if (selector == null) {
                    continue;
                }
                Set<String> keys = new TreeSet<>(labels.keySet());
                keys.addAll(first.podLabels().keySet());
                keys.removeIf(k -> Objects.equals(labels.get(k), first.podLabels().get(k)));
                String key = keys.iterator().next();
                JsonNode firstPod = (JsonNode) first.source();
                problems.ignored(pod, new FieldError(JsonPath.of("metadata", "labels"),
                        "label " + key + "=" + valueOrAbsent(labels.get(key)) + " differs from pod "
                                + namespaceOf(firstPod) + "/" + nameOf(firstPod) + " (" + key + "="
                                + valueOrAbsent(first.podLabels().get(key)) + ") of the same owner " + first.id()
                                + ", and " + selector + " tells them apart; " + first.id()
                                + " is analysed with the labels of " + nameOf(firstPod)));
            }
        }
    }

    private static String valueOrAbsent(String value) {
        return value == null ? "(absent)" : value;
    }

    /**
     * A selector of the model that selects one of two pods of {@code first}'s namespace and not
     * the other, described as "NetworkPolicy ns/name podSelector {...}"; null when none does.
     * Only selectors that take effect count: the policy's podSelector, and the pod selectors of
     * the rules of a direction the policy isolates whose namespace part covers the pods.
     */
    private static String distinguishingSelector(ClusterModel model, Workload first, Map<String, String> other) {
        String namespace = first.namespace();
        Map<String, String> namespaceLabels = model.namespaceLabels(namespace);
        for (NetworkPolicy policy : model.policies()) {
            if (policy.namespace().equals(namespace) && (policy.isolatesIngress() || policy.isolatesEgress())
                    && tellsApart(policy.podSelector(), first.podLabels(), other)) {
                return "NetworkPolicy " + policy.id() + " spec.podSelector " + policy.podSelector();
            }
            for (Direction direction : Direction.values()) {
                if (!policy.isolates(direction)) {
                    continue;
                }
                for (PolicyRule rule : policy.rules(direction)) {
                    for (PolicyPeer peer : rule.peers()) {
                        if (peer.isIpBlock() || peer.podSelector() == null) {
                            continue;
                        }
                        boolean namespaceMatches = peer.namespaceSelector() == null
                                ? policy.namespace().equals(namespace)
                                : peer.namespaceSelector().matches(namespaceLabels);
                        if (namespaceMatches && tellsApart(peer.podSelector(), first.podLabels(), other)) {
                            return "NetworkPolicy " + policy.id() + " " + peer.path() + ".podSelector "
                                    + peer.podSelector();
                        }
                    }
                }
            }
        }
        return null;
    }

    private static boolean tellsApart(LabelSelector selector, Map<String, String> a, Map<String, String> b) {
        return selector.matches(a) != selector.matches(b);
    }

    // ---------------------------------------------------------------- policies

    /** A policy that passed {@link PolicyValidator}. */
    private static NetworkPolicy parsePolicy(JsonNode object) {
        JsonNode spec = object.path("spec");
        List<PolicyRule> ingress = parseRules(spec.path("ingress"), Direction.INGRESS);
        List<PolicyRule> egress = parseRules(spec.path("egress"), Direction.EGRESS);
        boolean isolatesIngress;
        boolean isolatesEgress;
        JsonNode types = spec.path("policyTypes");
        if (types.isArray() && !types.isEmpty()) {
            Set<String> named = new HashSet<>();
            types.forEach(t -> named.add(t.asText()));
            isolatesIngress = named.contains("Ingress");
            isolatesEgress = named.contains("Egress");
        } else {
            // API server defaulting: Ingress always, Egress only with at least one egress rule.
            isolatesIngress = true;
            isolatesEgress = !egress.isEmpty();
        }
        return new NetworkPolicy(namespaceOf(object), nameOf(object), selector(spec.path("podSelector")),
                isolatesIngress, isolatesEgress, ingress, egress, object);
    }

    private static List<PolicyRule> parseRules(JsonNode rules, Direction direction) {
        List<PolicyRule> parsed = new ArrayList<>();
        if (!rules.isArray()) {
            return parsed;
        }
        for (int r = 0; r < rules.size(); r++) {
            JsonNode rule = rules.path(r);
            String rulePath = "spec." + direction.specField() + "[" + r + "]";
            List<PolicyPeer> peers = new ArrayList<>();
            JsonNode peerNodes = rule.path(direction.peersField());
            for (int p = 0; p < peerNodes.size(); p++) {
                peers.add(parsePeer(peerNodes.path(p), rulePath + "." + direction.peersField() + "[" + p + "]"));
            }
            List<PolicyPort> ports = new ArrayList<>();
            for (JsonNode port : rule.path("ports")) {
                ports.add(parsePort(port));
            }
            parsed.add(new PolicyRule(direction, r, rulePath, peers, ports));
        }
        return parsed;
    }

    private static PolicyPeer parsePeer(JsonNode peer, String path) {
        JsonNode ipBlock = peer.get("ipBlock");
        if (ipBlock != null && !ipBlock.isNull()) {
            List<String> except = new ArrayList<>();
            ipBlock.path("except").forEach(e -> except.add(e.asText()));
            return new PolicyPeer(path, null, null, IpBlock.of(ipBlock.path("cidr").asText(), except));
        }
        LabelSelector namespaceSelector = present(peer, "namespaceSelector") ? selector(peer.get("namespaceSelector")) : null;
        LabelSelector podSelector = present(peer, "podSelector") ? selector(peer.get("podSelector")) : null;
        return new PolicyPeer(path, namespaceSelector, podSelector, null);
    }

    private static PolicyPort parsePort(JsonNode port) {
        Protocol protocol = Protocol.parse(port.path("protocol").asText(null));
        JsonNode value = port.get("port");
        if (value == null || value.isNull()) {
            return new PolicyPort(protocol, null, null, null);
        }
        if (value.isNumber()) {
            Integer endPort = port.path("endPort").canConvertToInt() ? port.path("endPort").asInt() : null;
            return new PolicyPort(protocol, value.asInt(), null, endPort);
        }
        return new PolicyPort(protocol, null, value.asText(), null);
    }

    private static boolean present(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    private static LabelSelector selector(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? LabelSelector.EVERYTHING : LabelSelector.parse(node);
    }

    // ---------------------------------------------------------------- services and ingresses

    private static Service parseService(JsonNode object, List<FieldError> errors) {
        List<ServicePort> ports = new ArrayList<>();
        JsonNode portNodes = object.path("spec").path("ports");
        for (int i = 0; i < portNodes.size(); i++) {
            JsonNode port = portNodes.path(i);
            Protocol protocol = protocol(port.path("protocol"), JsonPath.of("spec", "ports").index(i).key("protocol"), errors);
            if (protocol == null) {
                continue;
            }
            JsonNode target = port.get("targetPort");
            Integer targetNumber = null;
            String targetName = null;
            if (target != null && !target.isNull()) {
                if (target.isNumber()) {
                    targetNumber = target.asInt();
                } else {
                    targetName = target.asText();
                }
            }
            String name = port.path("name").asText("");
            ports.add(new ServicePort(name.isEmpty() ? null : name, port.path("port").asInt(), targetNumber, targetName,
                    protocol));
        }
        return new Service(namespaceOf(object), nameOf(object), Json.stringMap(object.path("spec").path("selector")), ports);
    }

    private void addIngress(JsonNode object) {
        JsonNode spec = object.path("spec");
        addBackend(object, spec.path("defaultBackend"), "spec.defaultBackend");
        JsonNode rules = spec.path("rules");
        for (int r = 0; r < rules.size(); r++) {
            JsonNode paths = rules.path(r).path("http").path("paths");
            for (int p = 0; p < paths.size(); p++) {
                addBackend(object, paths.path(p).path("backend"), "spec.rules[" + r + "].http.paths[" + p + "].backend");
            }
        }
    }

    private void addBackend(JsonNode ingress, JsonNode backend, String path) {
        JsonNode service = backend.path("service");
        if (service.isMissingNode() || service.path("name").asText("").isEmpty()) {
            return; // resource backends do not route to pods
        }
        JsonNode port = service.path("port");
        Integer number = port.path("number").canConvertToInt() && port.has("number") ? port.path("number").asInt() : null;
        String name = port.path("name").asText("");
        ingressBackends.add(new IngressBackend(namespaceOf(ingress), nameOf(ingress), path, service.path("name").asText(),
                number, name.isEmpty() ? null : name));
    }
}
