package dev.kubeward.rbac;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Privilege-escalation paths: a graph whose nodes are identities (users, group members,
 * service accounts) and whose edges are documented ways for one identity to act as another or
 * to obtain cluster-admin. Shortest paths are found once for every known identity by a
 * breadth-first search backwards from the cluster-admin node.
 *
 * <p>"Cluster-admin-equivalent" means allowed {@code *} verbs on {@code *} resources in
 * {@code *} API groups cluster-wide, or membership in {@code system:masters}.
 *
 * <p>Two kinds of helper node keep the graph small: "any ServiceAccount in namespace N" (reached
 * by creating pods or tokens there; leads to each ServiceAccount of N) and "token Secrets in N"
 * (leads to each ServiceAccount whose legacy token Secret is in the input). Their namespace is
 * null for "every namespace". Steps through helper nodes are merged when paths are rendered.
 */
public final class EscalationAnalysis {

    private static final String RBAC = "rbac.authorization.k8s.io";
    private static final String ADMISSION = "admissionregistration.k8s.io";
    private static final String CERTIFICATES = "certificates.k8s.io";

    /** Resources whose creation runs a pod with a ServiceAccount of the creator's choosing. */
    private static final List<String[]> WORKLOADS = List.of(
            new String[] {"", "pods"}, new String[] {"apps", "deployments"}, new String[] {"apps", "daemonsets"},
            new String[] {"apps", "statefulsets"}, new String[] {"apps", "replicasets"}, new String[] {"batch", "jobs"},
            new String[] {"batch", "cronjobs"}, new String[] {"", "replicationcontrollers"});

    sealed interface Node permits Principal, Pool, Admin {}

    record Principal(Subject subject) implements Node {
        @Override
        public String toString() {
            return subject.toString();
        }
    }

    enum PoolKind { RUN_AS, TOKEN_SECRETS }

    /** Helper node: any ServiceAccount of a namespace (null: of every namespace). */
    record Pool(PoolKind kind, String namespace) implements Node {}

    record Admin() implements Node {
        @Override
        public String toString() {
            return "cluster-admin";
        }
    }

    private static final Admin ADMIN = new Admin();

    /** An edge; {@code weight} is 0 for edges leaving helper nodes, so only real moves count. */
    record Edge(Node from, Node to, String action, List<Via> evidence) {
        int weight() {
            return from instanceof Pool ? 0 : 1;
        }
    }

    private final RbacModel model;
    private final Set<String> namespaces = new TreeSet<>();
    private final Map<String, Set<String>> serviceAccounts = new HashMap<>();
    private final Set<Subject> principals = new LinkedHashSet<>();
    private final Map<Node, Integer> distance = new HashMap<>();
    private final Map<Node, Edge> nextHop = new HashMap<>();

    private EscalationAnalysis(RbacModel model) {
        this.model = model;
        collectIdentities();
        Map<Node, List<Edge>> incoming = new HashMap<>();
        for (Subject subject : principals) {
            for (Edge edge : edgesFrom(new Principal(subject))) {
                incoming.computeIfAbsent(edge.to(), node -> new ArrayList<>()).add(edge);
            }
        }
        for (Node pool : poolNodes()) {
            for (Edge edge : edgesFrom(pool)) {
                incoming.computeIfAbsent(edge.to(), node -> new ArrayList<>()).add(edge);
            }
        }
        searchBackwardsFromAdmin(incoming);
    }

