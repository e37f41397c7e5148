package dev.kubeward.rbac;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The authorization state of a cluster as the Kubernetes RBAC authorizer sees it, indexed for
 * "who can", "can" and effective-permission queries. Immutable once built; safe to share.
 *
 * <p>Scoping follows the authorizer: ClusterRoleBindings apply to every request; RoleBindings
 * apply only to requests in their own namespace, whether they grant a Role of that namespace or
 * a ClusterRole (whose rules are then limited to the namespace).
 */
public final class RbacModel {

    private final Map<RoleKey, Role> roles;
    private final Map<RoleKey, List<EffectiveRule>> effectiveRules;
    private final List<Binding> bindings;
    private final List<DanglingBinding> danglingBindings;
    private final List<String> duplicates;
    private final Map<String, List<SubjectRef>> bindingsBySubject = new HashMap<>();
    private final Map<RoleKey, List<Binding>> clusterBindingsByRole = new HashMap<>();
    private final Map<RoleKey, Map<String, List<Binding>>> roleBindingsByRole = new HashMap<>();
    private final Map<String, List<IndexedRule>> resourceRulesByToken = new HashMap<>();
    private final List<IndexedRule> nonResourceRules = new ArrayList<>();
    private final Map<String, Set<String>> serviceAccountsByNamespace = new TreeMap<>();
    private final Map<String, List<TokenSecret>> tokenSecretsByNamespace = new TreeMap<>();
    private final Map<String, List<Workload>> workloadsByNamespace = new TreeMap<>();

    /** A binding reached through one of its subjects. */
    record SubjectRef(Binding binding, int subjectIndex) {}

    /** An effective rule of a role, as stored in the resource index. */
    record IndexedRule(RoleKey role, EffectiveRule rule) {}

    private RbacModel(Collection<? extends RbacObject> objects) {
        Map<RoleKey, Role> roleMap = new LinkedHashMap<>();
        Map<String, Binding> bindingMap = new LinkedHashMap<>();
        List<String> duplicateIds = new ArrayList<>();
        for (RbacObject object : objects) {
            if (object instanceof Role role) {
                if (roleMap.put(role.key(), role) != null) {
                    duplicateIds.add(role.key().toString());
                }
            } else if (object instanceof Binding binding) {
                if (bindingMap.put(binding.id(), binding) != null) {
                    duplicateIds.add(binding.id());
                }
            } else if (object instanceof ServiceAccount serviceAccount) {
                addServiceAccount(serviceAccount.namespace(), serviceAccount.name());
            } else if (object instanceof TokenSecret secret) {
                tokenSecretsByNamespace.computeIfAbsent(secret.namespace(), ns -> new ArrayList<>()).add(secret);
                addServiceAccount(secret.namespace(), secret.serviceAccountName());
            } else if (object instanceof Workload workload) {
                // Admission refuses a pod whose ServiceAccount does not exist, so its pods prove it does.
                workloadsByNamespace.computeIfAbsent(workload.namespace(), ns -> new ArrayList<>()).add(workload);
                addServiceAccount(workload.namespace(), workload.serviceAccount());
            }
        }
        this.roles = Collections.unmodifiableMap(roleMap);
        this.bindings = List.copyOf(bindingMap.values());
        this.duplicates = List.copyOf(duplicateIds);
        this.effectiveRules = ClusterRoleAggregator.effectiveRules(roleMap);
        this.danglingBindings = indexBindings();
        indexRules();
    }

    /** Builds and indexes the model. Later duplicates of the same object replace earlier ones. */
    public static RbacModel build(Collection<? extends RbacObject> objects) {
        return new RbacModel(objects);
    }

    private void addServiceAccount(String namespace, String name) {
        serviceAccountsByNamespace.computeIfAbsent(namespace, ns -> new TreeSet<>()).add(name);
    }

