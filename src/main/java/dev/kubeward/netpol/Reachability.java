package dev.kubeward.netpol;

import dev.kubeward.model.Steps;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The NetworkPolicy reachability engine. Build it once per {@link ClusterModel}; it indexes pod
 * classes, policy selection and rule peers, then answers full connectivity, per-pair explanations
 * and the data behind {@link PolicyAnalysis}.
 *
 * <p>Semantics follow the Kubernetes API: a pod is isolated for a direction when a policy in its
 * namespace selects it and has that direction among its effective policyTypes; rules of all such
 * policies are unioned; traffic between two pods needs the source's egress and the destination's
 * ingress to allow it. ipBlocks stand for cluster-external addresses only.
 *
 * <p>Once built it may be shared between threads: the indexes are not changed afterwards and the
 * lazily computed connectivity is guarded.
 */
public final class Reachability {

    private final ClusterModel model;
    private final HostNetworkMode hostNetworkMode;
    private final Map<String, Map<String, String>> namespaceLabels = new HashMap<>();
    private final List<PodClass> classes = new ArrayList<>();
    private final Map<Workload, PodClass> classOfWorkload = new IdentityHashMap<>();
    private final Map<String, List<PodClass>> classesByNamespace = new HashMap<>();
    /** Lookup tables for explain's endpoint names, so a query does not scan every workload. */
    private final Map<String, Workload> workloadsById = new HashMap<>();
    private final Map<String, List<Workload>> workloadsByNamespacedName = new HashMap<>();
    /**
     * External ranges, as netpol-analyzer cuts them: sources from the ipBlocks of ingress rules,
     * destinations from those of egress rules, each with the whole address space as a block.
     */
    private final List<IpRange> sourceAtoms;
    private final List<IpRange> destinationAtoms;
    /** Per class and direction: indices of policies that select the class and isolate that direction. */
    private final int[][] isolatingIngress;
    private final int[][] isolatingEgress;
    /** Per policy and direction: the rules with their peer matches precomputed. */
    private final List<List<IndexedRule>> ingressRulesByPolicy = new ArrayList<>();
    private final List<List<IndexedRule>> egressRulesByPolicy = new ArrayList<>();

    private List<Connection> connections;

    private Reachability(ClusterModel model, HostNetworkMode hostNetworkMode) {
        this.model = model;
        this.hostNetworkMode = hostNetworkMode;
        model.namespaces().forEach(ns -> namespaceLabels.put(ns.name(), ns.labels()));
        buildClasses();
        this.sourceAtoms = carveExternalAtoms(model.policies(), Direction.INGRESS);
        this.destinationAtoms = carveExternalAtoms(model.policies(), Direction.EGRESS);
        isolatingIngress = new int[classes.size()][];
        isolatingEgress = new int[classes.size()][];
        indexPolicySelection();
        for (NetworkPolicy policy : model.policies()) {
            ingressRulesByPolicy.add(policy.ingressRules().stream().map(r -> indexRule(policy, r)).toList());
            egressRulesByPolicy.add(policy.egressRules().stream().map(r -> indexRule(policy, r)).toList());
        }
    }

    /**
     * Indexes a model, hostNetwork pods analysed as netpol-analyzer does ({@link HostNetworkMode#POD});
     * the connectivity itself is computed lazily by {@link #connections()}.
     */
    public static Reachability of(ClusterModel model) {
        return new Reachability(model, HostNetworkMode.POD);
    }

    public static Reachability of(ClusterModel model, HostNetworkMode hostNetworkMode) {
        return new Reachability(model, hostNetworkMode);
    }

    /** Sorted list of allowed connections of the model. */
    public static List<Connection> compute(ClusterModel model) {
        return of(model).connections();
    }

    public ClusterModel model() {
        return model;
    }

    public HostNetworkMode hostNetworkMode() {
        return hostNetworkMode;
    }