    /** Builds the graph of the model and finds every identity's shortest path. */
    public static EscalationAnalysis of(RbacModel model) {
        return new EscalationAnalysis(model);
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

    /** 0-1 breadth-first search over reversed edges, so each node learns its next hop to admin. */
    private void searchBackwardsFromAdmin(Map<Node, List<Edge>> incoming) {
        Deque<Node> queue = new ArrayDeque<>();
        distance.put(ADMIN, 0);
        queue.add(ADMIN);
        while (!queue.isEmpty()) {
            Node node = queue.poll();
            int base = distance.get(node);
            for (Edge edge : incoming.getOrDefault(node, List.of())) {
                int candidate = base + edge.weight();
                Integer known = distance.get(edge.from());
                if (known == null || candidate < known) {
                    distance.put(edge.from(), candidate);
                    nextHop.put(edge.from(), edge);
                    if (edge.weight() == 0) {
                        queue.addFirst(edge.from());
                    } else {
                        queue.addLast(edge.from());
                    }
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
                    .min(Comparator.comparingInt(edge -> edge.weight() + distance.get(edge.to())))
                    .orElse(null);
            if (first == null) {
                return Optional.empty();
            }
        }
        Edge edge = first;
        String from = start.toString();
        StringBuilder action = new StringBuilder();
        List<Via> evidence = new ArrayList<>();
        while (edge != null) {
            if (action.length() > 0) {
                action.append("; ");
            }
            action.append(edge.action());
            evidence.addAll(edge.evidence());
            if (!(edge.to() instanceof Pool)) {
                steps.add(new EscalationStep(from, action.toString(), edge.to().toString(), evidence));
                from = edge.to().toString();
                action.setLength(0);
                evidence = new ArrayList<>();
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
                edges.add(new Edge(pool, new Pool(pool.kind(), namespace), "pick namespace " + namespace, List.of()));
            }
            return edges;
        }
        if (pool.kind() == PoolKind.RUN_AS) {
            for (String name : serviceAccounts.getOrDefault(pool.namespace(), Set.of())) {
                Subject target = Subject.serviceAccount(pool.namespace(), name);
                edges.add(new Edge(pool, new Principal(target), "act as ServiceAccount " + pool.namespace() + "/" + name, List.of()));
            }
        } else {
            for (TokenSecret secret : model.tokenSecrets().getOrDefault(pool.namespace(), List.of())) {
                edges.add(new Edge(pool, new Principal(secret.serviceAccount()),
                        "read token Secret " + secret.namespace() + "/" + secret.name(), List.of()));
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

        EdgeFinder(Principal from) {
            this.from = from;
            this.identity = Identity.of(from.subject());
            for (Grant grant : model.allGrants(identity)) {
                if (grant.binding().namespace() == null) {
                    clusterGrants.add(grant);
                } else {
                    namespaceGrants.computeIfAbsent(grant.binding().namespace(), ns -> new ArrayList<>()).add(grant);
                }
            }
        }

        /** Grants allowing the request, as the authorizer would find them. */
        private List<Via> allowed(Request request) {
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
            if (!to.equals(from)) {
                edges.add(new Edge(from, to, action, evidence.size() > 3 ? evidence.subList(0, 3) : evidence));
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
            serviceAccountTakeover("create", "serviceaccounts", "token", "create a token (serviceaccounts/token)");
            serviceAccountTakeover("impersonate", "serviceaccounts", null, "impersonate");
            tokenSecrets();
            impersonateUsersAndGroups();
            bindAndEscalate();
            clusterWidePowers(createsPods);
            return edges;
        }

        private boolean workloads() {
            boolean any = false;
            for (String namespace : scopes()) {
                for (String[] workload : WORKLOADS) {
                    List<Via> vias = allowed(Request.of("create", workload[0], workload[1], namespace));
                    if (!vias.isEmpty()) {
                        edge(new Pool(PoolKind.RUN_AS, namespace), "create " + workload[1] + " " + where(namespace)
                                + " with any ServiceAccount there", vias);
                        any = true;
                        break;
                    }
                }
                if (any && namespace == null) {
                    break;
                }
            }
            return any;
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
            List<Via> nodeProxy = anyVerb(Request.of("get", "", "nodes/proxy", null), "get", "create");
            if (!nodeProxy.isEmpty()) {
                edge(new Pool(PoolKind.RUN_AS, null), "use the kubelet API through nodes/proxy to exec into any pod", nodeProxy);
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
                    String effect = webhook.startsWith("mutating")
                            ? "rewrite any new pod to run your code under its ServiceAccount"
                            : "receive every admitted object, including Secrets and pod specs";
                    edge(new Pool(PoolKind.RUN_AS, null), "write " + webhook + " to " + effect, vias);
                }
            }
            List<Via> persistentVolumes = allowed(Request.of("create", "", "persistentvolumes", null));
            if (!persistentVolumes.isEmpty() && createsPods) {
                edge(new Pool(PoolKind.RUN_AS, null), "create a hostPath PersistentVolume and mount it in a pod to read"
                        + " the node's credentials and its pods' tokens", persistentVolumes);
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
