package dev.kubeward.rbac;

import dev.kubeward.model.Steps;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Privilege-escalation paths: a graph whose nodes are identities (users, group members,
 * service accounts) and whose edges are documented ways for one identity to act as another or
 * to obtain cluster-admin. Shortest paths are found once for every known identity by a
 * search backwards from the cluster-admin node.
 *
 * <p>"Cluster-admin-equivalent" means allowed {@code *} verbs on {@code *} resources in
 * {@code *} API groups cluster-wide, or membership in {@code system:masters}.
 *
 * <p>Three kinds of helper node keep the graph small: "any ServiceAccount in namespace N" (reached
 * by creating or re-templating workloads, or minting tokens there; leads to each ServiceAccount of
 * N), "token Secrets in N" (leads to each ServiceAccount whose legacy token Secret is readable) and
 * "running pods in N" (reached by exec, by replacing a pod's image or adding an ephemeral
 * container; leads to the ServiceAccounts pods of N run as). Their namespace is null for "every
 * namespace". Steps through helper nodes are merged when paths are rendered.
 *
 * <p>An edge that depends on something the input does not show (a pod running as the
 * ServiceAccount, an object to patch, a Secret or pod written after a webhook exists, what a node
 * holds) carries that assumption and is speculative. The search minimises first the number of
 * speculative edges and then the number of steps, so a path is speculative only when no certain
 * one exists.
 */
public final class EscalationAnalysis {

    private static final String RBAC = "rbac.authorization.k8s.io";
    private static final String ADMISSION = "admissionregistration.k8s.io";
    private static final String CERTIFICATES = "certificates.k8s.io";
    private static final String WEBSOCKET_GET = "the cluster runs Kubernetes before 1.35 or has the AuthorizePodWebsocketUpgradeCreatePermission"
            + " feature gate off, since get opens the session over WebSockets only then";

    sealed interface Node permits Principal, Pool, Admin {}

    record Principal(Subject subject) implements Node {
        @Override
        public String toString() {
            return subject.toString();
        }
    }

    enum PoolKind { RUN_AS, TOKEN_SECRETS, RUNNING }

    /** Helper node: ServiceAccounts of a namespace (null: of every namespace), by how they are reached. */
    record Pool(PoolKind kind, String namespace) implements Node {}

    record Admin() implements Node {
        @Override
        public String toString() {
            return "cluster-admin";
        }
    }

    private static final Admin ADMIN = new Admin();

    /**
     * An edge; edges leaving helper nodes take no step, so only real moves count. {@code assumption}
     * is what the edge needs that the input does not show, or null.
     */
    record Edge(Node from, Node to, String action, List<Via> evidence, String assumption) {
        int steps() {
            return from instanceof Pool ? 0 : 1;
        }

        /** Speculative edges first, then steps: one speculative edge outweighs any number of certain steps. */
        long cost() {
            return (assumption == null ? 0L : 1L << 32) + steps();
        }
    }

    private final RbacModel model;
    private final PodResources podResources;
    private final Set<String> namespaces = new TreeSet<>();
    private final Map<String, Set<String>> serviceAccounts = new HashMap<>();
    private final Set<Subject> principals = new LinkedHashSet<>();
    /** namespace → ServiceAccount → the workloads of the input whose pods run as it. */
    private final Map<String, Map<String, List<Workload>>> running = new HashMap<>();
    /** namespace → "group/kind" → names of the objects of the input. */
    private final Map<String, Map<String, Set<String>>> objects = new HashMap<>();
    private final Map<Node, Long> distance = new HashMap<>();
    private final Map<Node, Edge> nextHop = new HashMap<>();

    private EscalationAnalysis(RbacModel model, PodResources podResources, Steps steps) {
        this.model = model;
        this.podResources = podResources;
        indexWorkloads();
        collectIdentities();
        Map<Node, List<Edge>> incoming = new HashMap<>();
        List<Node> pools = poolNodes();
        // One step per identity whose grants are examined: the edges are almost all of the work.
        steps.total(principals.size() + pools.size());
        for (Subject subject : principals) {
            for (Edge edge : edgesFrom(new Principal(subject))) {
                incoming.computeIfAbsent(edge.to(), node -> new ArrayList<>()).add(edge);
            }
            steps.step();
        }
        for (Node pool : pools) {
            for (Edge edge : edgesFrom(pool)) {
                incoming.computeIfAbsent(edge.to(), node -> new ArrayList<>()).add(edge);
            }
            steps.step();
        }
        searchBackwardsFromAdmin(incoming);
    }

