package dev.kubeward.checks.rbac;

import dev.kubeward.model.Inventory;
import dev.kubeward.model.Resource;
import dev.kubeward.rbac.Binding;
import dev.kubeward.rbac.BindingKind;
import dev.kubeward.rbac.BuiltInResources;
import dev.kubeward.rbac.EffectiveRule;
import dev.kubeward.rbac.EscalationAnalysis;
import dev.kubeward.rbac.ParseProblem;
import dev.kubeward.rbac.PodResources;
import dev.kubeward.rbac.RbacModel;
import dev.kubeward.rbac.RbacObject;
import dev.kubeward.rbac.RbacParser;
import dev.kubeward.rbac.Request;
import dev.kubeward.rbac.Role;
import dev.kubeward.rbac.RoleKey;
import dev.kubeward.rbac.Rule;
import dev.kubeward.rbac.StockRbac;
import dev.kubeward.rbac.Subject;
import dev.kubeward.rbac.Workload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The RBAC view of one scan, built once per {@link Inventory} and shared by every RBAC check:
 * the parsed objects of each scanned resource, and a {@link RbacModel} of the stock bootstrap
 * policy with the scanned objects on top (a scanned object replaces a stock one of the same name,
 * as applying it to a cluster would).
 */
public final class RbacScan {
    private static final Object KEY = RbacScan.class;
    private static final String RBAC_GROUP = "rbac.authorization.k8s.io";
    private static final Set<String> RBAC_KINDS = Set.of("Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding");
    private static final Set<String> CORE_KINDS = Set.of("ServiceAccount", "Secret");
    /** What cluster-admin may do: every verb on every resource of every group, cluster-wide. */
    static final Request EVERYTHING = new Request("*", "*", "*", null, null, null, null);

    /** A rule by the role that declares it and its index there. */
    record RuleRef(RoleKey role, int index) {}

    private final Map<Resource, List<RbacObject>> objectsByResource = new IdentityHashMap<>();
    private final Map<Resource, List<ParseProblem>> problemsByResource = new IdentityHashMap<>();
    /** The keys of objectsByResource in scan order, for reports. */
    private final List<Resource> rbacResources = new ArrayList<>();
    private final RbacModel model;
    private final Map<RuleRef, Set<String>> aggregatedInto = new HashMap<>();
    private final Map<RuleRef, Set<String>> clusterBindingsOfRule = new HashMap<>();
    private final Map<RuleRef, Set<String>> roleBindingNamespacesOfRule = new HashMap<>();
    private volatile EscalationAnalysis escalations;

    private final PodResources podResources;

    private RbacScan(Inventory inventory) {
        podResources = PodResources.BUILT_IN.withWorkloadKinds(inventory.workloadKinds());
        List<RbacObject> all = new ArrayList<>(BootstrapPolicy.get().objects());
        RbacParser parser = new RbacParser();
        for (Resource resource : inventory.all()) {
            // Pods and workloads tell which ServiceAccounts run pods and which objects exist to patch.
            all.addAll(Workload.of(resource, inventory.podTemplates(resource)));
            if (isRbacInput(resource)) {
                RbacParser.Result parsed = parser.parse(resource.object(), resource);
                objectsByResource.put(resource, parsed.objects());
                if (!parsed.problems().isEmpty()) {
                    problemsByResource.put(resource, parsed.problems());
                }
                rbacResources.add(resource);
                all.addAll(parsed.objects());
            }
        }
        model = RbacModel.build(all);
        indexRules();
    }

    /** The shared view of this inventory, computed by the first check that asks. */
    public static RbacScan of(Inventory inventory) {
        return inventory.derived(KEY, RbacScan::new);
    }

    /** True for the kinds the engine reads, so other objects never trigger building the model. */
    static boolean isRbacInput(Resource resource) {
        return RBAC_KINDS.contains(resource.kind()) ? RBAC_GROUP.equals(resource.group())
                : CORE_KINDS.contains(resource.kind()) && "v1".equals(resource.apiVersion());
    }