    private List<DanglingBinding> indexBindings() {
        List<DanglingBinding> dangling = new ArrayList<>();
        for (Binding binding : bindings) {
            for (int i = 0; i < binding.subjects().size(); i++) {
                Subject subject = binding.effectiveSubject(i);
                if (subject != null) {
                    bindingsBySubject.computeIfAbsent(subjectKey(subject), key -> new ArrayList<>()).add(new SubjectRef(binding, i));
                    if (subject.isServiceAccount()) {
                        addServiceAccount(subject.namespace(), subject.name());
                    }
                }
            }
            RoleKey roleKey = binding.roleKey();
            if (roleKey == null) {
                dangling.add(new DanglingBinding(binding, "roleRef kind '" + binding.roleRef().kind()
                        + "' cannot be granted by a " + binding.kind().kindName()));
                continue;
            }
            if (!roles.containsKey(roleKey)) {
                dangling.add(new DanglingBinding(binding, "roleRef names missing " + roleKey
                        + "; it grants nothing now, but grants whatever a role created later under that name allows"));
            }
            if (binding.kind() == BindingKind.CLUSTER_ROLE_BINDING) {
                clusterBindingsByRole.computeIfAbsent(roleKey, key -> new ArrayList<>()).add(binding);
            } else {
                roleBindingsByRole.computeIfAbsent(roleKey, key -> new HashMap<>())
                        .computeIfAbsent(binding.namespace(), ns -> new ArrayList<>()).add(binding);
            }
        }
        return List.copyOf(dangling);
    }

    private void indexRules() {
        for (Map.Entry<RoleKey, List<EffectiveRule>> entry : effectiveRules.entrySet()) {
            for (EffectiveRule rule : entry.getValue()) {
                IndexedRule indexed = new IndexedRule(entry.getKey(), rule);
                for (String resource : new TreeSet<>(rule.rule().resources())) {
                    resourceRulesByToken.computeIfAbsent(resource, token -> new ArrayList<>()).add(indexed);
                }
                if (!rule.rule().nonResourceURLs().isEmpty()) {
                    nonResourceRules.add(indexed);
                }
            }
        }
    }

    static String subjectKey(Subject subject) {
        return subject.isServiceAccount()
                ? subject.kind() + "\u0000" + subject.namespace() + "\u0000" + subject.name()
                : subject.kind() + "\u0000" + subject.name();
    }

    // ---------------------------------------------------------------- accessors

    public Map<RoleKey, Role> roles() {
        return roles;
    }

    public List<Binding> bindings() {
        return bindings;
    }

    /** The rules a role grants after aggregation; empty for an unknown role. */
    public List<EffectiveRule> effectiveRules(RoleKey role) {
        return effectiveRules.getOrDefault(role, List.of());
    }

    /** Bindings whose roleRef names no role, or a role kind the binding cannot grant. */
    public List<DanglingBinding> danglingBindings() {
        return danglingBindings;
    }

    /** Roles or bindings given more than once (the last one wins, as a later apply would). */
    public List<String> duplicates() {
        return duplicates;
    }

    /** Known ServiceAccounts (declared, bound, or named by a token Secret) by namespace. */
    public Map<String, Set<String>> serviceAccounts() {
        return Collections.unmodifiableMap(serviceAccountsByNamespace);
    }

    public Map<String, List<TokenSecret>> tokenSecrets() {
        return Collections.unmodifiableMap(tokenSecretsByNamespace);
    }

    /** Objects of the input that run pods, by namespace. */
    public Map<String, List<Workload>> workloads() {
        return Collections.unmodifiableMap(workloadsByNamespace);
    }

    /** Bindings naming this subject directly (not through its groups). */
    public List<Binding> bindingsNaming(Subject subject) {
        return bindingsBySubject.getOrDefault(subjectKey(subject), List.of()).stream().map(SubjectRef::binding).distinct().toList();
    }

    // ---------------------------------------------------------------- who can

