package dev.kubeward.netpol;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Builds a {@link ClusterModel} from Kubernetes objects already parsed into Jackson trees
 * (YAML or JSON). Reads Namespaces, networking.k8s.io/v1 NetworkPolicies, pod-bearing workloads,
 * Services and networking.k8s.io/v1 Ingresses; other kinds are ignored. {@code List} objects are
 * flattened. Malformed policy content raises {@link IllegalArgumentException} naming the object
 * and the JSON path.
 */
public final class ManifestParser {

    private static final Set<String> TEMPLATE_KINDS = Set.of("Deployment", "ReplicaSet", "StatefulSet", "DaemonSet",
            "Job", "ReplicationController");

    private final List<Namespace> namespaces = new ArrayList<>();
    private final Map<String, Workload> workloads = new LinkedHashMap<>();
    private final List<NetworkPolicy> policies = new ArrayList<>();
    private final List<Service> services = new ArrayList<>();
    private final List<IngressBackend> ingressBackends = new ArrayList<>();

    private ManifestParser() {
    }

    public static ClusterModel parse(List<JsonNode> objects) {
        ManifestParser parser = new ManifestParser();
        objects.forEach(parser::accept);
        return new ClusterModel(parser.namespaces, List.copyOf(parser.workloads.values()), parser.policies,
                parser.services, parser.ingressBackends);
    }

    /**
     * Like {@link #parse}, but an object the API server would reject is handed to {@code rejected}
     * and left out instead of failing the whole model: each object is read into a scratch parser
     * and merged only when it reads cleanly, so nothing is parsed twice.
     */
    public static ClusterModel parseEach(List<JsonNode> objects, BiConsumer<JsonNode, IllegalArgumentException> rejected) {
        ManifestParser parser = new ManifestParser();
        for (JsonNode object : objects) {
            ManifestParser scratch = new ManifestParser();
            try {
                scratch.accept(object);
            } catch (IllegalArgumentException e) {
                rejected.accept(object, e);
                continue;
            }
            parser.namespaces.addAll(scratch.namespaces);
            scratch.workloads.values().forEach(parser::addWorkload);
            parser.policies.addAll(scratch.policies);
            parser.services.addAll(scratch.services);
            parser.ingressBackends.addAll(scratch.ingressBackends);
        }
        return new ClusterModel(parser.namespaces, List.copyOf(parser.workloads.values()), parser.policies,
                parser.services, parser.ingressBackends);
    }

    private void accept(JsonNode object) {
        if (object == null || !object.isObject()) {
            return;
        }
        String kind = object.path("kind").asText("");
        if (kind.endsWith("List") && object.path("items").isArray()) {
            object.path("items").forEach(this::accept);
            return;
        }
        switch (kind) {
            case "Namespace" -> namespaces.add(new Namespace(object.path("metadata").path("name").asText(),
                    stringMap(object.path("metadata").path("labels"))));
            case "NetworkPolicy" -> policies.add(parsePolicy(object));
            case "Pod" -> addPod(object);
            case "CronJob" -> addTemplated(object, object.path("spec").path("jobTemplate").path("spec").path("template"));
            case "Service" -> services.add(parseService(object));
            case "Ingress" -> addIngress(object);
            default -> {
                if (TEMPLATE_KINDS.contains(kind)) {
                    addTemplated(object, object.path("spec").path("template"));
                }
            }
        }
    }

    private static String namespaceOf(JsonNode object) {
        String namespace = object.path("metadata").path("namespace").asText("");
        return namespace.isEmpty() ? "default" : namespace;
    }

    private static String nameOf(JsonNode object) {
        return object.path("metadata").path("name").asText("");
    }

    // ---------------------------------------------------------------- workloads

    private void addTemplated(JsonNode object, JsonNode template) {
        addWorkload(new Workload(namespaceOf(object), nameOf(object), object.path("kind").asText(),
                stringMap(template.path("metadata").path("labels")), containerPorts(template.path("spec")), object));
    }

    /** Pods with an owner are reported as that owner, the way netpol-analyzer names them. */
    private void addPod(JsonNode pod) {
        JsonNode owner = null;
        for (JsonNode reference : pod.path("metadata").path("ownerReferences")) {
            if (owner == null || reference.path("controller").asBoolean(false)) {
                owner = reference;
            }
        }
        String name = owner == null ? nameOf(pod) : owner.path("name").asText();
        String kind = owner == null ? "Pod" : owner.path("kind").asText();
        addWorkload(new Workload(namespaceOf(pod), name, kind, stringMap(pod.path("metadata").path("labels")),
                containerPorts(pod.path("spec")), pod));
    }

    /** The first object with an id wins: replicas of one owner, or an owner listed with its pods, collapse. */
    private void addWorkload(Workload workload) {
        workloads.putIfAbsent(workload.id(), workload);
    }

