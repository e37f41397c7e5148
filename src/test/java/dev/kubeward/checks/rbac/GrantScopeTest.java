package dev.kubeward.checks.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.check.CheckRegistry;
import dev.kubeward.check.Config;
import dev.kubeward.check.Finding;
import dev.kubeward.check.Scanner;
import dev.kubeward.model.Inventory;
import dev.kubeward.source.ManifestLoader;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rule checks judge the grant, not the rule. A RoleBinding applies only to requests in its
 * namespace, and requests for cluster-scoped resources and non-resource URLs carry none
 * (plugin/pkg/auth/authorizer/rbac/rbac.go visits a RoleBinding only for requests of its
 * namespace; the RBAC reference, "RoleBinding and ClusterRoleBinding": a RoleBinding of a
 * ClusterRole grants its permissions "within the RoleBinding's namespace"). So a ClusterRole
 * granted only by RoleBindings, like a Role, reaches namespaced resources only; bind on
 * clusterroles is the exception, checked with the binding's namespace
 * (pkg/registry/rbac/escalation_check.go). A ClusterRole bound nowhere is judged as written.
 *
 * <p>Columns: the rule (flow YAML) | how the ClusterRole is granted (crb, rb, none, or role for
 * a Role) | check | expected severity, or {@code -} for no finding | a fragment of the message.
 */
class GrantScopeTest {

    @ParameterizedTest(name = "[{index}] {0} granted by {1}: {2} {3}")
    @CsvSource(delimiter = '|', textBlock = """
            {apiGroups: [""], resources: [nodes/proxy], verbs: [get]}                   | crb  | rbac-nodes-proxy               | high     | allows get nodes/proxy
            {apiGroups: [""], resources: [nodes/proxy], verbs: [get]}                   | none | rbac-nodes-proxy               | high     | allows get nodes/proxy
            {apiGroups: [""], resources: [nodes/proxy], verbs: [get]}                   | rb   | rbac-nodes-proxy               | -        |
            {apiGroups: [""], resources: [nodes/proxy], verbs: [get]}                   | role | rbac-nodes-proxy               | -        |
            {apiGroups: ["*"], resources: [nodes/proxy], verbs: [get]}                  | rb   | rbac-nodes-proxy               | -        |
            {apiGroups: [""], resources: [persistentvolumes], verbs: [create]}          | rb   | rbac-persistentvolume-create   | -        |
            {apiGroups: [""], resources: [persistentvolumes], verbs: [create]}          | none | rbac-persistentvolume-create   | medium   | allows create persistentvolumes
            {apiGroups: [admissionregistration.k8s.io], resources: [mutatingwebhookconfigurations], verbs: [patch]} | rb | rbac-webhook-config-write | - |
            {apiGroups: [admissionregistration.k8s.io], resources: [mutatingwebhookconfigurations], verbs: [patch]} | crb | rbac-webhook-config-write | high | allows patch mutatingwebhookconfigurations
            {apiGroups: [certificates.k8s.io], resources: [signers], verbs: [approve]}  | rb   | rbac-csr-approve               | -        |
            {apiGroups: [certificates.k8s.io], resources: [signers], verbs: [approve]}  | none | rbac-csr-approve               | high     | allows approve signers
            {apiGroups: [""], resources: [users, groups], verbs: [impersonate]}         | rb   | rbac-escalate-bind-impersonate | -        |
            {apiGroups: [""], resources: [users, groups], verbs: [impersonate]}         | crb  | rbac-escalate-bind-impersonate | critical | impersonate groups
            {apiGroups: [""], resources: [serviceaccounts], verbs: [impersonate]}       | rb   | rbac-escalate-bind-impersonate | high     | impersonate serviceaccounts
            {apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [bind, escalate]} | rb | rbac-escalate-bind-impersonate | high | allows bind clusterroles
            {apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [bind, escalate]} | crb | rbac-escalate-bind-impersonate | high | allows escalate/bind clusterroles
            {apiGroups: [""], resources: [secrets], verbs: [list]}                      | crb  | rbac-secrets-read              | high     | granted cluster-wide by ClusterRoleBinding/grant
            {apiGroups: [""], resources: [secrets], verbs: [list]}                      | rb   | rbac-secrets-read              | medium   | granted only by RoleBindings, in namespace shop
            {apiGroups: [""], resources: [secrets], verbs: [list]}                      | none | rbac-secrets-read              | medium   | allows list secrets
            {apiGroups: ["*"], resources: ["*"], verbs: ["*"]}                          | crb  | rbac-wildcard-verb             | high     | cluster-admin's rule
            {apiGroups: ["*"], resources: ["*"], verbs: ["*"]}                          | none | rbac-wildcard-verb             | high     | cluster-admin's rule
            {apiGroups: ["*"], resources: ["*"], verbs: ["*"]}                          | rb   | rbac-wildcard-verb             | medium   | every namespaced resource in namespace shop (namespace-admin-like, not cluster-admin)
            {apiGroups: ["*"], resources: ["*"], verbs: ["*"]}                          | role | rbac-wildcard-verb             | medium   | namespace-admin-like
            {apiGroups: [""], resources: [nodes], verbs: ["*"]}                         | rb   | rbac-wildcard-verb             | -        |
            {apiGroups: [""], resources: ["*"], verbs: [get]}                           | rb   | rbac-wildcard-resource         | high     | every namespaced resource ('*') of the core group in namespace shop, including Secrets
            {apiGroups: [""], resources: ["*"], verbs: [get]}                           | crb  | rbac-wildcard-resource         | high     | applies to every resource ('*') of the core group, including Secrets
            {apiGroups: [admissionregistration.k8s.io], resources: ["*"], verbs: [get]} | rb   | rbac-wildcard-resource         | medium   | including any added to the group later
            {nonResourceURLs: ["*"], verbs: [get]}                                      | rb   | rbac-wildcard-resource         | -        |
            {nonResourceURLs: ["*"], verbs: [get]}                                      | none | rbac-wildcard-resource         | low      | every non-resource URL
            """)
    void ruleChecksJudgeTheGrant(String rule, String grant, String check, String severity, String fragment) {
        List<Finding> findings = findings(yaml(rule, grant), check);
        if (severity.equals("-")) {
            assertThat(findings).as("messages %s", findings.stream().map(Finding::message).toList()).isEmpty();
        } else {
            assertThat(findings).singleElement().satisfies(f -> {
                assertThat(f.severity().label()).isEqualTo(severity);
                assertThat(f.message()).contains(fragment);
            });
        }
    }