    /** Builds the graph of the model and finds every identity's shortest path. */
    public static EscalationAnalysis of(RbacModel model) {
        return of(model, PodResources.DEFAULT);
    }

    /** As {@link #of(RbacModel)}, with the pod-bearing resources of the scan (built-in and operator kinds). */
    public static EscalationAnalysis of(RbacModel model, PodResources podResources) {
        return of(model, podResources, Steps.NONE);
    }

    /** As {@link #of(RbacModel, PodResources)}, telling {@code steps} how far the graph is built. */
    public static EscalationAnalysis of(RbacModel model, PodResources podResources, Steps steps) {
        return new EscalationAnalysis(model, podResources, steps);
    }

    private void indexWorkloads() {
        model.workloads().forEach((namespace, list) -> {
            namespaces.add(namespace);
            for (Workload workload : list) {
                running.computeIfAbsent(namespace, ns -> new TreeMap<>())
                        .computeIfAbsent(workload.serviceAccount(), sa -> new ArrayList<>()).add(workload);
                objects.computeIfAbsent(namespace, ns -> new HashMap<>())
                        .computeIfAbsent(workload.group() + "/" + workload.kind(), k -> new TreeSet<>()).add(workload.name());
            }
        });
    }

    private void collectIdentities() {
        model.serviceAccounts().forEach((namespace, names) -> {
            namespaces.add(namespace);
            serviceAccounts.computeIfAbsent(namespace, ns -> new TreeSet<>()).addAll(names);
        });
        for (Binding binding : model.bindings()) {
            if (binding.namespace() != null) {
                namespaces.add(binding.namespace());
            }
            for (int i = 0; i < binding.subjects().size(); i++) {
                Subject subject = binding.effectiveSubject(i);
                if (subject != null) {
                    principals.add(normalise(subject));
                }
            }
        }
        for (String namespace : namespaces) {
            // Every namespace has a "default" ServiceAccount, created by the API server.
            serviceAccounts.computeIfAbsent(namespace, ns -> new TreeSet<>()).add("default");
        }
        serviceAccounts.forEach((namespace, names) -> names.forEach(name -> principals.add(Subject.serviceAccount(namespace, name))));
    }

    /** A User subject named like a service account is that service account. */
    private static Subject normalise(Subject subject) {
        if (Subject.USER.equals(subject.kind())) {
            Subject serviceAccount = Identity.parseServiceAccountUser(subject.name());
            if (serviceAccount != null) {
                return serviceAccount;
            }
        }
        return new Subject(subject.kind(), subject.name(), subject.isServiceAccount() ? subject.namespace() : null);
    }

    private List<Node> poolNodes() {
        List<Node> pools = new ArrayList<>();
        for (PoolKind kind : PoolKind.values()) {
            pools.add(new Pool(kind, null));
            namespaces.forEach(namespace -> pools.add(new Pool(kind, namespace)));
        }
        return pools;
    }

    /**
     * Dijkstra over reversed edges, so each node learns its next hop to admin; costs are
     * (speculative edges, steps) in that order of importance.
     */
    private void searchBackwardsFromAdmin(Map<Node, List<Edge>> incoming) {
        record Queued(Node node, long cost, long order) {}
        PriorityQueue<Queued> queue = new PriorityQueue<>(Comparator.comparingLong(Queued::cost).thenComparingLong(Queued::order));
        long order = 0;
        distance.put(ADMIN, 0L);
        queue.add(new Queued(ADMIN, 0L, order++));
        while (!queue.isEmpty()) {
            Queued head = queue.poll();
            if (head.cost() > distance.get(head.node())) {
                continue;
            }
            for (Edge edge : incoming.getOrDefault(head.node(), List.of())) {
                long candidate = head.cost() + edge.cost();
                Long known = distance.get(edge.from());
                if (known == null || candidate < known) {
                    distance.put(edge.from(), candidate);
                    nextHop.put(edge.from(), edge);
                    queue.add(new Queued(edge.from(), candidate, order++));
                }
            }
        }
    }

    // ---------------------------------------------------------------- queries