    /** Every binding subject allowed the request, with each binding → role → rule allowing it. */
    public WhoCanResult whoCan(Request asked) {
        Request request = asked.asSent();
        Map<Subject, List<Via>> bySubject = new TreeMap<>(SUBJECT_ORDER);
        Map<RoleKey, List<EffectiveRule>> matchingRulesByRole = new LinkedHashMap<>();
        for (IndexedRule candidate : candidateRules(request)) {
            if (RuleMatcher.allows(candidate.rule().rule(), request)) {
                matchingRulesByRole.computeIfAbsent(candidate.role(), key -> new ArrayList<>()).add(candidate.rule());
            }
        }
        for (Map.Entry<RoleKey, List<EffectiveRule>> entry : matchingRulesByRole.entrySet()) {
            Role role = roles.get(entry.getKey());
            for (Binding binding : bindingsGranting(entry.getKey(), request.namespace())) {
                for (int i = 0; i < binding.subjects().size(); i++) {
                    Subject subject = binding.effectiveSubject(i);
                    if (subject == null) {
                        continue;
                    }
                    List<Via> vias = bySubject.computeIfAbsent(subject, key -> new ArrayList<>());
                    for (EffectiveRule rule : entry.getValue()) {
                        vias.add(new Grant(binding, i, role, rule).toVia());
                    }
                }
            }
        }
        List<SubjectAccess> subjects = new ArrayList<>();
        bySubject.forEach((subject, vias) -> subjects.add(new SubjectAccess(subject.kind(), subject.name(), subject.namespace(), vias)));
        return new WhoCanResult(request, subjects);
    }

    private static final Comparator<Subject> SUBJECT_ORDER = Comparator
            .comparing(Subject::kind)
            .thenComparing(subject -> subject.namespace() == null ? "" : subject.namespace())
            .thenComparing(Subject::name);

    /** Rules that might match: those listing {@code *}, the exact resource, or {@code *}/subresource. */
    private Collection<IndexedRule> candidateRules(Request request) {
        if (!request.isResourceRequest()) {
            return nonResourceRules;
        }
        Map<IndexedRule, Boolean> unique = new IdentityHashMap<>();
        List<IndexedRule> candidates = new ArrayList<>();
        List<String> tokens = request.subresource() == null
                ? List.of("*", request.combinedResource())
                : List.of("*", request.combinedResource(), "*/" + request.subresource());
        for (String token : tokens) {
            for (IndexedRule rule : resourceRulesByToken.getOrDefault(token, List.of())) {
                if (unique.put(rule, Boolean.TRUE) == null) {
                    candidates.add(rule);
                }
            }
        }
        return candidates;
    }

    /** Bindings whose grant of {@code role} applies to a request in {@code namespace} (null: cluster-wide). */
    private List<Binding> bindingsGranting(RoleKey role, String namespace) {
        List<Binding> result = new ArrayList<>(clusterBindingsByRole.getOrDefault(role, List.of()));
        if (namespace != null) {
            result.addAll(roleBindingsByRole.getOrDefault(role, Map.of()).getOrDefault(namespace, List.of()));
        }
        return result;
    }

    // ---------------------------------------------------------------- escalation

    /** Builds the escalation graph and every identity's shortest path to cluster-admin. */
    public EscalationAnalysis escalations() {
        return EscalationAnalysis.of(this);
    }

    /** As {@link #escalations()}, telling {@code steps} how far it is (a progress bar). */
    public EscalationAnalysis escalations(dev.kubeward.model.Steps steps) {
        return EscalationAnalysis.of(this, PodResources.DEFAULT, steps);
    }

    // ---------------------------------------------------------------- permissions

    /** Effective permissions of a subject in every scope where it holds any. */
    public PermissionReport permissions(Subject subject) {
        return permissions(subject, Identity.of(subject));
    }

