package dev.kubeward.netpol;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Facts about a set of policies that posture checks report on. Each method answers one question
 * and returns the evidence (workloads, policies, JSON paths) rather than a verdict string.
 */
public final class PolicyAnalysis {

    /** A rule (or one of its peers or ports) worth reporting, located by JSON path. */
    public record RuleFinding(NetworkPolicy policy, Direction direction, int ruleIndex, String path, String reason) {
    }

    /** The DNS server workload policies are expected to allow: CoreDNS/kube-dns in kube-system. */
    static final String DNS_NAMESPACE = "kube-system";
    static final Map<String, String> DNS_POD_LABELS = Map.of("k8s-app", "kube-dns");
    static final List<ContainerPort> DNS_POD_PORTS = List.of(
            new ContainerPort("dns", 53, Protocol.UDP),
            new ContainerPort("dns-tcp", 53, Protocol.TCP),
            new ContainerPort("metrics", 9153, Protocol.TCP));
    private static final ConnectionSet DNS = ConnectionSet.of(Protocol.UDP, 53).union(ConnectionSet.of(Protocol.TCP, 53));

    private final Reachability reachability;
    private final ClusterModel model;

    /** A policy only ever selects pods of its own namespace: index both sides by namespace once. */
    private final Map<String, List<Workload>> workloadsByNamespace = new HashMap<>();
    private final Map<String, List<NetworkPolicy>> policiesByNamespace = new HashMap<>();

    public PolicyAnalysis(Reachability reachability) {
        this.reachability = reachability;
        this.model = reachability.model();
        model.workloads().forEach(w -> workloadsByNamespace.computeIfAbsent(w.namespace(), k -> new ArrayList<>()).add(w));
        model.policies().forEach(p -> policiesByNamespace.computeIfAbsent(p.namespace(), k -> new ArrayList<>()).add(p));
    }

    /** The policies of one namespace: the only ones that can select its workloads. */
    public List<NetworkPolicy> policiesIn(String namespace) {
        return policiesByNamespace.getOrDefault(namespace, List.of());
    }

    private List<Workload> workloadsIn(String namespace) {
        return workloadsByNamespace.getOrDefault(namespace, List.of());
    }

    /**
     * Pod-network workloads no policy isolates in {@code direction}: everything is allowed that
     * way. Workloads on the node's network ({@link HostNetworkMode#NODE}) are left out: no policy
     * can isolate them.
     */
    public List<Workload> unselectedWorkloads(Direction direction) {
        return model.workloads().stream()
                .filter(w -> !reachability.onNodeNetwork(w) && !reachability.isIsolated(w, direction)).toList();
    }

    /** The workloads of its namespace a policy takes effect on (pod-network pods its podSelector matches). */
    public List<Workload> workloadsSelectedBy(NetworkPolicy policy) {
        return workloadsIn(policy.namespace()).stream().filter(w -> reachability.appliesTo(policy, w)).toList();
    }

    /** True when the workload's pods use the node's network and the analysis treats them so. */
    public boolean onNodeNetwork(Workload workload) {
        return reachability.onNodeNetwork(workload);
    }

    /**
     * Default-deny policies of a namespace for a direction: empty podSelector, the direction in
     * the effective policyTypes, and no rules for it.
     */
    public List<NetworkPolicy> defaultDenyPolicies(String namespace, Direction direction) {
        return policiesIn(namespace).stream()
                .filter(p -> p.podSelector().isEmpty()
                        && p.isolates(direction) && p.rules(direction).isEmpty())
                .toList();
    }

    public boolean hasDefaultDeny(String namespace, Direction direction) {
        return !defaultDenyPolicies(namespace, direction).isEmpty();
    }

    /** Rules open to every source/destination: no from/to at all, or an ipBlock of 0.0.0.0/0 or ::/0. */
    public List<RuleFinding> rulesOpenToAll() {
        List<RuleFinding> findings = new ArrayList<>();
        for (NetworkPolicy policy : model.policies()) {
            for (Direction direction : Direction.values()) {
                if (!policy.isolates(direction)) {
                    continue; // rules of a direction the policy does not isolate have no effect
                }
                for (PolicyRule rule : policy.rules(direction)) {
                    if (rule.allowsAllPeers()) {
                        findings.add(new RuleFinding(policy, direction, rule.index(), rule.path(),
                                "no " + direction.peersField() + ": allows every "
                                        + (direction == Direction.INGRESS ? "source" : "destination")
                                        + " including addresses outside the cluster"));
                    }
                    for (PolicyPeer peer : rule.peers()) {
                        if (peer.isIpBlock() && peer.ipBlock().isWholeFamily()) {
                            findings.add(new RuleFinding(policy, direction, rule.index(), peer.path() + ".ipBlock",
                                    "ipBlock " + peer.ipBlock().cidr() + " covers every address"
                                            + (peer.ipBlock().except().isEmpty() ? ""
                                            : " except " + peer.ipBlock().except())));
                        }
                    }
                }
            }
        }
        return findings;
    }

