package dev.kubeward.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The engine against the policy a stock API server creates (test resources rbac/bootstrap). */
class BootstrapPolicyTest {

    private static final List<RbacObject> STOCK = Fixtures.bootstrapObjects();
    private static final RbacModel MODEL = RbacModel.build(STOCK);

    /** The stock policy plus one user bound to the given ClusterRole in namespace "app". */
    private static RbacModel withUserBoundTo(String clusterRole) {
        List<RbacObject> objects = new ArrayList<>(STOCK);
        objects.addAll(Fixtures.objects("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: grant, namespace: app}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: %s}
                subjects: [{kind: User, name: u}]
                """.formatted(clusterRole)));
        return RbacModel.build(objects);
    }

    private static boolean userCan(RbacModel model, String verb, String group, String resource) {
        return model.can(Subject.user("u"), Request.of(verb, group, resource, "app")).allowed();
    }

    @Test
    void stockPolicyIsCompleteAndSelfConsistent() {
        long roles = STOCK.stream().filter(Role.class::isInstance).count();
        long bindings = STOCK.stream().filter(Binding.class::isInstance).count();
        assertThat(roles).isEqualTo(76);
        assertThat(bindings).isEqualTo(55);
        assertThat(MODEL.danglingBindings()).isEmpty();
        assertThat(MODEL.duplicates()).isEmpty();
    }

    @Test
    void aggregatedRolesGetRulesAndNestAsUpstream() {
        Set<List<List<String>>> view = contents("view");
        Set<List<List<String>>> edit = contents("edit");
        Set<List<List<String>>> admin = contents("admin");
        assertThat(view).isNotEmpty();
        assertThat(edit).containsAll(view).hasSizeGreaterThan(view.size());
        assertThat(admin).containsAll(edit).hasSizeGreaterThan(edit.size());
        // Every aggregated rule points at the role that declares it, never at the aggregating role.
        assertThat(MODEL.effectiveRules(RoleKey.clusterRole("admin")))
                .allSatisfy(rule -> assertThat(rule.declaredIn().isAggregated()).isFalse());
    }

    private static Set<List<List<String>>> contents(String clusterRole) {
        return MODEL.effectiveRules(RoleKey.clusterRole(clusterRole)).stream()
                .map(EffectiveRule::rule)
                .map(rule -> List.of(rule.verbs(), rule.apiGroups(), rule.resources(), rule.resourceNames(), rule.nonResourceURLs()))
                .collect(Collectors.toSet());
    }

    @Test
    void viewReadsWorkloadsButNotSecrets() {
        RbacModel model = withUserBoundTo("view");
        assertThat(userCan(model, "get", "", "pods")).isTrue();
        assertThat(userCan(model, "list", "apps", "deployments")).isTrue();
        assertThat(userCan(model, "get", "", "secrets")).isFalse();
        assertThat(userCan(model, "list", "", "secrets")).isFalse();
        assertThat(userCan(model, "create", "", "pods")).isFalse();
        assertThat(userCan(model, "get", "", "pods/log")).isTrue();
    }

    @Test
    void editExecsIntoPodsAndReadsSecretsButCannotTouchRbac() {
        RbacModel model = withUserBoundTo("edit");
        assertThat(userCan(model, "create", "", "pods/exec")).isTrue();
        assertThat(userCan(model, "create", "", "pods")).isTrue();
        assertThat(userCan(model, "get", "", "secrets")).isTrue();
        assertThat(userCan(model, "create", "", "serviceaccounts/token")).isTrue();
        assertThat(userCan(model, "create", "rbac.authorization.k8s.io", "rolebindings")).isFalse();
        assertThat(userCan(model, "get", "", "pods")).isTrue();
    }

    @Test
    void adminManagesRbacInItsNamespaceOnly() {
        RbacModel model = withUserBoundTo("admin");
        assertThat(userCan(model, "create", "rbac.authorization.k8s.io", "rolebindings")).isTrue();
        assertThat(userCan(model, "create", "", "pods/exec")).isTrue();
        assertThat(model.can(Subject.user("u"), Request.of("get", "", "secrets", "other")).allowed()).isFalse();
        assertThat(model.can(Subject.user("u"), Request.of("list", "", "nodes", null)).allowed()).isFalse();
    }

    @Test
    void whoCanGetSecretsInKubeSystemListsTheExpectedSystemSubjects() {
        // cluster-admin via system:masters; '*' resources in two controller roles; the
        // kube-controller-manager's own get; two kube-system Roles. The system:node binding has
        // no subjects (the Node authorizer handles kubelets) and edit/admin are bound to nobody.
        WhoCanResult result = MODEL.whoCan(Request.of("get", "", "secrets", "kube-system"));
        assertThat(result.subjects()).extracting(access -> access.subject().toString()).containsExactlyInAnyOrder(
                "Group system:masters",
                "User system:kube-controller-manager",
                "ServiceAccount kube-system/generic-garbage-collector",
                "ServiceAccount kube-system/namespace-controller",
                "ServiceAccount kube-system/bootstrap-signer",
                "ServiceAccount kube-system/token-cleaner");
        assertThat(result.subjects().get(0).via()).isNotEmpty();
    }

    @Test
    void everyStockObjectIsRecognisedAndTheNameSetsMatchTheData() {
        Set<String> clusterRoles = new HashSet<>();
        Set<String> roles = new HashSet<>();
        Set<String> clusterRoleBindings = new HashSet<>();
        Set<String> roleBindings = new HashSet<>();
        for (RbacObject object : STOCK) {
            if (object instanceof Role role) {
                assertThat(StockRbac.status(role)).as(role.key().toString()).isEqualTo(StockRbac.Status.STOCK);
                (role.key().namespace() == null ? clusterRoles : roles)
                        .add(role.key().namespace() == null ? role.key().name() : role.key().namespace() + "/" + role.key().name());
            } else if (object instanceof Binding binding) {
                assertThat(StockRbac.status(binding)).as(binding.id()).isEqualTo(StockRbac.Status.STOCK);
                (binding.namespace() == null ? clusterRoleBindings : roleBindings)
                        .add(binding.namespace() == null ? binding.name() : binding.namespace() + "/" + binding.name());
            }
        }
        String extra = "system:controller:device-taint-eviction-controller";
        assertThat(StockRbac.CLUSTER_ROLES).containsAll(clusterRoles).hasSize(clusterRoles.size() + 1).contains(extra);
        assertThat(StockRbac.CLUSTER_ROLE_BINDINGS).containsAll(clusterRoleBindings).hasSize(clusterRoleBindings.size() + 1);
        assertThat(StockRbac.ROLES).isEqualTo(roles);
        assertThat(StockRbac.ROLE_BINDINGS).isEqualTo(roleBindings);
    }

    @Test
    void lookalikesAreNotTreatedAsStock() {
        List<RbacObject> objects = Fixtures.objects("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: system:totally-stock, labels: {kubernetes.io/bootstrapping: rbac-defaults}}
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata: {name: cluster-admin}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
                subjects: [{kind: User, name: mallory}]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata: {name: system:controller:token-cleaner, namespace: default, labels: {kubernetes.io/bootstrapping: rbac-defaults}}
                """);
        assertThat(StockRbac.status((Role) objects.get(0))).isEqualTo(StockRbac.Status.LABEL_ONLY);
        assertThat(StockRbac.status((Binding) objects.get(1))).isEqualTo(StockRbac.Status.STOCK_NAME_ONLY);
        assertThat(StockRbac.status((Role) objects.get(2))).isEqualTo(StockRbac.Status.LABEL_ONLY);
    }
}
