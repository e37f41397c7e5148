package dev.kubeward.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EscalationAnalysisTest {

    /** A ClusterRole named after its single rule, bound as the given subject YAML. */
    private static String grant(String id, String bindingKind, String namespace, String rule, String subject) {
        String meta = namespace == null ? "{name: " + id + "}" : "{name: " + id + ", namespace: " + namespace + "}";
        return """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: %1$s}
                rules: [%3$s]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: %2$s
                metadata: %4$s
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: %1$s}
                subjects: [%5$s]
                ---
                """.formatted(id, bindingKind, rule, meta, subject);
    }

    private static final String CLUSTER_ADMIN = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: cluster-admin}
            rules: [{apiGroups: ['*'], resources: ['*'], verbs: ['*']}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: ops-admin}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
            subjects: [{kind: ServiceAccount, name: ops, namespace: tools}]
            ---
            apiVersion: v1
            kind: Secret
            type: kubernetes.io/service-account-token
            metadata: {name: ops-token, namespace: tools, annotations: {kubernetes.io/service-account.name: ops}}
            ---
            """;

    private static List<String> steps(String yaml, Subject subject) {
        EscalationAnalysis analysis = EscalationAnalysis.of(Fixtures.model(CLUSTER_ADMIN + yaml));
        return analysis.pathFor(subject).map(path -> path.steps().stream().map(EscalationStep::toString).toList()).orElse(List.of());
    }

    @Test
    void creatingPodsInANamespaceInheritsItsServiceAccounts() {
        String yaml = grant("pod-maker", "RoleBinding", "tools", "{apiGroups: [apps], resources: [deployments], verbs: [create]}",
                "{kind: User, name: dev}");
        assertThat(steps(yaml, Subject.user("dev"))).containsExactly(
                "User dev --[create deployments in namespace tools with any ServiceAccount there; act as ServiceAccount tools/ops]--> ServiceAccount tools/ops",
                "ServiceAccount tools/ops --[holds '*' verbs on '*' resources in '*' API groups cluster-wide]--> cluster-admin");
    }

    @Test
    void podCreationElsewhereDoesNotReachTheAdminServiceAccount() {
        String yaml = grant("pod-maker", "RoleBinding", "sandbox", "{apiGroups: [''], resources: [pods], verbs: [create]}",
                "{kind: User, name: dev}");
        assertThat(steps(yaml, Subject.user("dev"))).isEmpty();
    }

    @Test
    void readingTokenSecretsActsAsTheirServiceAccount() {
        String named = grant("one-secret", "RoleBinding", "tools",
                "{apiGroups: [''], resources: [secrets], resourceNames: [ops-token], verbs: [get]}", "{kind: User, name: dev}");
        assertThat(steps(named, Subject.user("dev")).get(0))
                .isEqualTo("User dev --[get token Secret tools/ops-token]--> ServiceAccount tools/ops");
        String wrongName = grant("one-secret", "RoleBinding", "tools",
                "{apiGroups: [''], resources: [secrets], resourceNames: [other], verbs: [get]}", "{kind: User, name: dev}");
        assertThat(steps(wrongName, Subject.user("dev"))).isEmpty();
        String listing = grant("lister", "ClusterRoleBinding", null,
                "{apiGroups: [''], resources: [secrets], verbs: [list]}", "{kind: Group, name: readers}");
        assertThat(steps(listing, Subject.group("readers")).get(0)).isEqualTo(
                "Group readers --[read Secrets in every namespace; pick namespace tools; read token Secret tools/ops-token]--> ServiceAccount tools/ops");
    }

    @Test
    void directRoutesToAdmin() {
        assertThat(steps(grant("imp", "ClusterRoleBinding", null, "{apiGroups: [''], resources: [groups], verbs: [impersonate]}",
                "{kind: User, name: u}"), Subject.user("u")))
                .containsExactly("User u --[impersonate group system:masters]--> cluster-admin");
        assertThat(steps(grant("binder", "ClusterRoleBinding", null,
                "{apiGroups: [rbac.authorization.k8s.io], resources: [clusterrolebindings, clusterroles], verbs: [create, bind]}",
                "{kind: User, name: u}"), Subject.user("u")))
                .containsExactly("User u --[create a ClusterRoleBinding to ClusterRole cluster-admin (bind)]--> cluster-admin");
        assertThat(steps(grant("self-editor", "ClusterRoleBinding", null,
                "{apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], resourceNames: [self-editor], verbs: [escalate, patch]}",
                "{kind: User, name: u}"), Subject.user("u")))
                .containsExactly("User u --[rewrite ClusterRole/self-editor, bound to you by ClusterRoleBinding/self-editor, to grant '*' (escalate)]--> cluster-admin");
        assertThat(steps("", Subject.group(Identity.MASTERS)))
                .containsExactly("Group system:masters --[is a member of system:masters, which bypasses authorization]--> cluster-admin");
    }

    @Test
    void csrApprovalNeedsCreateApprovalAndTheSigner() {
        String withoutSigner = grant("csr", "ClusterRoleBinding", null,
                "{apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests, certificatesigningrequests/approval], verbs: [create, update]}",
                "{kind: User, name: u}");
        assertThat(steps(withoutSigner, Subject.user("u"))).isEmpty();
        String withSigner = withoutSigner.replace("verbs: [create, update]}",
                "verbs: [create, update]}, {apiGroups: [certificates.k8s.io], resources: [signers], resourceNames: ['kubernetes.io/*'], verbs: [approve]}");
        assertThat(steps(withSigner, Subject.user("u")))
                .containsExactly("User u --[create and approve a client certificate request for group system:masters]--> cluster-admin");
    }

    @Test
    void clusterWidePowersReachEveryServiceAccount() {
        for (String rule : List.of(
                "{apiGroups: [''], resources: [nodes/proxy], verbs: [get]}",
                "{apiGroups: [admissionregistration.k8s.io], resources: [mutatingwebhookconfigurations], verbs: [create]}",
                "{apiGroups: [''], resources: [persistentvolumes, pods], verbs: [create]}",
                "{apiGroups: [''], resources: [serviceaccounts/token], verbs: [create]}",
                "{apiGroups: [''], resources: [serviceaccounts], verbs: [impersonate]}")) {
            List<String> path = steps(grant("power", "ClusterRoleBinding", null, rule, "{kind: User, name: u}"), Subject.user("u"));
            assertThat(path).as(rule).hasSize(2);
            assertThat(path.get(0)).as(rule).endsWith("--> ServiceAccount tools/ops");
        }
        assertThat(steps(grant("pv-only", "ClusterRoleBinding", null, "{apiGroups: [''], resources: [persistentvolumes], verbs: [create]}",
                "{kind: User, name: u}"), Subject.user("u"))).isEmpty();
    }

    @Test
    void theShortestPathWinsAndChainsAreFollowed() {
        String yaml = grant("pod-maker", "RoleBinding", "tools", "{apiGroups: [''], resources: [pods], verbs: [create]}",
                "{kind: User, name: dev}")
                + grant("imp", "ClusterRoleBinding", null, "{apiGroups: [''], resources: [users], resourceNames: [dev], verbs: [impersonate]}",
                "{kind: ServiceAccount, name: ci, namespace: build}")
                + grant("imp-groups", "ClusterRoleBinding", null, "{apiGroups: [''], resources: [groups], verbs: [impersonate]}",
                "{kind: User, name: dev}");
        assertThat(steps(yaml, Subject.user("dev"))).containsExactly("User dev --[impersonate group system:masters]--> cluster-admin");
        assertThat(steps(yaml, Subject.serviceAccount("build", "ci"))).containsExactly(
                "ServiceAccount build/ci --[impersonate user dev]--> User dev",
                "User dev --[impersonate group system:masters]--> cluster-admin");
    }

    @Test
    void unboundSubjectsAreEvaluatedThroughTheirGroups() {
        String yaml = grant("everyone", "ClusterRoleBinding", null, "{apiGroups: [''], resources: [pods], verbs: [create]}",
                "{kind: Group, name: system:authenticated}");
        assertThat(steps(yaml, Subject.user("stranger"))).hasSize(2);
        assertThat(steps(yaml, Subject.user(Identity.ANONYMOUS))).isEmpty();
    }

    @Test
    void pathsListsEveryIdentityWithAPathShortestFirst() {
        String yaml = grant("pod-maker", "RoleBinding", "tools", "{apiGroups: [''], resources: [pods], verbs: [create]}",
                "{kind: User, name: dev}");
        List<EscalationPath> paths = EscalationAnalysis.of(Fixtures.model(CLUSTER_ADMIN + yaml)).paths();
        assertThat(paths).extracting(path -> path.subject().toString())
                .containsExactly("ServiceAccount tools/ops", "User dev");
        assertThat(paths.get(1).toText()).contains("2 steps").contains("via RoleBinding/tools/pod-maker");
    }

    @Test
    void stockPolicyPathsAreTheKnownControllerPowers() {
        // In a stock cluster these identities are by design one or two steps from cluster-admin:
        // the aggregation controller may escalate ClusterRoles; workload controllers create pods
        // in kube-system; the garbage and namespace controllers hold '*' get (incl. nodes/proxy);
        // the controller manager mints ServiceAccount tokens.
        List<EscalationPath> paths = EscalationAnalysis.of(RbacModel.build(Fixtures.bootstrapObjects())).paths();
        assertThat(paths).extracting(path -> path.subject().toString()).containsExactly(
                "Group system:masters",
                "ServiceAccount kube-system/clusterrole-aggregation-controller",
                "ServiceAccount kube-system/cronjob-controller",
                "ServiceAccount kube-system/daemon-set-controller",
                "ServiceAccount kube-system/deployment-controller",
                "ServiceAccount kube-system/generic-garbage-collector",
                "ServiceAccount kube-system/job-controller",
                "ServiceAccount kube-system/namespace-controller",
                "ServiceAccount kube-system/persistent-volume-binder",
                "ServiceAccount kube-system/podcheckpoint-controller",
                "ServiceAccount kube-system/replicaset-controller",
                "ServiceAccount kube-system/replication-controller",
                "ServiceAccount kube-system/statefulset-controller",
                "User system:kube-controller-manager");
        assertThat(paths.get(1).steps().get(0).action()).contains("escalate");
        assertThat(paths).allSatisfy(path -> assertThat(path.steps()).hasSizeBetween(1, 2));
    }
}