    private void indexRules() {
        for (Map.Entry<RoleKey, Role> entry : model.roles().entrySet()) {
            for (EffectiveRule rule : model.effectiveRules(entry.getKey())) {
                if (!rule.declaredIn().key().equals(entry.getKey())) {
                    aggregatedInto.computeIfAbsent(refOf(rule), k -> new TreeSet<>()).add(entry.getKey().toString());
                }
            }
        }
        for (Binding binding : model.bindings()) {
            RoleKey role = binding.roleKey();
            if (role == null || binding.subjects().isEmpty()) {
                continue;
            }
            boolean cluster = binding.kind() == BindingKind.CLUSTER_ROLE_BINDING;
            for (EffectiveRule rule : model.effectiveRules(role)) {
                (cluster ? clusterBindingsOfRule : roleBindingNamespacesOfRule).computeIfAbsent(refOf(rule), k -> new TreeSet<>())
                        .add(cluster ? binding.id() : binding.namespace());
            }
        }
    }

    private static RuleRef refOf(EffectiveRule rule) {
        return new RuleRef(rule.declaredIn().key(), rule.rule().index());
    }

    /**
     * Scanned resources the RBAC checks leave out because they are stock objects of the API
     * server (stock name and bootstrap label, {@link StockRbac.Status#STOCK}), in scan order.
     */
    public List<Resource> stockResources() {
        List<Resource> out = new ArrayList<>();
        for (Resource resource : rbacResources) {
            List<RbacObject> objects = objectsByResource.get(resource);
            boolean stock = !objects.isEmpty() && objects.stream().allMatch(o ->
                    o instanceof Role role ? StockRbac.status(role).isExpected()
                    : o instanceof Binding binding && StockRbac.status(binding).isExpected());
            if (stock) {
                out.add(resource);
            }
        }
        return out;
    }

    /** The engine's objects parsed from one scanned resource (empty for other kinds). */
    public List<RbacObject> objectsOf(Resource resource) {
        return objectsByResource.getOrDefault(resource, List.of());
    }

    /** What the API server would refuse in one scanned resource (its objects are left out of the model). */
    public List<ParseProblem> problemsOf(Resource resource) {
        return problemsByResource.getOrDefault(resource, List.of());
    }

    /** The pod-bearing resources of this scan (built-in, operator and configured kinds), as RBAC names them. */
    public PodResources podResources() {
        return podResources;
    }

    public RbacModel model() {
        return model;
    }

    /** Aggregated ClusterRoles that take this rule from the role declaring it. */
    Set<String> aggregatedInto(RoleKey role, int ruleIndex) {
        return aggregatedInto.getOrDefault(new RuleRef(role, ruleIndex), Set.of());
    }

    /** ClusterRoleBindings granting this rule (directly or through aggregation) cluster-wide. */
    Set<String> clusterBindingsOf(RoleKey role, int ruleIndex) {
        return clusterBindingsOfRule.getOrDefault(new RuleRef(role, ruleIndex), Set.of());
    }

    /** Namespaces of the RoleBindings granting this rule (directly or through aggregation). */
    Set<String> roleBindingNamespacesOf(RoleKey role, int ruleIndex) {
        return roleBindingNamespacesOfRule.getOrDefault(new RuleRef(role, ruleIndex), Set.of());
    }

    /**
     * True when a rule, granted inside a namespace (by a RoleBinding, or as a rule of a Role),
     * grants nothing there: it names only known cluster-scoped built-in resources of their exact
     * group (requests for them carry no namespace, BuiltInResources), or only non-resource URLs.
     * {@code bind} on clusterroles is checked with the binding's namespace and so is granted.
     */
    static boolean grantsNothingInNamespace(Rule rule) {
        if (rule.resources().isEmpty()) {
            return true;
        }
        for (String group : rule.apiGroups()) {
            for (String resource : rule.resources()) {
                if (!BuiltInResources.isClusterScoped(group, resource)) {
                    return false;
                }
                if ((rule.verbs().contains("bind") || rule.verbs().contains("*")) && Request.isNamespacedCheck("bind", group, resource)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** True when the subject already holds cluster-admin-equivalent power. */
    public boolean isClusterAdmin(Subject subject) {
        return model.can(subject, EVERYTHING).allowed();
    }

    /** The escalation analysis, computed at most once per scan and only when a check needs it. */
    public EscalationAnalysis escalations() {
        EscalationAnalysis result = escalations;
        if (result == null) {
            synchronized (this) {
                result = escalations;
                if (result == null) {
                    result = EscalationAnalysis.of(model, podResources());
                    escalations = result;
                }
            }
        }
        return result;
    }
}