    /** The shortest escalation path of a subject, or empty when none is known. */
    public Optional<EscalationPath> pathFor(Subject subject) {
        Principal start = new Principal(normalise(subject));
        List<EscalationStep> steps = new ArrayList<>();
        Edge first = nextHop.get(start);
        if (first == null) {
            // A subject no binding names may still inherit group grants; evaluate it on the fly.
            first = edgesFrom(start).stream()
                    .filter(edge -> distance.containsKey(edge.to()))
                    .min(Comparator.comparingLong(edge -> edge.cost() + distance.get(edge.to())))
                    .orElse(null);
            if (first == null) {
                return Optional.empty();
            }
        }
        Edge edge = first;
        String from = start.toString();
        StringBuilder action = new StringBuilder();
        List<Via> evidence = new ArrayList<>();
        List<String> assumptions = new ArrayList<>();
        while (edge != null) {
            if (action.length() > 0) {
                action.append("; ");
            }
            action.append(edge.action());
            if (edge.assumption() != null) {
                action.append(" (speculative: assumes ").append(edge.assumption()).append(')');
                assumptions.add(edge.assumption());
            }
            evidence.addAll(edge.evidence());
            if (!(edge.to() instanceof Pool)) {
                steps.add(new EscalationStep(from, action.toString(), edge.to().toString(), evidence, assumptions));
                from = edge.to().toString();
                action.setLength(0);
                evidence = new ArrayList<>();
                assumptions = new ArrayList<>();
            }
            edge = edge.to() instanceof Admin ? null : nextHop.get(edge.to());
        }
        return Optional.of(new EscalationPath(normalise(subject), steps));
    }

    /** Shortest paths of every known identity that has one, shortest first. */
    public List<EscalationPath> paths() {
        List<EscalationPath> paths = new ArrayList<>();
        for (Subject subject : principals) {
            if (nextHop.containsKey(new Principal(subject))) {
                pathFor(subject).ifPresent(paths::add);
            }
        }
        paths.sort(Comparator.comparingInt((EscalationPath path) -> path.steps().size()).thenComparing(path -> path.subject().toString()));
        return paths;
    }

    // ---------------------------------------------------------------- edges

    private List<Edge> edgesFrom(Node node) {
        if (node instanceof Pool pool) {
            return poolEdges(pool);
        }
        if (node instanceof Principal principal) {
            return new EdgeFinder(principal).find();
        }
        return List.of();
    }

    private List<Edge> poolEdges(Pool pool) {
        List<Edge> edges = new ArrayList<>();
        if (pool.namespace() == null) {
            for (String namespace : namespaces) {
                edges.add(new Edge(pool, new Pool(pool.kind(), namespace), "pick namespace " + namespace, List.of(), null));
            }
            return edges;
        }
        Set<String> accounts = serviceAccounts.getOrDefault(pool.namespace(), Set.of());
        switch (pool.kind()) {
            case RUN_AS -> {
                for (String name : accounts) {
                    Subject target = Subject.serviceAccount(pool.namespace(), name);
                    edges.add(new Edge(pool, new Principal(target), "act as ServiceAccount " + pool.namespace() + "/" + name, List.of(), null));
                }
            }
            case TOKEN_SECRETS -> {
                Set<String> withSecret = new TreeSet<>();
                for (TokenSecret secret : model.tokenSecrets().getOrDefault(pool.namespace(), List.of())) {
                    withSecret.add(secret.serviceAccountName());
                    edges.add(new Edge(pool, new Principal(secret.serviceAccount()),
                            "read token Secret " + secret.namespace() + "/" + secret.name(), List.of(), null));
                }
                for (String name : accounts) {
                    if (!withSecret.contains(name)) {
                        edges.add(new Edge(pool, new Principal(Subject.serviceAccount(pool.namespace(), name)),
                                "read a legacy token Secret of ServiceAccount " + pool.namespace() + "/" + name, List.of(),
                                "such a Secret exists, which the input does not show; clusters before Kubernetes 1.24 made one for every ServiceAccount"));
                    }
                }
            }
            case RUNNING -> {
                Map<String, List<Workload>> byAccount = running.getOrDefault(pool.namespace(), Map.of());
                for (String name : accounts) {
                    Principal target = new Principal(Subject.serviceAccount(pool.namespace(), name));
                    List<Workload> pods = byAccount.get(name);
                    if (pods != null) {
                        edges.add(new Edge(pool, target, "take the token of ServiceAccount " + pool.namespace() + "/" + name
                                + ", which " + pods.get(0).display() + " runs as", List.of(), null));
                    } else {
                        edges.add(new Edge(pool, target, "take the token of ServiceAccount " + pool.namespace() + "/" + name,
                                List.of(), "a pod runs as it, which the input does not show"));
                    }
                }
            }
        }
        return edges;
    }

    /** Works out the outgoing edges of one identity from the grants it holds. */
    private final class EdgeFinder {
        private final Principal from;
        private final Identity identity;
        private final List<Grant> clusterGrants = new ArrayList<>();
        private final Map<String, List<Grant>> namespaceGrants = new LinkedHashMap<>();
        private final List<Edge> edges = new ArrayList<>();