    private static List<ContainerPort> containerPorts(JsonNode podSpec) {
        List<ContainerPort> ports = new ArrayList<>();
        for (JsonNode container : podSpec.path("containers")) {
            for (JsonNode port : container.path("ports")) {
                if (port.path("containerPort").canConvertToInt()) {
                    String name = port.path("name").asText("");
                    ports.add(new ContainerPort(name.isEmpty() ? null : name, port.path("containerPort").asInt(),
                            Protocol.parse(port.path("protocol").asText(null))));
                }
            }
        }
        return ports;
    }

    // ---------------------------------------------------------------- policies

    private static NetworkPolicy parsePolicy(JsonNode object) {
        String id = namespaceOf(object) + "/" + nameOf(object);
        try {
            JsonNode spec = object.path("spec");
            List<PolicyRule> ingress = parseRules(spec.path("ingress"), Direction.INGRESS);
            List<PolicyRule> egress = parseRules(spec.path("egress"), Direction.EGRESS);
            boolean isolatesIngress;
            boolean isolatesEgress;
            JsonNode types = spec.path("policyTypes");
            if (types.isArray() && !types.isEmpty()) {
                isolatesIngress = false;
                isolatesEgress = false;
                for (JsonNode type : types) {
                    switch (type.asText()) {
                        case "Ingress" -> isolatesIngress = true;
                        case "Egress" -> isolatesEgress = true;
                        default -> throw new IllegalArgumentException("spec.policyTypes: unknown type '" + type.asText() + "'");
                    }
                }
            } else {
                // API server defaulting: Ingress always, Egress only with at least one egress rule.
                isolatesIngress = true;
                isolatesEgress = !egress.isEmpty();
            }
            return new NetworkPolicy(namespaceOf(object), nameOf(object), selector(spec.path("podSelector"), "spec.podSelector"),
                    isolatesIngress, isolatesEgress, ingress, egress, object);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("NetworkPolicy " + id + ": " + e.getMessage(), e);
        }
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
            JsonNode portNodes = rule.path("ports");
            for (int p = 0; p < portNodes.size(); p++) {
                ports.add(parsePort(portNodes.path(p), rulePath + ".ports[" + p + "]"));
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
            try {
                return new PolicyPeer(path, null, null, IpBlock.of(ipBlock.path("cidr").asText(), except));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(path + ".ipBlock: " + e.getMessage(), e);
            }
        }
        LabelSelector namespaceSelector = peer.has("namespaceSelector") && !peer.get("namespaceSelector").isNull()
                ? selector(peer.get("namespaceSelector"), path + ".namespaceSelector") : null;
        LabelSelector podSelector = peer.has("podSelector") && !peer.get("podSelector").isNull()
                ? selector(peer.get("podSelector"), path + ".podSelector") : null;
        return new PolicyPeer(path, namespaceSelector, podSelector, null);
    }

    private static PolicyPort parsePort(JsonNode port, String path) {
        Protocol protocol;
        try {
            protocol = Protocol.parse(port.path("protocol").asText(null));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ".protocol: " + e.getMessage(), e);
        }
        JsonNode value = port.get("port");
        Integer endPort = port.path("endPort").canConvertToInt() ? port.path("endPort").asInt() : null;
        if (value == null || value.isNull()) {
            return new PolicyPort(protocol, null, null, null);
        }
        if (value.isInt() || (value.isTextual() && value.asText().matches("\\d+"))) {
            return new PolicyPort(protocol, value.asInt(), null, endPort);
        }
        // endPort is only valid with a numeric port, so it is ignored for a named one.
        return new PolicyPort(protocol, null, value.asText(), null);
    }

    private static LabelSelector selector(JsonNode node, String path) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return LabelSelector.EVERYTHING;
        }
        List<LabelSelector.Requirement> requirements = new ArrayList<>();
        JsonNode expressions = node.path("matchExpressions");
        for (int i = 0; i < expressions.size(); i++) {
            JsonNode expression = expressions.path(i);
            List<String> values = new ArrayList<>();
            expression.path("values").forEach(v -> values.add(v.asText()));
            try {
                requirements.add(new LabelSelector.Requirement(expression.path("key").asText(),
                        LabelSelector.Operator.parse(expression.path("operator").asText()), values));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(path + ".matchExpressions[" + i + "]: " + e.getMessage(), e);
            }
        }
        return new LabelSelector(stringMap(node.path("matchLabels")), requirements);
    }

    private static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    // ---------------------------------------------------------------- services and ingresses

    private static Service parseService(JsonNode object) {
        List<ServicePort> ports = new ArrayList<>();
        for (JsonNode port : object.path("spec").path("ports")) {
            JsonNode target = port.get("targetPort");
            Integer targetNumber = null;
            String targetName = null;
            if (target != null && !target.isNull()) {
                if (target.isInt() || target.asText().matches("\\d+")) {
                    targetNumber = target.asInt();
                } else {
                    targetName = target.asText();
                }
            }
            String name = port.path("name").asText("");
            ports.add(new ServicePort(name.isEmpty() ? null : name, port.path("port").asInt(), targetNumber, targetName,
                    Protocol.parse(port.path("protocol").asText(null))));
        }
        return new Service(namespaceOf(object), nameOf(object), stringMap(object.path("spec").path("selector")), ports);
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