    /**
     * Subject checks judge what the binding grants: a RoleBinding of a role that only names
     * cluster-scoped resources or URLs grants nothing, so the subject's exposure is low.
     */
    @ParameterizedTest(name = "[{index}] {0} bound by {1}: {2} {3}")
    @CsvSource(delimiter = '|', textBlock = """
            {kind: Group, name: system:unauthenticated}    | rb  | rbac-anonymous-binding     | low      | the RoleBinding grants nothing
            {kind: Group, name: system:unauthenticated}    | crb | rbac-anonymous-binding     | critical | anyone who can reach the API server
            {kind: Group, name: system:authenticated}      | rb  | rbac-authenticated-binding | low      | the RoleBinding grants nothing
            {kind: Group, name: system:authenticated}      | crb | rbac-authenticated-binding | high     | (read-only)
            {kind: ServiceAccount, name: default, namespace: shop} | rb | rbac-default-sa-bound | low     | the RoleBinding grants nothing
            {kind: ServiceAccount, name: default, namespace: shop} | crb | rbac-default-sa-bound | medium  | every pod of namespace shop
            """)
    void subjectChecksJudgeWhatTheBindingGrants(String subject, String grant, String check, String severity, String fragment) {
        String yaml = yaml("{apiGroups: [\"\"], resources: [nodes], verbs: [get, list]}", grant).replace("{kind: User, name: kim}", subject);
        assertThat(findings(yaml, check)).singleElement().satisfies(f -> {
            assertThat(f.severity().label()).isEqualTo(severity);
            assertThat(f.message()).contains(fragment);
        });
    }

    /** A ClusterRole named grant with the rule, and its binding (none, or a Role instead with role). */
    private static String yaml(String rule, String grant) {
        if (grant.equals("role")) {
            return """
                    apiVersion: rbac.authorization.k8s.io/v1
                    kind: Role
                    metadata: {name: grant, namespace: shop}
                    rules: [%s]
                    """.formatted(rule);
        }
        String role = """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: grant}
                rules: [%s]
                """.formatted(rule);
        return switch (grant) {
            case "none" -> role;
            case "crb" -> role + """
                    ---
                    apiVersion: rbac.authorization.k8s.io/v1
                    kind: ClusterRoleBinding
                    metadata: {name: grant}
                    roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: grant}
                    subjects: [{kind: User, name: kim}]
                    """;
            default -> role + """
                    ---
                    apiVersion: rbac.authorization.k8s.io/v1
                    kind: RoleBinding
                    metadata: {name: grant, namespace: shop}
                    roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: grant}
                    subjects: [{kind: User, name: kim}]
                    """;
        };
    }

    private static List<Finding> findings(String yaml, String check) {
        var loaded = new ManifestLoader().loadText("rbac.yaml", yaml);
        assertThat(loaded.errors()).isEmpty();
        return new Scanner(CheckRegistry.builtIn(), Config.DEFAULT).scan(new Inventory(loaded.resources())).stream()
                .filter(f -> f.checkId().equals(check)).toList();
    }
}