        /** Every resource string of every grant, to rule out most requests without matching rules. */
        private final Set<String> resources = new HashSet<>();
        /** Every resource string of the grants limited by resourceNames (most are not). */
        private final Set<String> namedResources = new HashSet<>();
        /** Edges already added, by target and certainty: a second way to the same place adds nothing. */
        private final Set<List<Object>> added = new HashSet<>();

        EdgeFinder(Principal from) {
            this.from = from;
            this.identity = Identity.of(from.subject());
            for (Grant grant : model.allGrants(identity)) {
                resources.addAll(grant.rule().rule().resources());
                if (!grant.rule().rule().resourceNames().isEmpty()) {
                    namedResources.addAll(grant.rule().rule().resources());
                }
                if (grant.binding().namespace() == null) {
                    clusterGrants.add(grant);
                } else {
                    namespaceGrants.computeIfAbsent(grant.binding().namespace(), ns -> new ArrayList<>()).add(grant);
                }
            }
        }

        /**
         * Unnamed requests already allowed cluster-wide: the edge to the every-namespace helper node
         * covers each namespace at no cost, so the namespaces need not be asked again.
         */
        private final Set<String> clusterWide = new HashSet<>();

        private static String key(Request request) {
            return request.verb() + " " + request.apiGroup() + " " + request.combinedResource();
        }

        private boolean coveredClusterWide(Request request) {
            return request.namespace() != null && clusterWide.contains(key(request));
        }

        /** False when no grant names the request's resource, '*' or '*'/its subresource. */
        private boolean mayMatch(Request request) {
            return mayMatch(resources, request);
        }

        private static boolean mayMatch(Set<String> resources, Request request) {
            return resources.contains("*") || resources.contains(request.combinedResource())
                    || request.subresource() != null && resources.contains("*/" + request.subresource());
        }

        /** Grants allowing the request, as the authorizer would find them. */
        private List<Via> allowed(Request request) {
            if (request.isResourceRequest() && !mayMatch(request)) {
                return List.of();
            }
            List<Via> vias = new ArrayList<>();
            collect(clusterGrants, request, vias);
            if (request.namespace() != null) {
                collect(namespaceGrants.getOrDefault(request.namespace(), List.of()), request, vias);
            }
            return vias;
        }

        private void collect(List<Grant> grants, Request request, List<Via> into) {
            for (Grant grant : grants) {
                if (RuleMatcher.allows(grant.rule().rule(), request)) {
                    into.add(grant.toVia());
                }
            }
        }

        /** First non-empty result among requests differing only in verb. */
        private List<Via> anyVerb(Request template, String... verbs) {
            for (String verb : verbs) {
                List<Via> vias = allowed(new Request(verb, template.apiGroup(), template.resource(), template.subresource(),
                        template.namespace(), template.name(), null));
                if (!vias.isEmpty()) {
                    return vias;
                }
            }
            return List.of();
        }

        /** Object names a name-restricted grant allows the (unnamed) request for. */
        private Map<String, List<Via>> namedTargets(Request unnamed) {
            Map<String, List<Via>> targets = new LinkedHashMap<>();
            if (!mayMatch(namedResources, unnamed)) {
                return targets;
            }
            List<Grant> scope = new ArrayList<>(clusterGrants);
            if (unnamed.namespace() != null) {
                scope.addAll(namespaceGrants.getOrDefault(unnamed.namespace(), List.of()));
            }
            for (Grant grant : scope) {
                for (String name : grant.rule().rule().resourceNames()) {
                    if (RuleMatcher.allows(grant.rule().rule(), unnamed.named(name))) {
                        targets.computeIfAbsent(name, n -> new ArrayList<>()).add(grant.toVia());
                    }
                }
            }
            return targets;
        }

        private void edge(Node to, String action, List<Via> evidence) {
            edge(to, action, evidence, null);
        }

        private void edge(Node to, String action, List<Via> evidence, String assumption) {
            if (!to.equals(from) && added.add(List.of(to, assumption == null))) {
                edges.add(new Edge(from, to, action, evidence.size() > 3 ? evidence.subList(0, 3) : evidence, assumption));
            }
        }

        /** Scopes to check: null (cluster-wide grants only) and each namespace with RoleBinding grants. */
        private List<String> scopes() {
            List<String> scopes = new ArrayList<>();
            scopes.add(null);
            scopes.addAll(namespaceGrants.keySet());
            return scopes;
        }

        private static String where(String namespace) {
            return namespace == null ? "in every namespace" : "in namespace " + namespace;
        }