    /** Allowed connections from workloads to addresses outside the cluster. */
    public List<Connection> egressToExternal() {
        return reachability.connections().stream()
                .filter(c -> Connection.isExternal(c.dst()) && !Connection.isExternal(c.src()))
                .toList();
    }

    /**
     * Policies that take effect on no workload of the model: their podSelector matches no pod of
     * their namespace, or only pods on the node's network.
     */
    public List<NetworkPolicy> policiesSelectingNothing() {
        return model.policies().stream()
                .filter(p -> workloadsIn(p.namespace()).stream().noneMatch(w -> reachability.appliesTo(p, w)))
                .toList();
    }

    /**
     * Named ports that resolve on no destination the rule applies to: for ingress rules the
     * policy's selected workloads, for egress rules the workloads its peers select (every
     * workload for a rule without peers).
     */
    public List<RuleFinding> unresolvedNamedPorts() {
        List<RuleFinding> findings = new ArrayList<>();
        for (NetworkPolicy policy : model.policies()) {
            for (Direction direction : Direction.values()) {
                for (PolicyRule rule : policy.rules(direction)) {
                    if (rule.ports().stream().noneMatch(PolicyPort::isNamed)) {
                        continue;
                    }
                    List<Workload> destinations = direction == Direction.INGRESS
                            ? workloadsSelectedBy(policy)
                            : model.workloads().stream()
                            .filter(w -> !reachability.onNodeNetwork(w) && peersSelect(policy, rule, w)).toList();
                    for (int i = 0; i < rule.ports().size(); i++) {
                        PolicyPort port = rule.ports().get(i);
                        if (port.isNamed() && destinations.stream()
                                .allMatch(w -> port.resolveNamed(w.ports()).isEmpty())) {
                            findings.add(new RuleFinding(policy, direction, rule.index(),
                                    rule.path() + ".ports[" + i + "]",
                                    "named port '" + port.portName() + "' (" + port.protocol()
                                            + ") matches no container port of the "
                                            + destinations.size() + " destination workload(s)"));
                        }
                    }
                }
            }
        }
        return findings;
    }

    private boolean peersSelect(NetworkPolicy policy, PolicyRule rule, Workload workload) {
        return rule.allowsAllPeers() || rule.peers().stream().anyMatch(peer -> peer.selectsPod(policy.namespace(),
                workload.namespace(), reachability.namespaceLabels(workload.namespace()), workload.podLabels()));
    }

    /**
     * Egress-isolated workloads that cannot reach DNS: no egress rule allows UDP 53 or TCP 53
     * towards the kube-dns pods (kube-system, k8s-app=kube-dns, with CoreDNS's named ports
     * dns/dns-tcp) or towards any destination. ipBlock-only rules do not count because the DNS
     * Service address is inside the cluster.
     */
    public List<Workload> workloadsWithoutDnsEgress() {
        Map<String, String> dnsNamespaceLabels = reachability.namespaceLabels(DNS_NAMESPACE);
        List<Workload> result = new ArrayList<>();
        for (Workload workload : model.workloads()) {
            if (!reachability.isIsolated(workload, Direction.EGRESS)) {
                continue;
            }
            ConnectionSet towardsDns = ConnectionSet.NONE;
            for (NetworkPolicy policy : policiesIn(workload.namespace())) {
                if (!policy.isolatesEgress() || !policy.selects(workload)) {
                    continue;
                }
                for (PolicyRule rule : policy.egressRules()) {
                    boolean reachesDns = rule.allowsAllPeers() || rule.peers().stream().anyMatch(peer ->
                            peer.selectsPod(policy.namespace(), DNS_NAMESPACE, dnsNamespaceLabels, DNS_POD_LABELS));
                    if (reachesDns) {
                        towardsDns = towardsDns.union(rule.connectionsTo(DNS_POD_PORTS));
                    }
                }
            }
            if (towardsDns.intersect(DNS).isEmpty()) {
                result.add(workload);
            }
        }
        return result;
    }
}
