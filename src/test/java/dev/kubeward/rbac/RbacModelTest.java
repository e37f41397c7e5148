package dev.kubeward.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Binding scope, subject matching and query results of {@link RbacModel}. */
class RbacModelTest {

    private static final String POLICY = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: pod-reader, namespace: team-a}
            rules:
            - apiGroups: [""]
              resources: [pods]
              verbs: [get, list]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: pod-reader, namespace: team-b}
            rules:
            - apiGroups: [""]
              resources: [pods]
              verbs: [delete]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: secret-reader}
            rules:
            - apiGroups: [""]
              resources: [secrets]
              verbs: [get]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: node-reader}
            rules:
            - apiGroups: [""]
              resources: [nodes]
              verbs: [get, list]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: read-pods, namespace: team-a}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: pod-reader}
            subjects:
            - {kind: User, name: alice}
            - {kind: ServiceAccount, name: builder}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: secrets-in-a, namespace: team-a}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secret-reader}
            subjects:
            - {kind: Group, name: auditors}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: nodes-for-all}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: node-reader}
            subjects:
            - {kind: Group, name: system:serviceaccounts:team-b}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: broken, namespace: team-a}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: does-not-exist}
            subjects:
            - {kind: User, name: carol}
            """;

    private final RbacModel model = Fixtures.model(POLICY);

    @ParameterizedTest(name = "[{index}] {0} {1} {2} {3} in {4} -> {5}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            User           | alice                                 | get    | pods    | team-a | true
            User           | alice                                 | list   | pods    | team-a | true
            User           | alice                                 | get    | pods    | team-b | false
            User           | alice                                 | get    | pods    | null   | false
            User           | alice                                 | delete | pods    | team-a | false
            User           | bob                                   | get    | pods    | team-a | false
            ServiceAccount | team-a/builder                        | get    | pods    | team-a | true
            ServiceAccount | team-b/builder                        | get    | pods    | team-a | false
            User           | system:serviceaccount:team-a:builder  | list   | pods    | team-a | true
            Group          | auditors                              | get    | secrets | team-a | true
            Group          | auditors                              | get    | secrets | team-b | false
            Group          | auditors                              | get    | secrets | null   | false
            ServiceAccount | team-b/anyone                         | list   | nodes   | null   | true
            ServiceAccount | team-b/anyone                         | list   | nodes   | team-c | true
            ServiceAccount | team-c/anyone                         | list   | nodes   | null   | false
            User           | no-namespace                          | list   | nodes   | null   | false
            User           | carol                                 | get    | pods    | team-a | false
            User           | dave                                  | get    | pods    | team-a | false
            Group          | system:masters                        | delete | nodes   | null   | true
            """)
    void canFollowsAuthorizerScoping(String kind, String name, String verb, String resource, String namespace, boolean allowed) {
        Subject subject = kind.equals(Subject.SERVICE_ACCOUNT)
                ? Subject.serviceAccount(name.split("/")[0], name.split("/")[1])
                : new Subject(kind, name, null);
        Decision decision = model.can(subject, Request.of(verb, "", resource, namespace));
        assertThat(decision.allowed()).as(decision.toText()).isEqualTo(allowed);
    }

    /** A namespace on a request for a cluster-scoped resource is dropped, as the API server sends none. */
    @Test
    void roleBindingsNeverGrantClusterScopedResourcesEvenWhenAskedInTheirNamespace() {
        RbacModel model = Fixtures.model("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: wide}
                rules:
                - {apiGroups: [""], resources: [pods, nodes], verbs: [get]}
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: kim, namespace: team}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: wide}
                subjects: [{kind: User, name: kim}]
                """);
        assertThat(model.can(Subject.user("kim"), Request.of("get", "", "pods", "team")).allowed()).isTrue();
        assertThat(model.can(Subject.user("kim"), Request.of("get", "", "nodes", "team")).allowed()).isFalse();
        assertThat(model.whoCan(Request.of("get", "", "nodes", "team")).subjects()).isEmpty();
        assertThat(Request.of("get", "", "nodes/proxy", "team").asSent().namespace()).isNull();
        assertThat(Request.of("get", "example.com", "nodes", "team").asSent().namespace()).isEqualTo("team");
    }

    /**
     * bind is the one check on a cluster-scoped resource made with a namespace: the RBAC registry
     * authorizes bind on the ClusterRole a RoleBinding names in the RoleBinding's namespace
     * (BindingAuthorized, pkg/registry/rbac/escalation_check.go), while escalate on a ClusterRole is
     * checked with the ClusterRole's (empty) namespace (EscalationAllowed, same file).
     */
    @Test
    void aRoleBindingGrantsBindOfClusterRolesInItsNamespaceButNotEscalate() {
        RbacModel model = Fixtures.model("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: binder}
                rules:
                - {apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [bind, escalate]}
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: kim, namespace: team}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: binder}
                subjects: [{kind: User, name: kim}]
                """);
        Subject kim = Subject.user("kim");
        String rbac = "rbac.authorization.k8s.io";
        assertThat(model.can(kim, Request.of("bind", rbac, "clusterroles", "team").named("admin")).allowed()).isTrue();
        assertThat(model.can(kim, Request.of("bind", rbac, "clusterroles", "other").named("admin")).allowed()).isFalse();
        assertThat(model.can(kim, Request.of("bind", rbac, "clusterroles", null).named("admin")).allowed()).isFalse();
        assertThat(model.can(kim, Request.of("escalate", rbac, "clusterroles", "team").named("admin")).allowed()).isFalse();
        assertThat(model.permissions(kim).scopes()).singleElement().satisfies(scope -> {
            assertThat(scope.namespace()).isEqualTo("team");
            assertThat(scope.resources()).singleElement().satisfies(row -> {
                assertThat(row.resource()).isEqualTo("clusterroles");
                assertThat(row.verbs()).containsExactly("bind");
            });
        });
    }

    @Test
    void canReportsTheGrantingChain() {
        Decision decision = model.can(Subject.user("alice"), Request.of("get", "", "pods", "team-a"));
        assertThat(decision.reasons()).extracting(Via::toString)
                .containsExactly("RoleBinding/team-a/read-pods -> Role/team-a/pod-reader rules[0]");
        Grant grant = decision.reasons().get(0).grant();
        assertThat(grant.binding().source()).isEqualTo("doc-4");
        assertThat(grant.rule().rule().path("verbs")).isEqualTo("rules[0].verbs");
        assertThat(grant.binding().subjectPath(grant.subjectIndex())).isEqualTo("subjects[0]");
    }

    @Test
    void denialMentionsDanglingBindingsThatWouldApply() {
        Decision decision = model.can(Subject.user("carol"), Request.of("get", "", "pods", "team-a"));
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.explanation()).contains("RoleBinding/team-a/broken");
    }

    @Test
    void whoCanListsBindingSubjectsWithNamespaceDefaulting() {
        WhoCanResult result = model.whoCan(Request.of("get", "", "pods", "team-a"));
        assertThat(result.subjects()).extracting(access -> access.subject().toString())
                .containsExactly("ServiceAccount team-a/builder", "User alice");
        assertThat(model.whoCan(Request.of("get", "", "pods", "team-b")).subjects()).isEmpty();
    }

    @Test
    void whoCanClusterWideIgnoresRoleBindings() {
        assertThat(model.whoCan(Request.of("get", "", "secrets", null)).subjects()).isEmpty();
        assertThat(model.whoCan(Request.of("get", "", "secrets", "team-a")).includes(Subject.group("auditors"))).isTrue();
        assertThat(model.whoCan(Request.of("list", "", "nodes", null)).subjects()).extracting(access -> access.subject().toString())
                .containsExactly("Group system:serviceaccounts:team-b");
    }

    @Test
    void whoCanSerialisesToTheAgreedJsonShape() {
        JsonNode json = Fixtures.JSON.valueToTree(model.whoCan(Request.of("get", "", "pods", "team-a")));
        assertThat(json.toString()).isEqualTo("{\"subjects\":["
                + "{\"kind\":\"ServiceAccount\",\"name\":\"builder\",\"namespace\":\"team-a\",\"via\":[{\"binding\":\"RoleBinding/team-a/read-pods\",\"role\":\"Role/team-a/pod-reader\",\"rule\":\"rules[0]\"}]},"
                + "{\"kind\":\"User\",\"name\":\"alice\",\"via\":[{\"binding\":\"RoleBinding/team-a/read-pods\",\"role\":\"Role/team-a/pod-reader\",\"rule\":\"rules[0]\"}]}]}");
    }

    @Test
    void danglingBindingsAreReported() {
        assertThat(model.danglingBindings()).extracting(dangling -> dangling.binding().id())
                .containsExactly("RoleBinding/team-a/broken");
        assertThat(model.danglingBindings().get(0).path()).isEqualTo("roleRef");
    }

    /**
     * The parser leaves out bindings the API server rejects (a ClusterRoleBinding of a Role, a
     * ServiceAccount subject without namespace in a ClusterRoleBinding); built by hand, the model
     * still treats them as the authorizer would: the first grants nothing and is reported, the
     * subject matches nobody.
     */
    @Test
    void bindingsTheApiServerRejectsGrantNothingWhenBuiltByHand() {
        Binding roleFromCrb = new Binding(BindingKind.CLUSTER_ROLE_BINDING, null, "role-from-crb", java.util.Map.of(),
                new RoleRef("rbac.authorization.k8s.io", "Role", "pod-reader"), List.of(Subject.user("dave")), "hand", "");
        Binding noNamespace = new Binding(BindingKind.CLUSTER_ROLE_BINDING, null, "sa-without-namespace", java.util.Map.of(),
                new RoleRef("rbac.authorization.k8s.io", "ClusterRole", "node-reader"),
                List.of(new Subject(Subject.SERVICE_ACCOUNT, "no-namespace", null)), "hand", "");
        List<RbacObject> objects = new java.util.ArrayList<>(Fixtures.objects(POLICY));
        objects.add(roleFromCrb);
        objects.add(noNamespace);
        RbacModel built = RbacModel.build(objects);
        assertThat(built.danglingBindings()).extracting(dangling -> dangling.binding().id())
                .contains("ClusterRoleBinding/role-from-crb");
        assertThat(built.can(Subject.user("dave"), Request.of("get", "", "pods", "team-a")).allowed()).isFalse();
        assertThat(built.whoCan(Request.of("list", "", "nodes", null)).subjects()).extracting(access -> access.subject().toString())
                .containsExactly("Group system:serviceaccounts:team-b");
    }

    @Test
    void roleBindingCannotReachARoleInAnotherNamespace() {
        // roleRef has no namespace: "pod-reader" from team-a's binding is team-a's role, never team-b's.
        Decision decision = model.can(Subject.user("alice"), Request.of("delete", "", "pods", "team-a"));
        assertThat(decision.allowed()).isFalse();
    }
}