        List<Edge> find() {
            if (identity.groups().contains(Identity.MASTERS)) {
                edge(ADMIN, "is a member of system:masters, which bypasses authorization", List.of());
            }
            List<Via> everything = allowed(new Request("*", "*", "*", null, null, null, null));
            if (!everything.isEmpty()) {
                edge(ADMIN, "holds '*' verbs on '*' resources in '*' API groups cluster-wide", everything);
            }
            if (edges.stream().anyMatch(edge -> edge.to() instanceof Admin)) {
                return edges;
            }
            boolean createsPods = workloads();
            workloadUpdates();
            runningPods();
            serviceAccountTakeover("create", "serviceaccounts", "token", "create a token (serviceaccounts/token)");
            serviceAccountTakeover("impersonate", "serviceaccounts", null, "impersonate");
            tokenSecrets();
            mintedTokenSecrets();
            impersonateUsersAndGroups();
            bindAndEscalate();
            clusterWidePowers(createsPods);
            return edges;
        }

        /** create of any pod-bearing resource: a pod of the creator's design, as any ServiceAccount there. */
        private boolean workloads() {
            boolean any = false;
            for (String namespace : scopes()) {
                for (PodResources.PodResource workload : podResources.all()) {
                    List<Via> vias = allowed(Request.of("create", workload.group(), workload.resource(), namespace));
                    if (!vias.isEmpty()) {
                        edge(new Pool(PoolKind.RUN_AS, namespace), "create " + workload.displayName() + " " + where(namespace)
                                + " with any ServiceAccount there", vias, operatorAssumption(workload));
                        any = true;
                        if (workload.onUpdate() != PodResources.OnUpdate.OPERATOR) {
                            break;
                        }
                    }
                }
                if (any && namespace == null) {
                    break;
                }
            }
            return any;
        }

        private static String operatorAssumption(PodResources.PodResource workload) {
            return workload.onUpdate() == PodResources.OnUpdate.OPERATOR
                    ? "the operator of " + workload.displayName() + " runs and creates pods from the template as written" : null;
        }

        /**
         * update or patch of an existing workload whose pod template is mutable: change its
         * serviceAccountName, image and command, which its controller rolls out, so it is as good
         * as create wherever such an object exists. Jobs are left out (their template is
         * immutable) and Pods are {@link #runningPods()}.
         */
        private void workloadUpdates() {
            for (String scope : scopes()) {
                for (PodResources.PodResource workload : podResources.all()) {
                    if (workload.onUpdate() != PodResources.OnUpdate.TEMPLATE && workload.onUpdate() != PodResources.OnUpdate.OPERATOR) {
                        continue;
                    }
                    Request unnamed = Request.of("update", workload.group(), workload.resource(), scope);
                    if (coveredClusterWide(unnamed)) {
                        continue;
                    }
                    String verb = "update";
                    List<Via> vias = allowed(unnamed);
                    if (vias.isEmpty()) {
                        verb = "patch";
                        vias = anyVerb(unnamed, "patch");
                    }
                    if (!vias.isEmpty() && scope == null) {
                        clusterWide.add(key(unnamed));
                    }
                    String change = " to set its pod template's serviceAccountName, image and command";
                    if (!vias.isEmpty()) {
                        if (scope == null) {
                            // Certain where an object of the kind is in the input; elsewhere one
                            // speculative edge to every namespace rather than one per namespace.
                            for (String namespace : namespaces) {
                                if (!objectsOf(namespace, workload).isEmpty()) {
                                    edge(new Pool(PoolKind.RUN_AS, namespace), verb + " a " + workload.kind() + " in namespace "
                                            + namespace + change, vias, operatorAssumption(workload));
                                }
                            }
                            edge(new Pool(PoolKind.RUN_AS, null), verb + " a " + workload.kind() + " in any namespace" + change, vias,
                                    "a " + workload.kind() + " exists in the namespace, which the input does not show");
                            continue;
                        }
                        boolean exists = !objectsOf(scope, workload).isEmpty();
                        String assumption = exists ? operatorAssumption(workload)
                                : "a " + workload.kind() + " exists in namespace " + scope + ", which the input does not show";
                        edge(new Pool(PoolKind.RUN_AS, scope), verb + " a " + workload.kind() + " in namespace " + scope + change,
                                vias, assumption);
                        continue;
                    }
                    Map<String, List<Via>> named = namedTargets(unnamed);
                    namedTargets(Request.of("patch", workload.group(), workload.resource(), scope)).forEach(named::putIfAbsent);
                    named.forEach((name, evidence) -> {
                        for (String namespace : scope == null ? namespaces : List.of(scope)) {
                            boolean exists = objectsOf(namespace, workload).contains(name);
                            if (!exists && scope == null) {
                                continue;
                            }
                            edge(new Pool(PoolKind.RUN_AS, namespace), "patch " + workload.kind() + " " + namespace + "/" + name
                                    + change, evidence, exists ? operatorAssumption(workload)
                                            : "it exists, which the input does not show");
                        }
                    });
                }
            }
        }

