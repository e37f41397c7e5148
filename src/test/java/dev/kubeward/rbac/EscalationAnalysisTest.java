package dev.kubeward.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
        // in kube-system; the controller manager mints ServiceAccount tokens. Others need what the
        // policy alone does not show, and their paths are speculative: the garbage collector may
        // update any Deployment (if one exists in kube-system), podcheckpoint-controller reaches
        // running pods through nodes/proxy (if a powerful ServiceAccount runs one), and readers of
        // kube-system's Secrets get legacy tokens (if the cluster still has them).
        List<EscalationPath> paths = EscalationAnalysis.of(RbacModel.build(Fixtures.bootstrapObjects())).paths();
        assertThat(paths).extracting(path -> path.subject().toString()).containsExactly(
                "Group system:masters",
                "ServiceAccount kube-system/clusterrole-aggregation-controller",
                "ServiceAccount kube-system/bootstrap-signer",
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
                "ServiceAccount kube-system/resourcequota-controller",
                "ServiceAccount kube-system/statefulset-controller",
                "ServiceAccount kube-system/token-cleaner",
                "User system:kube-controller-manager");
        assertThat(paths.get(1).steps().get(0).action()).contains("escalate");
        assertThat(paths).allSatisfy(path -> assertThat(path.steps()).hasSizeBetween(1, 2));
        assertThat(paths).filteredOn(EscalationPath::speculative).extracting(path -> path.subject().name()).containsExactly(
                "bootstrap-signer", "generic-garbage-collector", "namespace-controller", "podcheckpoint-controller",
                "resourcequota-controller", "token-cleaner");
    }

    // ------------------------------------------------------------ control of existing workloads

    /** The admin ServiceAccount tools/ops without its token Secret, so only the move under test reaches it. */
    private static final String ADMIN_WITHOUT_TOKEN = CLUSTER_ADMIN.substring(0, CLUSTER_ADMIN.indexOf("apiVersion: v1\nkind: Secret"));

    private static Optional<EscalationPath> pathOf(String yaml, Subject subject, Workload... workloads) {
        List<RbacObject> objects = new ArrayList<>(Fixtures.objects(ADMIN_WITHOUT_TOKEN + yaml));
        objects.addAll(List.of(workloads));
        return EscalationAnalysis.of(RbacModel.build(objects)).pathFor(subject);
    }

    private static Workload workload(String group, String kind, String namespace, String name, String serviceAccount) {
        return new Workload(group, kind, namespace, name, serviceAccount, "test", "");
    }

    private static final Workload OPS_POD = workload("", "Pod", "tools", "ops-7d9", "ops");
    private static final Workload WEB_DEPLOYMENT = workload("apps", "Deployment", "tools", "web", "default");

    /**
     * What writing an existing object lets its writer do, by kind (PodResources): a pod template
     * is mutable in Deployments, DaemonSets, StatefulSets, ReplicaSets, ReplicationControllers and
     * CronJobs (serviceAccountName included, so any ServiceAccount of the namespace), immutable in
     * Jobs (pkg/apis/batch/validation: validatePodTemplateUpdate); a Pod's spec only lets its
     * images change (pkg/apis/core/validation: ValidatePodUpdate), so it keeps its own
     * ServiceAccount; pods/ephemeralcontainers serves get, update and patch only
     * (EphemeralContainersREST is a rest.Patcher). Columns: rule | workload of the input (none,
     * web: a Deployment as default, pod: a Pod as ops) | steps, or 0 for no path | speculative.
     */
    @ParameterizedTest(name = "[{index}] {0} with {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {apiGroups: [apps], resources: [deployments], verbs: [patch]}                  | web  | 2 | false
            {apiGroups: [apps], resources: [deployments], verbs: [update]}                 | none | 2 | true
            {apiGroups: [apps], resources: [deployments], resourceNames: [web], verbs: [patch]} | web | 2 | false
            {apiGroups: [apps], resources: [deployments], resourceNames: [api], verbs: [patch]} | web | 2 | true
            {apiGroups: [apps], resources: [statefulsets, daemonsets, replicasets], verbs: [patch]} | none | 2 | true
            {apiGroups: [batch], resources: [cronjobs], verbs: [update]}                   | none | 2 | true
            {apiGroups: [batch], resources: [jobs], verbs: [update, patch]}                | none | 0 | false
            {apiGroups: [""], resources: [replicationcontrollers], verbs: [patch]}         | none | 2 | true
            {apiGroups: [apps], resources: [deployments], verbs: [get, list, watch]}       | web  | 0 | false
            {apiGroups: [""], resources: [pods], verbs: [patch]}                           | pod  | 2 | false
            {apiGroups: [""], resources: [pods], verbs: [patch]}                           | none | 2 | true
            {apiGroups: [""], resources: [pods], verbs: [patch]}                           | web  | 2 | true
            {apiGroups: [""], resources: [pods], resourceNames: [ops-7d9], verbs: [update]} | pod | 2 | false
            {apiGroups: [""], resources: [pods/ephemeralcontainers], verbs: [patch]}       | pod  | 2 | false
            {apiGroups: [""], resources: [pods/ephemeralcontainers], verbs: [create]}      | pod  | 0 | false
            {apiGroups: [""], resources: [pods/exec], verbs: [create]}                     | pod  | 2 | false
            {apiGroups: [""], resources: [pods/exec], verbs: [get]}                        | pod  | 2 | true
            {apiGroups: [""], resources: [pods/attach, pods/portforward], verbs: [create, get]} | pod | 0 | false
            {apiGroups: [""], resources: [pods/*], verbs: [create]}                        | pod  | 0 | false
            """)
    void controlOfExistingWorkloadsIsWorkloadCreation(String rule, String input, int steps, boolean speculative) {
        String yaml = grant("changer", "RoleBinding", "tools", rule, "{kind: User, name: dev}");
        Workload[] workloads = switch (input) {
            case "web" -> new Workload[] {WEB_DEPLOYMENT};
            case "pod" -> new Workload[] {OPS_POD};
            default -> new Workload[0];
        };
        Optional<EscalationPath> path = pathOf(yaml, Subject.user("dev"), workloads);
        if (steps == 0) {
            assertThat(path).as("no path").isEmpty();
            return;
        }
        assertThat(path).isPresent();
        assertThat(path.get().steps()).hasSize(steps);
        assertThat(path.get().steps().get(0).to()).isEqualTo("ServiceAccount tools/ops");
        assertThat(path.get().speculative()).as(path.get().toText()).isEqualTo(speculative);
        assertThat(path.get().steps().get(0).speculative()).isEqualTo(speculative);
        assertThat(path.get().steps().get(0).action().contains("(speculative: assumes ")).isEqualTo(speculative);
    }

    @Test
    void stepsSayWhatTheyChangeAndWhatTheyAssume() {
        String patchDeployments = grant("changer", "RoleBinding", "tools", "{apiGroups: [apps], resources: [deployments], verbs: [patch]}",
                "{kind: User, name: dev}");
        assertThat(pathOf(patchDeployments, Subject.user("dev"), WEB_DEPLOYMENT).orElseThrow().steps().get(0).toString()).isEqualTo(
                "User dev --[patch a Deployment in namespace tools to set its pod template's serviceAccountName, image and command;"
                        + " act as ServiceAccount tools/ops]--> ServiceAccount tools/ops");
        assertThat(pathOf(patchDeployments, Subject.user("dev")).orElseThrow().steps().get(0).assumptions())
                .containsExactly("a Deployment exists in namespace tools, which the input does not show");
        String patchPods = grant("changer", "RoleBinding", "tools", "{apiGroups: [''], resources: [pods], verbs: [patch]}",
                "{kind: User, name: dev}");
        assertThat(pathOf(patchPods, Subject.user("dev"), OPS_POD).orElseThrow().steps().get(0).toString()).isEqualTo(
                "User dev --[patch the image of a running pod in namespace tools to run your code under the pod's own ServiceAccount;"
                        + " take the token of ServiceAccount tools/ops, which Pod tools/ops-7d9 runs as]--> ServiceAccount tools/ops");
        String execGet = grant("exec", "RoleBinding", "tools", "{apiGroups: [''], resources: [pods/exec], verbs: [get]}",
                "{kind: User, name: dev}");
        assertThat(pathOf(execGet, Subject.user("dev"), OPS_POD).orElseThrow().steps().get(0).assumptions()).singleElement()
                .asString().contains("before 1.35", "AuthorizePodWebsocketUpgradeCreatePermission");
    }

    /**
     * create on secrets plus a read of them mints a token: the token controller fills a Secret of
     * type kubernetes.io/service-account-token with a token of the ServiceAccount its
     * kubernetes.io/service-account.name annotation names (RBAC good practices; "Manually create a
     * long-lived API token for a ServiceAccount"). create cannot be limited by name.
     */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            {apiGroups: [""], resources: [secrets], verbs: [create, get]}                        | 2 | false
            {apiGroups: [""], resources: [secrets], verbs: [create, watch]}                      | 2 | false
            {apiGroups: [""], resources: [secrets], verbs: [create]}                             | 0 | false
            {apiGroups: [""], resources: [secrets], resourceNames: [mine], verbs: [create, get]} | 0 | false
            {apiGroups: [""], resources: [secrets], verbs: [create]}, {apiGroups: [""], resources: [secrets], resourceNames: [mine], verbs: [get]} | 2 | true
            """)
    void creatingAndReadingSecretsMintsTokens(String rules, int steps, boolean speculative) {
        Optional<EscalationPath> path = pathOf(grant("secrets", "RoleBinding", "tools", rules, "{kind: User, name: dev}"), Subject.user("dev"));
        if (steps == 0) {
            assertThat(path).isEmpty();
            return;
        }
        assertThat(path.orElseThrow().steps()).hasSize(steps);
        assertThat(path.get().steps().get(0).action()).startsWith("create a kubernetes.io/service-account-token Secret for a ServiceAccount in namespace tools");
        assertThat(path.get().speculative()).isEqualTo(speculative);
    }

    /** Reading Secrets reaches a ServiceAccount without a token Secret in the input only speculatively. */
    @Test
    void readingSecretsWithoutATokenSecretInTheInputIsSpeculative() {
        String reader = grant("reader", "RoleBinding", "tools", "{apiGroups: [''], resources: [secrets], verbs: [list]}", "{kind: User, name: dev}");
        EscalationPath path = pathOf(reader, Subject.user("dev")).orElseThrow();
        assertThat(path.speculative()).isTrue();
        assertThat(path.steps().get(0).action()).contains("read a legacy token Secret of ServiceAccount tools/ops", "before Kubernetes 1.24");
        assertThat(steps(reader, Subject.user("dev")).get(0)).doesNotContain("speculative");
    }

    /** nodes/proxy reaches running pods, not every ServiceAccount: certain only for one the input shows running. */
    @Test
    void nodesProxyReachesRunningPods() {
        String proxy = grant("proxy", "ClusterRoleBinding", null, "{apiGroups: [''], resources: [nodes/proxy], verbs: [get]}",
                "{kind: User, name: u}");
        assertThat(pathOf(proxy, Subject.user("u"), OPS_POD).orElseThrow().speculative()).isFalse();
        assertThat(pathOf(proxy, Subject.user("u")).orElseThrow().speculative()).isTrue();
    }

    /** Webhooks see only what is written after they exist, and a hostPath reaches what is on one node. */
    @Test
    void webhookAndHostPathStepsAreSpeculative() {
        for (String rule : List.of(
                "{apiGroups: [admissionregistration.k8s.io], resources: [mutatingwebhookconfigurations], verbs: [create]}",
                "{apiGroups: [admissionregistration.k8s.io], resources: [validatingwebhookconfigurations], verbs: [patch]}",
                "{apiGroups: [''], resources: [persistentvolumes, pods], verbs: [create]}")) {
            EscalationPath path = pathOf(grant("power", "ClusterRoleBinding", null, rule, "{kind: User, name: u}"), Subject.user("u"),
                    OPS_POD).orElseThrow();
            if (rule.contains("pods]")) {
                // Creating pods is a certain way in, and a certain path is preferred to a speculative one.
                assertThat(path.speculative()).as(rule).isFalse();
            } else {
                assertThat(path.speculative()).as(rule).isTrue();
                assertThat(path.steps().get(0).assumptions()).singleElement().asString().contains("after the webhook exists");
            }
        }
    }

    /** Fewer speculative steps beat fewer steps: a certain three-step path wins over a speculative two-step one. */
    @Test
    void aCertainPathIsPreferredToAShorterSpeculativeOne() {
        String yaml = grant("webhooks", "ClusterRoleBinding", null,
                "{apiGroups: [admissionregistration.k8s.io], resources: [mutatingwebhookconfigurations], verbs: [create]}",
                "{kind: User, name: dev}")
                + grant("pods-in-mid", "RoleBinding", "mid", "{apiGroups: [''], resources: [pods], verbs: [create]}", "{kind: User, name: dev}")
                + grant("pods-in-tools", "RoleBinding", "tools", "{apiGroups: [''], resources: [pods], verbs: [create]}",
                "{kind: ServiceAccount, name: runner, namespace: mid}");
        EscalationPath path = pathOf(yaml, Subject.user("dev")).orElseThrow();
        assertThat(path.speculative()).isFalse();
        assertThat(path.steps()).extracting(EscalationStep::to)
                .containsExactly("ServiceAccount mid/runner", "ServiceAccount tools/ops", "cluster-admin");
    }

    /**
     * An operator's kind runs pods as its template says, if its operator runs: creating or changing
     * a Rollout reaches the namespace's ServiceAccounts, speculatively (PodResources.OnUpdate.OPERATOR).
     */
    @Test
    void operatorKindsAreWorkloadsWhoseStepsAssumeTheOperator() {
        for (String verb : List.of("create", "patch")) {
            String yaml = grant("rollouts", "RoleBinding", "tools", "{apiGroups: [argoproj.io], resources: [rollouts], verbs: [" + verb + "]}",
                    "{kind: User, name: dev}");
            EscalationPath path = pathOf(yaml, Subject.user("dev"), workload("argoproj.io", "Rollout", "tools", "web", "default"))
                    .orElseThrow();
            assertThat(path.speculative()).as(verb).isTrue();
            assertThat(path.steps().get(0).assumptions()).as(verb)
                    .containsExactly("the operator of rollouts.argoproj.io runs and creates pods from the template as written");
        }
    }
}