    public PermissionReport permissions(Subject subject, Identity identity) {
        // scope ("" for cluster-wide, so it sorts first) -> row key -> verbs
        Map<String, Map<RowKey, Set<String>>> rows = new TreeMap<>();
        Map<String, Map<String, Set<String>>> urls = new TreeMap<>();
        for (Grant grant : allGrants(identity)) {
            String scope = grant.binding().namespace() == null ? "" : grant.binding().namespace();
            // A RoleBinding applies only to requests in its namespace; requests for cluster-scoped
            // resources and non-resource URLs carry none, so it can never grant those.
            boolean namespaced = !scope.isEmpty();
            Rule rule = grant.rule().rule();
            for (String group : rule.apiGroups()) {
                for (String resource : rule.resources()) {
                    Collection<String> verbs = rule.verbs();
                    if (namespaced && BuiltInResources.isClusterScoped(group, resource)) {
                        // Only bind on clusterroles is checked with the binding's namespace.
                        boolean bind = verbs.contains("bind") || verbs.contains("*");
                        if (!bind || !Request.isNamespacedCheck("bind", group, resource)) {
                            continue;
                        }
                        verbs = List.of("bind");
                    }
                    RowKey key = new RowKey(group, resource, rule.resourceNames());
                    rows.computeIfAbsent(scope, s -> new TreeMap<>(ROW_ORDER)).computeIfAbsent(key, k -> new TreeSet<>()).addAll(verbs);
                }
            }
            for (String url : namespaced ? List.<String>of() : rule.nonResourceURLs()) {
                urls.computeIfAbsent(scope, s -> new TreeMap<>()).computeIfAbsent(url, u -> new TreeSet<>()).addAll(rule.verbs());
            }
        }
        Set<String> scopes = new TreeSet<>(rows.keySet());
        scopes.addAll(urls.keySet());
        List<PermissionReport.Scope> result = new ArrayList<>();
        for (String scope : scopes) {
            List<PermissionReport.ResourcePermission> resources = new ArrayList<>();
            rows.getOrDefault(scope, Map.of()).forEach((key, verbs) -> resources.add(new PermissionReport.ResourcePermission(
                    key.apiGroup(), key.resource(), key.resourceNames(), verbs)));
            List<PermissionReport.UrlPermission> urlPermissions = new ArrayList<>();
            urls.getOrDefault(scope, Map.of()).forEach((url, verbs) -> urlPermissions.add(new PermissionReport.UrlPermission(url, verbs)));
            result.add(new PermissionReport.Scope(scope.isEmpty() ? null : scope, resources, urlPermissions));
        }
        return new PermissionReport(subject, result);
    }

    /** One row of a permission table. */
    private record RowKey(String apiGroup, String resource, List<String> resourceNames) {}

    private static final Comparator<RowKey> ROW_ORDER = Comparator
            .comparing(RowKey::resource)
            .thenComparing(RowKey::apiGroup)
            .thenComparing(key -> key.resourceNames().toString());

    // ---------------------------------------------------------------- can

    public Decision can(Subject subject, Request request) {
        return can(subject, Identity.of(subject), request);
    }

    /** Like {@link #can(Subject, Request)} for an identity with extra groups (e.g. from an authenticator). */
    public Decision can(Subject subject, Identity identity, Request asked) {
        Request request = asked.asSent();
        List<Grant> applicable = applicableGrants(identity, request.namespace());
        List<Via> reasons = new ArrayList<>();
        for (Grant grant : applicable) {
            if (RuleMatcher.allows(grant.rule().rule(), request)) {
                reasons.add(grant.toVia());
            }
        }
        if (identity.groups().contains(Identity.MASTERS)) {
            // system:masters is allowed everything by the API server before RBAC is consulted.
            return new Decision(request, subject, true, reasons, "member of system:masters, which bypasses RBAC");
        }
        if (!reasons.isEmpty()) {
            return new Decision(request, subject, true, reasons, "allowed by " + reasons.size() + " rule(s)");
        }
        return new Decision(request, subject, false, List.of(), explainDenial(identity, request, applicable));
    }