        /**
         * What reaches a pod that already runs, and so its ServiceAccount's token: exec (create on
         * pods/exec; get over WebSockets before 1.35), replacing the image of a pod (update or
         * patch on pods; a pod's serviceAccountName is immutable, so it keeps its own), and an
         * ephemeral container (update or patch on pods/ephemeralcontainers, which serves get,
         * update and patch only; the container may mount the pod's token volume).
         */
        private void runningPods() {
            for (String scope : scopes()) {
                if (!podAccess(scope, Request.of("create", "", "pods/exec", scope), null,
                        pod -> "exec into " + pod + " and read its ServiceAccount token")) {
                    podAccess(scope, Request.of("get", "", "pods/exec", scope), WEBSOCKET_GET,
                            pod -> "exec (with get) into " + pod + " and read its ServiceAccount token");
                }
                for (String verb : List.of("update", "patch")) {
                    podAccess(scope, Request.of(verb, "", "pods", scope), null,
                            pod -> verb + " the image of " + pod + " to run your code under the pod's own ServiceAccount");
                    podAccess(scope, Request.of(verb, "", "pods/ephemeralcontainers", scope), null,
                            pod -> "add an ephemeral container of your image to " + pod + " and mount the pod's ServiceAccount token");
                }
            }
        }

        /**
         * The request unnamed reaches every running pod of the scope; named, the Pods of the input it
         * names. True when some edge was added.
         */
        private boolean podAccess(String scope, Request request, String assumption, java.util.function.Function<String, String> action) {
            if (coveredClusterWide(request)) {
                return true;
            }
            List<Via> vias = allowed(request);
            if (!vias.isEmpty()) {
                edge(new Pool(PoolKind.RUNNING, scope), action.apply("a running pod " + where(scope)), vias, assumption);
                if (scope == null) {
                    clusterWide.add(key(request));
                }
                return true;
            }
            boolean any = false;
            for (Map.Entry<String, List<Via>> target : namedTargets(request).entrySet()) {
                for (String namespace : scope == null ? namespaces : List.of(scope)) {
                    for (Workload pod : model.workloads().getOrDefault(namespace, List.of())) {
                        if (pod.kind().equals("Pod") && pod.group().isEmpty() && pod.name().equals(target.getKey())) {
                            edge(new Principal(Subject.serviceAccount(namespace, pod.serviceAccount())),
                                    action.apply("Pod " + namespace + "/" + pod.name()) + " (it runs as ServiceAccount "
                                            + pod.serviceAccount() + ")", target.getValue(), assumption);
                            any = true;
                        }
                    }
                }
            }
            return any;
        }

        private Set<String> objectsOf(String namespace, PodResources.PodResource workload) {
            return objects.getOrDefault(namespace, Map.of()).getOrDefault(workload.group() + "/" + workload.kind(), Set.of());
        }

        /** create serviceaccounts/token, or impersonate serviceaccounts: all of a namespace, or named ones. */
        private void serviceAccountTakeover(String verb, String resource, String subresource, String what) {
            for (String namespace : scopes()) {
                Request unnamed = new Request(verb, "", resource, subresource, namespace, null, null);
                List<Via> vias = allowed(unnamed);
                if (!vias.isEmpty()) {
                    edge(new Pool(PoolKind.RUN_AS, namespace), what + " for any ServiceAccount " + where(namespace), vias);
                    if (namespace == null) {
                        return;
                    }
                    continue;
                }
                namedTargets(unnamed).forEach((name, evidence) -> {
                    for (String saNamespace : namespace == null ? namespacesWithServiceAccount(name) : List.of(namespace)) {
                        edge(new Principal(Subject.serviceAccount(saNamespace, name)),
                                what + " for ServiceAccount " + saNamespace + "/" + name, evidence);
                    }
                });
            }
        }

        private List<String> namespacesWithServiceAccount(String name) {
            List<String> result = new ArrayList<>();
            serviceAccounts.forEach((namespace, names) -> {
                if (names.contains(name)) {
                    result.add(namespace);
                }
            });
            return result;
        }