    /**
     * The disjoint external ranges of one side, each an endpoint of the output: sources
     * ({@link Direction#INGRESS}) are cut by the ipBlocks of ingress rules, destinations by those
     * of egress rules.
     */
    public List<IpRange> externalRanges(Direction side) {
        return Collections.unmodifiableList(side == Direction.INGRESS ? sourceAtoms : destinationAtoms);
    }

    /** True when the workload's pods use the node's network and this engine analyses them so. */
    public boolean onNodeNetwork(Workload workload) {
        return hostNetworkMode == HostNetworkMode.NODE && workload.hostNetwork();
    }

    /** Whether a policy takes effect on a workload's pods: it selects them and they are on the pod network. */
    public boolean appliesTo(NetworkPolicy policy, Workload workload) {
        return policy.selects(workload) && !onNodeNetwork(workload);
    }

    /** Names an external range the way netpol-analyzer does: {@code first-last[External]}. */
    public static String externalName(IpRange range) {
        return range + Connection.EXTERNAL_SUFFIX;
    }

    // ---------------------------------------------------------------- indexing

    private void buildClasses() {
        Map<List<Object>, PodClass> byKey = new LinkedHashMap<>();
        for (Workload workload : model.workloads()) {
            boolean node = onNodeNetwork(workload);
            PodClass podClass = byKey.computeIfAbsent(PodClass.keyOf(workload, node), key -> {
                PodClass created = new PodClass(byKey.size(), workload.namespace(), workload.podLabels(),
                        workload.ports(), node);
                classes.add(created);
                classesByNamespace.computeIfAbsent(workload.namespace(), ns -> new ArrayList<>()).add(created);
                return created;
            });
            podClass.members.add(workload);
            podClass.memberIds.add(workload.id());
            classOfWorkload.put(workload, podClass);
            workloadsById.put(workload.id(), workload);
            workloadsByNamespacedName.computeIfAbsent(workload.namespace() + "/" + workload.name(),
                    key -> new ArrayList<>()).add(workload);
        }
    }