    private String explainDenial(Identity identity, Request request, List<Grant> applicable) {
        long bindingCount = applicable.stream().map(Grant::binding).distinct().count();
        StringBuilder explanation = new StringBuilder("no rule allows it: ")
                .append(bindingCount).append(" binding(s) apply to ")
                .append(identity.userName() == null ? "this group member" : identity.userName())
                .append(" (groups ").append(new TreeSet<>(identity.groups())).append(")")
                .append(request.namespace() == null ? " cluster-wide" : " in namespace " + request.namespace())
                .append(", granting ").append(applicable.size()).append(" rule(s), none matching");
        List<String> missing = new ArrayList<>();
        for (DanglingBinding dangling : danglingBindings) {
            if (appliesTo(identity, dangling.binding(), request.namespace()) >= 0) {
                missing.add(dangling.binding().id());
            }
        }
        if (!missing.isEmpty()) {
            explanation.append("; bindings to missing roles also apply: ").append(missing);
        }
        return explanation.toString();
    }

    /**
     * Every effective rule granted to the identity for requests in {@code namespace} (null:
     * cluster-wide only), each with the binding that grants it, in the authorizer's visiting
     * order: ClusterRoleBindings first, then the namespace's RoleBindings.
     */
    List<Grant> applicableGrants(Identity identity, String namespace) {
        List<Grant> grants = new ArrayList<>();
        for (SubjectRef ref : bindingsFor(identity)) {
            Binding binding = ref.binding();
            if (binding.kind() == BindingKind.ROLE_BINDING && !binding.namespace().equals(namespace)) {
                continue;
            }
            addGrants(grants, ref);
        }
        return grants;
    }

    /** Every grant to the identity in any scope; the binding's namespace tells the scope. */
    List<Grant> allGrants(Identity identity) {
        List<Grant> grants = new ArrayList<>();
        for (SubjectRef ref : bindingsFor(identity)) {
            addGrants(grants, ref);
        }
        return grants;
    }

    private void addGrants(List<Grant> grants, SubjectRef ref) {
        RoleKey roleKey = ref.binding().roleKey();
        Role role = roleKey == null ? null : roles.get(roleKey);
        if (role == null) {
            return;
        }
        for (EffectiveRule rule : effectiveRules(roleKey)) {
            grants.add(new Grant(ref.binding(), ref.subjectIndex(), role, rule));
        }
    }

    /**
     * Bindings with a subject matching the identity, each once with its first matching subject
     * (the authorizer reports the first), ClusterRoleBindings before RoleBindings.
     */
    List<SubjectRef> bindingsFor(Identity identity) {
        Map<Binding, Integer> firstSubject = new IdentityHashMap<>();
        List<String> keys = new ArrayList<>();
        if (identity.userName() != null) {
            keys.add(subjectKey(Subject.user(identity.userName())));
        }
        for (String group : identity.groups()) {
            keys.add(subjectKey(Subject.group(group)));
        }
        Subject serviceAccount = identity.serviceAccount();
        if (serviceAccount != null) {
            keys.add(subjectKey(serviceAccount));
        }
        for (String key : keys) {
            for (SubjectRef ref : bindingsBySubject.getOrDefault(key, List.of())) {
                firstSubject.merge(ref.binding(), ref.subjectIndex(), Math::min);
            }
        }
        List<SubjectRef> refs = new ArrayList<>();
        firstSubject.forEach((binding, index) -> refs.add(new SubjectRef(binding, index)));
        refs.sort(Comparator.comparing((SubjectRef ref) -> ref.binding().kind() == BindingKind.ROLE_BINDING)
                .thenComparing(ref -> ref.binding().id()));
        return refs;
    }

    /** Index of the first subject of the binding matching the identity in that scope, or -1. */
    static int appliesTo(Identity identity, Binding binding, String namespace) {
        if (binding.kind() == BindingKind.ROLE_BINDING && !binding.namespace().equals(namespace)) {
            return -1;
        }
        for (int i = 0; i < binding.subjects().size(); i++) {
            Subject subject = binding.effectiveSubject(i);
            if (subject == null) {
                continue;
            }
            boolean matches = switch (subject.kind()) {
                case Subject.USER -> subject.name().equals(identity.userName());
                case Subject.GROUP -> identity.groups().contains(subject.name());
                case Subject.SERVICE_ACCOUNT -> subject.equals(identity.serviceAccount());
                default -> false;
            };
            if (matches) {
                return i;
            }
        }
        return -1;
    }
}