        /** get/list on Secrets reveals legacy ServiceAccount tokens stored in them. */
        private void tokenSecrets() {
            for (String namespace : scopes()) {
                List<Via> vias = anyVerb(Request.of("list", "", "secrets", namespace), "list", "get");
                if (!vias.isEmpty()) {
                    edge(new Pool(PoolKind.TOKEN_SECRETS, namespace), "read Secrets " + where(namespace), vias);
                    if (namespace == null) {
                        return;
                    }
                    continue;
                }
                Map<String, List<Via>> names = namedTargets(Request.of("get", "", "secrets", namespace));
                if (names.isEmpty()) {
                    continue;
                }
                List<TokenSecret> candidates = namespace == null
                        ? model.tokenSecrets().values().stream().flatMap(List::stream).toList()
                        : model.tokenSecrets().getOrDefault(namespace, List.of());
                for (TokenSecret secret : candidates) {
                    List<Via> evidence = names.get(secret.name());
                    if (evidence != null) {
                        edge(new Principal(secret.serviceAccount()), "get token Secret " + secret.namespace() + "/"
                                + secret.name(), evidence);
                    }
                }
            }
        }

        /**
         * create on secrets and a read of them: a Secret of type kubernetes.io/service-account-token
         * naming a ServiceAccount in its kubernetes.io/service-account.name annotation is filled in
         * with a token of that ServiceAccount by the token controller of kube-controller-manager,
         * then read back. create cannot be limited by name; a read limited to names needs the new
         * Secret to take one of them, so it must not exist yet.
         */
        private void mintedTokenSecrets() {
            String mint = "create a kubernetes.io/service-account-token Secret for a ServiceAccount ";
            for (String scope : scopes()) {
                List<Via> create = allowed(Request.of("create", "", "secrets", scope));
                if (create.isEmpty()) {
                    continue;
                }
                List<Via> read = anyVerb(Request.of("get", "", "secrets", scope), "get", "list", "watch");
                if (!read.isEmpty()) {
                    edge(new Pool(PoolKind.RUN_AS, scope), mint + where(scope)
                            + " and read the token the token controller writes into it", concat(create, read));
                    if (scope == null) {
                        return;
                    }
                    continue;
                }
                Map<String, List<Via>> named = namedTargets(Request.of("get", "", "secrets", scope));
                if (!named.isEmpty()) {
                    Map.Entry<String, List<Via>> first = named.entrySet().iterator().next();
                    edge(new Pool(PoolKind.RUN_AS, scope), mint + where(scope) + ", named " + first.getKey()
                            + ", and read the token the token controller writes into it", concat(create, first.getValue()),
                            "no Secret named " + first.getKey() + " exists there yet");
                }
            }
        }

        private void impersonateUsersAndGroups() {
            List<Via> anyGroup = allowed(Request.of("impersonate", "", "groups", null).named(Identity.MASTERS));
            if (!anyGroup.isEmpty()) {
                edge(ADMIN, "impersonate group system:masters", anyGroup);
                return;
            }
            Map<String, List<Via>> groups = namedTargets(Request.of("impersonate", "", "groups", null));
            groups.forEach((group, vias) -> {
                Subject target = Subject.group(group);
                if (principals.contains(target)) {
                    edge(new Principal(target), "impersonate group " + group, vias);
                }
            });
            List<Via> anyUser = allowed(Request.of("impersonate", "", "users", null));
            Map<String, List<Via>> users = anyUser.isEmpty() ? namedTargets(Request.of("impersonate", "", "users", null)) : Map.of();
            if (anyUser.isEmpty()) {
                users.forEach((user, vias) -> {
                    Subject target = normalise(Subject.user(user));
                    if (principals.contains(target)) {
                        edge(new Principal(target), "impersonate user " + user, vias);
                    }
                });
                return;
            }
            for (Subject target : principals) {
                if (!Subject.USER.equals(target.kind())) {
                    continue;
                }
                edge(new Principal(target), "impersonate user " + target.name(), anyUser);
            }
        }