    private void indexPolicySelection() {
        List<List<Integer>> ingress = new ArrayList<>();
        List<List<Integer>> egress = new ArrayList<>();
        for (int i = 0; i < classes.size(); i++) {
            ingress.add(new ArrayList<>());
            egress.add(new ArrayList<>());
        }
        List<NetworkPolicy> policies = model.policies();
        for (int p = 0; p < policies.size(); p++) {
            NetworkPolicy policy = policies.get(p);
            for (PodClass podClass : classesByNamespace.getOrDefault(policy.namespace(), List.of())) {
                if (!podClass.onNodeNetwork && policy.podSelector().matches(podClass.labels)) {
                    if (policy.isolatesIngress()) {
                        ingress.get(podClass.index).add(p);
                    }
                    if (policy.isolatesEgress()) {
                        egress.get(podClass.index).add(p);
                    }
                }
            }
        }
        for (int i = 0; i < classes.size(); i++) {
            isolatingIngress[i] = ingress.get(i).stream().mapToInt(Integer::intValue).toArray();
            isolatingEgress[i] = egress.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /** A rule with the pod classes and external atoms its peers select. */
    private record IndexedRule(PolicyRule rule, BitSet podClasses, BitSet atoms, ConnectionSet numeric) {
    }

    private IndexedRule indexRule(NetworkPolicy policy, PolicyRule rule) {
        List<IpRange> peerAtoms = rule.direction() == Direction.INGRESS ? sourceAtoms : destinationAtoms;
        BitSet pods = new BitSet(classes.size());
        BitSet atoms = new BitSet(peerAtoms.size());
        String policyNamespace = policy.namespace();
        if (rule.allowsAllPeers()) {
            pods.set(0, classes.size());
            atoms.set(0, peerAtoms.size());
        } else {
            for (PolicyPeer peer : rule.peers()) {
                if (peer.isIpBlock()) {
                    for (int a = 0; a < peerAtoms.size(); a++) {
                        if (peer.ipBlock().contains(peerAtoms.get(a))) {
                            atoms.set(a);
                        }
                    }
                    if (coversEveryNode(peer.ipBlock())) {
                        classes.stream().filter(c -> c.onNodeNetwork).forEach(c -> pods.set(c.index));
                    }
                    continue;
                }
                if (peer.namespaceSelector() == null && peer.podSelector() == null) {
                    continue; // an empty peer selects nothing; the API server rejects it anyway
                }
                for (Map.Entry<String, List<PodClass>> entry : classesByNamespace.entrySet()) {
                    // Decide the namespace once, then test only pod labels within it.
                    boolean namespaceMatches = peer.namespaceSelector() == null
                            ? entry.getKey().equals(policyNamespace)
                            : peer.namespaceSelector().matches(labelsOf(entry.getKey()));
                    if (!namespaceMatches) {
                        continue;
                    }
                    for (PodClass podClass : entry.getValue()) {
                        if (!podClass.onNodeNetwork
                                && (peer.podSelector() == null || peer.podSelector().matches(podClass.labels))) {
                            pods.set(podClass.index);
                        }
                    }
                }
            }
        }
        return new IndexedRule(rule, pods, atoms, rule.numericConnections());
    }

    /**
     * Whether an ipBlock certainly contains the address of the node a hostNetwork pod runs on: the
     * node's address is unknown to a manifest analysis, so only a block of a whole address family
     * without except entries is known to hold it.
     */
    private static boolean coversEveryNode(IpBlock block) {
        return block.isWholeFamily() && block.except().isEmpty();
    }

    /**
     * Labels of a namespace; one the model does not know gets only its name label. Not memoized:
     * the engine is shared by checks running in parallel, and nothing may change after construction
     * (a HashMap written by two threads can lose the labels of known namespaces).
     */
    private Map<String, String> labelsOf(String namespace) {
        Map<String, String> known = namespaceLabels.get(namespace);
        return known != null ? known : Namespace.implicit(namespace).labels();
    }

    /**
     * Cuts each address family into the disjoint ranges whose members no ipBlock (or except) of
     * the rules of one direction can tell apart, as netpol-analyzer does (getDisjointIPBlocks:
     * sources from ingress rules, destinations from egress rules, of every policy, whatever its
     * policyTypes). IPv4 is always present (0.0.0.0-255.255.255.255 with no ipBlocks, as
     * netpol-analyzer prints); IPv6 only when some rule names an IPv6 block, so IPv4-only clusters
     * produce the same lines as netpol-analyzer, which does not model IPv6.
     */
    static List<IpRange> carveExternalAtoms(List<NetworkPolicy> policies, Direction direction) {
        Map<IpRange.Family, TreeSet<BigInteger>> cuts = new LinkedHashMap<>();
        cuts.put(IpRange.Family.IPV4, new TreeSet<>());
        for (NetworkPolicy policy : policies) {
            for (PolicyRule rule : policy.rules(direction)) {
                for (PolicyPeer peer : rule.peers()) {
                    if (peer.isIpBlock()) {
                        addCuts(cuts, peer.ipBlock().range());
                        peer.ipBlock().exceptRanges().forEach(r -> addCuts(cuts, r));
                    }
                }
            }
        }
        List<IpRange> atoms = new ArrayList<>();
        for (Map.Entry<IpRange.Family, TreeSet<BigInteger>> entry : cuts.entrySet()) {
            IpRange.Family family = entry.getKey();
            BigInteger start = BigInteger.ZERO;
            for (BigInteger cut : entry.getValue()) {
                if (cut.signum() > 0 && cut.compareTo(family.maxAddress()) <= 0) {
                    atoms.add(new IpRange(family, start, cut.subtract(BigInteger.ONE)));
                    start = cut;
                }
            }
            atoms.add(new IpRange(family, start, family.maxAddress()));
        }
        return atoms;
    }

    private static void addCuts(Map<IpRange.Family, TreeSet<BigInteger>> cuts, IpRange range) {
        TreeSet<BigInteger> familyCuts = cuts.computeIfAbsent(range.family(), f -> new TreeSet<>());
        familyCuts.add(range.first());
        familyCuts.add(range.last().add(BigInteger.ONE));
    }

    // ---------------------------------------------------------------- full connectivity

    /**
     * What one class allows in one direction: towards (egress) or from (ingress) every class and
     * every external atom. A null {@code pods} array means the class is not isolated in that
     * direction, i.e. everything is allowed. Null entries mean no connection.
     */
    private record Allowance(ConnectionSet[] pods, ConnectionSet[] atoms) {
        static final Allowance UNRESTRICTED = new Allowance(null, null);

        ConnectionSet toPod(int index) {
            return pods == null ? ConnectionSet.ALL : pods[index];
        }

        ConnectionSet toAtom(int index) {
            return atoms == null ? ConnectionSet.ALL : atoms[index];
        }
    }

    /** Sorted list of allowed connections; computed once and cached. */
    public List<Connection> connections() {
        return connections(Steps.NONE);
    }

    /** As {@link #connections()}, telling {@code steps} how far the first computation is. */
    public synchronized List<Connection> connections(Steps steps) {
        if (connections == null) {
            List<Connection> all = new ArrayList<>();
            forEachConnection(all::add, steps);
            connections = Collections.unmodifiableList(all);
        }
        return connections;
    }

    /**
     * Every allowed connection, in the order of {@link #connections()}, handed out one source
     * endpoint at a time: only one source's connections are held at once, so an input where
     * thousands of unisolated workloads reach each other (tens of millions of lines) can be
     * written out without holding the whole list.
     */
    public void forEachConnection(Consumer<Connection> sink) {
        forEachConnection(sink, Steps.NONE);
    }

    /** As {@link #forEachConnection(Consumer)}, with one step per source endpoint listed. */
    public void forEachConnection(Consumer<Connection> sink, Steps steps) {
        Allowance[] egress = new Allowance[classes.size()];
        Allowance[] ingress = new Allowance[classes.size()];
        computeAllowances(egress, ingress);
        List<String> destinationNames = destinationAtoms.stream().map(Reachability::externalName).toList();
        List<String> sourceNames = sourceAtoms.stream().map(Reachability::externalName).toList();
        // Sources sorted by name, which is the connections' order: workloads, ranges, the controller.
        TreeMap<String, Runnable> rows = new TreeMap<>();
        List<Connection> row = new ArrayList<>();
        for (PodClass src : classes) {
            for (int i = 0; i < src.members.size(); i++) {
                int member = i;
                rows.put(src.memberIds.get(i), () -> workloadRow(src, member, egress, ingress, destinationNames, row));
            }
        }
        for (int a = 0; a < sourceAtoms.size(); a++) {
            int atom = a;
            rows.put(sourceNames.get(a), () -> externalRow(atom, sourceNames.get(atom), ingress, row));
        }
        List<Connection> fromController = ingressControllerConnections();
        if (!fromController.isEmpty()) {
            rows.put(Connection.INGRESS_CONTROLLER, () -> row.addAll(fromController));
        }
        steps.total(rows.size());
        for (Runnable source : rows.values()) {
            row.clear();
            source.run();
            row.sort(null);
            row.forEach(sink);
            steps.step();
        }
    }

    private void computeAllowances(Allowance[] egress, Allowance[] ingress) {
        // Classes isolated by the same set of policies share an egress allowance; ingress
        // allowances also depend on the destination's named ports, so those join the key.
        Map<List<Object>, Allowance> egressCache = new HashMap<>();
        Map<List<Object>, Allowance> ingressCache = new HashMap<>();
        for (PodClass podClass : classes) {
            int[] egressPolicies = isolatingEgress[podClass.index];
            egress[podClass.index] = egressPolicies.length == 0 ? Allowance.UNRESTRICTED
                    : egressCache.computeIfAbsent(List.of(List.of(boxed(egressPolicies))),
                            key -> egressAllowance(egressPolicies));
            int[] ingressPolicies = isolatingIngress[podClass.index];
            ingress[podClass.index] = ingressPolicies.length == 0 ? Allowance.UNRESTRICTED
                    : ingressCache.computeIfAbsent(List.of(List.of(boxed(ingressPolicies)), namedPorts(podClass)),
                            key -> ingressAllowance(ingressPolicies, podClass));
        }
    }

    /** What one workload (member {@code member} of class {@code src}) may reach: pods, then ranges. */
    private void workloadRow(PodClass src, int member, Allowance[] egress, Allowance[] ingress, List<String> atomNames,
                             List<Connection> row) {
        Workload self = src.members.get(member);
        String from = src.memberIds.get(member);
        Allowance out = egress[src.index];
        for (PodClass dst : classes) {
            ConnectionSet fromSource = out.toPod(dst.index);
            if (fromSource == null) {
                continue;
            }
            ConnectionSet intoDestination = ingress[dst.index].toPod(src.index);
            if (intoDestination == null) {
                continue;
            }
            ConnectionSet conns = fromSource.intersect(intoDestination);
            if (!conns.isEmpty()) {
                for (int j = 0; j < dst.members.size(); j++) {
                    if (dst.members.get(j) != self) {
                        row.add(new Connection(from, dst.memberIds.get(j), conns));
                    }
                }
            }
        }
        for (int a = 0; a < destinationAtoms.size(); a++) {
            ConnectionSet conns = out.toAtom(a);
            if (conns != null && !conns.isEmpty()) {
                row.add(new Connection(from, atomNames.get(a), conns));
            }
        }
    }

    /** What one external range may reach: the workloads whose ingress admits it. */
    private void externalRow(int atom, String from, Allowance[] ingress, List<Connection> row) {
        for (PodClass dst : classes) {
            ConnectionSet conns = ingress[dst.index].toAtom(atom);
            if (conns != null && !conns.isEmpty()) {
                for (String to : dst.memberIds) {
                    row.add(new Connection(from, to, conns));
                }
            }
        }
    }

    private static List<ContainerPort> namedPorts(PodClass podClass) {
        return podClass.ports.stream().filter(p -> p.name() != null).toList();
    }

    private static Integer[] boxed(int[] values) {
        Integer[] out = new Integer[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    /** Egress of a source isolated by {@code policies}: ports resolve against each destination class. */
    private Allowance egressAllowance(int[] policies) {
        ConnectionSet[] pods = new ConnectionSet[classes.size()];
        ConnectionSet[] atoms = new ConnectionSet[destinationAtoms.size()];
        for (int p : policies) {
            for (IndexedRule indexed : egressRulesByPolicy.get(p)) {
                boolean named = indexed.rule().hasNamedPorts();
                BitSet targets = indexed.podClasses();
                for (int d = targets.nextSetBit(0); d >= 0; d = targets.nextSetBit(d + 1)) {
                    // A pod on the node's network is an address to the plugin: named ports do not resolve on it.
                    PodClass target = classes.get(d);
                    ConnectionSet conns = named && !target.onNodeNetwork
                            ? indexed.rule().connectionsTo(target.ports) : indexed.numeric();
                    pods[d] = pods[d] == null ? conns : pods[d].union(conns);
                }
                BitSet atomTargets = indexed.atoms();
                for (int a = atomTargets.nextSetBit(0); a >= 0; a = atomTargets.nextSetBit(a + 1)) {
                    // Named ports cannot be resolved on an address outside the cluster.
                    atoms[a] = atoms[a] == null ? indexed.numeric() : atoms[a].union(indexed.numeric());
                }
            }
        }
        return new Allowance(pods, atoms);
    }

    /** Ingress of a destination class isolated by {@code policies}: ports resolve against the destination. */
    private Allowance ingressAllowance(int[] policies, PodClass destination) {
        ConnectionSet[] pods = new ConnectionSet[classes.size()];
        ConnectionSet[] atoms = new ConnectionSet[sourceAtoms.size()];
        for (int p : policies) {
            for (IndexedRule indexed : ingressRulesByPolicy.get(p)) {
                ConnectionSet conns = indexed.rule().connectionsTo(destination.ports);
                BitSet sources = indexed.podClasses();
                for (int s = sources.nextSetBit(0); s >= 0; s = sources.nextSetBit(s + 1)) {
                    pods[s] = pods[s] == null ? conns : pods[s].union(conns);
                }
                BitSet atomSources = indexed.atoms();
                for (int a = atomSources.nextSetBit(0); a >= 0; a = atomSources.nextSetBit(a + 1)) {
                    atoms[a] = atoms[a] == null ? conns : atoms[a].union(conns);
                }
            }
        }
        return new Allowance(pods, atoms);
    }

    // ---------------------------------------------------------------- ingress controller

    /**
     * Edges from the cluster's ingress controller to workloads behind Ingress backends. The
     * controller's pod is not in the input; like netpol-analyzer (connlist.go
     * getIngressAllowedConnections, AddPodByNameAndNamespace) it is taken to be a pod without
     * labels in a namespace {@value #INGRESS_CONTROLLER_NAMESPACE} that has only its name label, and
     * the workload's ingress policies are evaluated for it: a rule with no from, a namespaceSelector
     * {} peer, or a selector it happens to satisfy (NotIn, DoesNotExist) lets it in. The ports are
     * the Service ports' targets on each backing workload.
     */
    private List<Connection> ingressControllerConnections() {
        List<Connection> result = new ArrayList<>();
        Map<Workload, ConnectionSet> exposed = exposedThroughIngress();
        for (Map.Entry<Workload, ConnectionSet> entry : exposed.entrySet()) {
            Workload workload = entry.getKey();
            ConnectionSet conns = entry.getValue().intersect(ingressFromAnyPod(workload));
            if (!conns.isEmpty()) {
                result.add(new Connection(Connection.INGRESS_CONTROLLER, workload.id(), conns));
            }
        }
        return result;
    }

    /** Per workload, the connections some Ingress routes to it (Ingress → Service → targetPort). */
    Map<Workload, ConnectionSet> exposedThroughIngress() {
        // Identity keys: Workload equality would compare (and hash) the whole source object.
        Map<Workload, ConnectionSet> exposed = new IdentityHashMap<>();
        for (IngressBackend backend : model.ingressBackends()) {
            for (Service service : model.services()) {
                if (!service.namespace().equals(backend.namespace()) || !service.name().equals(backend.serviceName())) {
                    continue;
                }
                for (ServicePort servicePort : service.ports()) {
                    boolean portMatches = backend.servicePortNumber() != null
                            ? backend.servicePortNumber() == servicePort.port()
                            : backend.servicePortName() != null && backend.servicePortName().equals(servicePort.name());
                    if (!portMatches) {
                        continue;
                    }
                    for (Workload workload : model.workloads()) {
                        if (service.selects(workload)) {
                            ConnectionSet target = targetConnections(servicePort, workload);
                            exposed.merge(workload, target, ConnectionSet::union);
                        }
                    }
                }
            }
        }
        exposed.values().removeIf(ConnectionSet::isEmpty);
        return exposed;
    }

    private static ConnectionSet targetConnections(ServicePort servicePort, Workload workload) {
        if (servicePort.targetPortName() == null) {
            return ConnectionSet.of(servicePort.protocol(), servicePort.targetPortNumber());
        }
        ConnectionSet result = ConnectionSet.NONE;
        for (ContainerPort port : workload.ports()) {
            if (servicePort.targetPortName().equals(port.name()) && port.protocol() == servicePort.protocol()) {
                result = result.union(ConnectionSet.of(port.protocol(), port.port()));
            }
        }
        return result;
    }

    /** netpol-analyzer's namespace of the ingress controller's stand-in pod (common.IngressPodNamespace). */
    static final String INGRESS_CONTROLLER_NAMESPACE = "ingress-controller-ns";

    /** What a workload's ingress policies admit from the ingress controller's stand-in pod. */
    ConnectionSet ingressFromAnyPod(Workload workload) {
        PodClass podClass = classOfWorkload.get(workload);
        int[] policies = isolatingIngress[podClass.index];
        if (policies.length == 0) {
            return ConnectionSet.ALL;
        }
        ConnectionSet result = ConnectionSet.NONE;
        for (int p : policies) {
            for (PolicyRule rule : model.policies().get(p).ingressRules()) {
                String policyNamespace = model.policies().get(p).namespace();
                if (rule.allowsAllPeers() || rule.peers().stream().anyMatch(peer -> peer.selectsPod(policyNamespace,
                        INGRESS_CONTROLLER_NAMESPACE, labelsOf(INGRESS_CONTROLLER_NAMESPACE), Map.of()))) {
                    result = result.union(rule.connectionsTo(podClass.ports));
                }
            }
        }
        return result;
    }

    // ---------------------------------------------------------------- explain

    /**
     * Explains whether {@code from} may reach {@code to}. Endpoints are workload ids
     * ({@code ns/name[Kind]}, or {@code ns/name} when unambiguous) or external IP addresses.
     * With a null protocol the question is "any connection"; with a protocol and null port, any
     * port of that protocol.
     */
    public Explanation explain(String from, String to, Protocol protocol, Integer port) {
        Endpoint source = resolveEndpoint(from);
        Endpoint destination = resolveEndpoint(to);
        if (source.workload() == null && destination.workload() == null) {
            throw new IllegalArgumentException("at least one endpoint must be a workload: " + from + ", " + to);
        }
        ConnectionSet query = protocol == null ? ConnectionSet.ALL
                : port == null ? ConnectionSet.allPorts(protocol) : ConnectionSet.of(protocol, port);
        SideExplanation egress = explainSide(Direction.EGRESS, source, destination, query);
        SideExplanation ingress = explainSide(Direction.INGRESS, destination, source, query);
        ConnectionSet allowed = egress.allowed().intersect(ingress.allowed()).intersect(query);
        return new Explanation(source.name(), destination.name(), query, allowed, egress, ingress);
    }

    /** An explain endpoint: a workload, or an external address range. */
    private record Endpoint(String name, Workload workload, IpRange address) {
    }

    private Endpoint resolveEndpoint(String text) {
        Workload exact = workloadsById.get(text);
        if (exact != null) {
            return new Endpoint(exact.id(), exact, null);
        }
        List<Workload> matches = workloadsByNamespacedName.getOrDefault(text, List.of());
        if (matches.size() == 1) {
            return new Endpoint(matches.get(0).id(), matches.get(0), null);
        }
        if (matches.size() > 1) {
            throw new IllegalArgumentException("ambiguous workload '" + text + "': "
                    + matches.stream().map(Workload::id).toList());
        }
        try {
            IpRange address = text.contains("/") ? IpRange.parseCidr(text) : IpRange.parseAddress(text);
            return new Endpoint(text + Connection.EXTERNAL_SUFFIX, null, address);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown endpoint '" + text + "': neither a workload nor an IP address", e);
        }
    }

    private SideExplanation explainSide(Direction direction, Endpoint self, Endpoint other, ConnectionSet query) {
        if (self.workload() == null) {
            return new SideExplanation(direction, false, List.of(), List.of(), ConnectionSet.ALL,
                    "outside the cluster: no policy applies to this side");
        }
        Workload workload = self.workload();
        if (onNodeNetwork(workload)) {
            return new SideExplanation(direction, true, List.of(), List.of(), ConnectionSet.ALL,
                    "uses the host network: no NetworkPolicy applies to its pods, whose traffic is the node's");
        }
        List<String> isolating = new ArrayList<>();
        List<RuleRef> allowing = new ArrayList<>();
        ConnectionSet allowed = ConnectionSet.NONE;
        // Named ports resolve on a pod-network destination only, not on an address (external or a node's).
        List<ContainerPort> destinationPorts = direction == Direction.INGRESS ? workload.ports()
                : other.workload() == null || onNodeNetwork(other.workload()) ? null : other.workload().ports();
        for (NetworkPolicy policy : model.policies()) {
            if (!policy.isolates(direction) || !policy.selects(workload)) {
                continue;
            }
            isolating.add(policy.id());
            for (PolicyRule rule : policy.rules(direction)) {
                if (!ruleMatchesPeer(policy, rule, other)) {
                    continue;
                }
                ConnectionSet conns = rule.connectionsTo(destinationPorts);
                allowed = allowed.union(conns);
                if (!conns.intersect(query).isEmpty()) {
                    allowing.add(new RuleRef(policy.id(), direction, rule.index(), rule.path(), conns));
                }
            }
        }
        String reason;
        if (isolating.isEmpty()) {
            allowed = ConnectionSet.ALL;
            reason = "not isolated for " + direction.apiName() + " (no policy selects it): allowed by default";
        } else if (allowing.isEmpty()) {
            reason = "isolated for " + direction.apiName() + " by " + isolating + " and no "
                    + direction.apiName() + " rule matches " + other.name() + " on the requested connections";
        } else {
            reason = "isolated for " + direction.apiName() + " by " + isolating + "; allowed: " + allowed;
        }
        return new SideExplanation(direction, true, isolating, allowing, allowed, reason);
    }

    private boolean ruleMatchesPeer(NetworkPolicy policy, PolicyRule rule, Endpoint peer) {
        if (rule.allowsAllPeers()) {
            return true;
        }
        for (PolicyPeer candidate : rule.peers()) {
            if (peer.workload() == null) {
                if (candidate.isIpBlock() && candidate.ipBlock().contains(peer.address())) {
                    return true;
                }
            } else if (onNodeNetwork(peer.workload())) {
                if (candidate.isIpBlock() && coversEveryNode(candidate.ipBlock())) {
                    return true;
                }
            } else if (candidate.selectsPod(policy.namespace(), peer.workload().namespace(),
                    labelsOf(peer.workload().namespace()), peer.workload().podLabels())) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- helpers for PolicyAnalysis

    /** Whether a workload is selected by a policy isolating {@code direction}. */
    public boolean isIsolated(Workload workload, Direction direction) {
        PodClass podClass = classOfWorkload.get(workload);
        if (podClass == null) {
            throw new IllegalArgumentException("workload not in the model: " + workload.id());
        }
        int[] policies = direction == Direction.INGRESS ? isolatingIngress[podClass.index] : isolatingEgress[podClass.index];
        return policies.length > 0;
    }

    /** Number of equivalence classes the workloads fell into (exposed for the benchmark). */
    public int podClassCount() {
        return classes.size();
    }

    /** Namespace labels as the engine sees them, implicit name label included. */
    Map<String, String> namespaceLabels(String namespace) {
        return labelsOf(namespace);
    }

    /** Pairs of {@code after} that are new, gone or carry a different connection set than in {@code before}. */
    public static List<DiffEntry> diff(List<Connection> before, List<Connection> after) {
        return ConnectivityDiff.diff(before, after);
    }
}