        private void bindAndEscalate() {
            // bind: create a binding to a role holding more than you, which the API server allows
            // without the escalation check when you have the 'bind' verb on that role.
            List<Via> createClusterBinding = allowed(Request.of("create", RBAC, "clusterrolebindings", null));
            List<Via> bindAdmin = allowed(Request.of("bind", RBAC, "clusterroles", null).named("cluster-admin"));
            if (!createClusterBinding.isEmpty() && !bindAdmin.isEmpty()) {
                edge(ADMIN, "create a ClusterRoleBinding to ClusterRole cluster-admin (bind)", concat(createClusterBinding, bindAdmin));
            }
            for (String namespace : namespaceGrants.keySet()) {
                List<Via> createBinding = allowed(Request.of("create", RBAC, "rolebindings", namespace));
                List<Via> bind = allowed(Request.of("bind", RBAC, "clusterroles", namespace).named("cluster-admin"));
                if (!createBinding.isEmpty() && !bind.isEmpty()) {
                    edge(new Pool(PoolKind.RUN_AS, namespace), "create a RoleBinding to ClusterRole cluster-admin in namespace "
                            + namespace + " (bind)", concat(createBinding, bind));
                }
            }
            // escalate: rewrite a role already bound to you so that it grants everything.
            for (RbacModel.SubjectRef ref : model.bindingsFor(identity)) {
                Binding binding = ref.binding();
                RoleKey role = binding.roleKey();
                if (role == null || !model.roles().containsKey(role)) {
                    continue;
                }
                boolean cluster = role.kind() == RoleKind.CLUSTER_ROLE;
                String resource = cluster ? "clusterroles" : "roles";
                String namespace = cluster ? null : role.namespace();
                List<Via> escalate = allowed(Request.of("escalate", RBAC, resource, namespace).named(role.name()));
                List<Via> update = anyVerb(Request.of("update", RBAC, resource, namespace).named(role.name()), "update", "patch");
                if (escalate.isEmpty() || update.isEmpty()) {
                    continue;
                }
                String action = "rewrite " + role + ", bound to you by " + binding.id() + ", to grant '*' (escalate)";
                if (binding.namespace() == null) {
                    edge(ADMIN, action, concat(escalate, update));
                } else {
                    edge(new Pool(PoolKind.RUN_AS, binding.namespace()), action, concat(escalate, update));
                }
            }
        }

        private void clusterWidePowers(boolean createsPods) {
            // The kubelet authorizes get for its WebSocket (GET) and create for its SPDY (POST)
            // exec; the 1.35 create check for pods/exec does not cover nodes/proxy.
            List<Via> nodeProxy = anyVerb(Request.of("get", "", "nodes/proxy", null), "get", "create");
            if (!nodeProxy.isEmpty()) {
                edge(new Pool(PoolKind.RUNNING, null), "use the kubelet API through nodes/proxy to exec into any running pod",
                        nodeProxy);
            }
            List<Via> createCsr = allowed(Request.of("create", CERTIFICATES, "certificatesigningrequests", null));
            List<Via> approve = anyVerb(Request.of("update", CERTIFICATES, "certificatesigningrequests/approval", null), "update", "patch");
            List<Via> signer = allowed(Request.of("approve", CERTIFICATES, "signers", null).named("kubernetes.io/kube-apiserver-client"));
            if (signer.isEmpty()) {
                signer = allowed(Request.of("approve", CERTIFICATES, "signers", null).named("kubernetes.io/*"));
            }
            if (!createCsr.isEmpty() && !approve.isEmpty() && !signer.isEmpty()) {
                edge(ADMIN, "create and approve a client certificate request for group system:masters",
                        concat(concat(createCsr, approve), signer));
            }
            for (String webhook : List.of("mutatingwebhookconfigurations", "validatingwebhookconfigurations")) {
                List<Via> vias = anyVerb(Request.of("create", ADMISSION, webhook, null), "create", "update", "patch");
                if (!vias.isEmpty()) {
                    boolean mutating = webhook.startsWith("mutating");
                    String effect = mutating
                            ? "rewrite new pods to run your code under a ServiceAccount of your choice"
                            : "receive admitted objects, Secrets included";
                    String assumption = mutating
                            ? "a pod of the namespace is created after the webhook exists, and the webhook server is yours"
                            : "a token Secret of the ServiceAccount is written after the webhook exists, and the webhook server is yours";
                    edge(new Pool(PoolKind.RUN_AS, null), "write " + webhook + " to " + effect, vias, assumption);
                }
            }
            List<Via> persistentVolumes = allowed(Request.of("create", "", "persistentvolumes", null));
            if (!persistentVolumes.isEmpty() && createsPods) {
                edge(new Pool(PoolKind.RUNNING, null), "create a hostPath PersistentVolume and mount it in a pod to read"
                        + " the node's credentials and its pods' tokens", persistentVolumes,
                        "the pod lands on a node that runs a pod of the ServiceAccount");
            }
        }

        /** Both lists of evidence, without repeating a grant that shows up in both. */
        private static List<Via> concat(List<Via> first, List<Via> second) {
            Map<String, Via> unique = new LinkedHashMap<>();
            for (Via via : first) {
                unique.putIfAbsent(via.toString(), via);
            }
            for (Via via : second) {
                unique.putIfAbsent(via.toString(), via);
            }
            return new ArrayList<>(unique.values());
        }
    }
}
