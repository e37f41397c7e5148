package dev.kubeward.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** First-match evaluation, stages, validation, and the simulation over upstream policy shapes. */
class AuditPolicyTest {
    private static final List<String> GROUPS = List.of("system:authenticated");

    @Test
    void theFirstMatchingRuleDecidesAndNoMatchIsNone() {
        AuditPolicy p = PolicyTexts.policy("""
                apiVersion: audit.k8s.io/v1
                kind: Policy
                rules:
                  - level: None
                    verbs: [watch]
                  - level: RequestResponse
                    resources: [{group: '', resources: [pods]}]
                  - level: Metadata
                    resources: [{group: ''}]
                """);
        assertThat(p.evaluate(req("watch", "pods")).ruleIndex()).isZero();
        assertThat(p.evaluate(req("get", "pods")).level()).isEqualTo(AuditLevel.REQUEST_RESPONSE);
        assertThat(p.evaluate(req("get", "pods")).ruleIndex()).isEqualTo(1);
        assertThat(p.evaluate(req("get", "secrets")).ruleIndex()).isEqualTo(2);
        AuditDecision none = p.evaluate(AuditRequest.resource("jane", GROUPS, "get", "apps", "deployments", "shop", "w"));
        assertThat(none.ruleIndex()).isEqualTo(-1);
        assertThat(none.level()).isEqualTo(AuditLevel.NONE);
    }

    @Test
    void policyOmitStagesAreAddedToEveryRulesOwn() {
        AuditPolicy p = PolicyTexts.policy("""
                apiVersion: audit.k8s.io/v1
                kind: Policy
                omitStages: [RequestReceived]
                rules:
                  - level: Metadata
                    omitStages: [ResponseStarted]
                """);
        AuditDecision d = p.evaluate(req("get", "pods"));
        assertThat(d.omitStages()).containsExactlyInAnyOrder(AuditStage.REQUEST_RECEIVED, AuditStage.RESPONSE_STARTED);
        assertThat(d.loggedStages(req("get", "pods"))).containsExactly(AuditStage.RESPONSE_COMPLETE);
        AuditRequest exec = AuditRequest.resource("jane", GROUPS, "create", "", "pods/exec", "shop", "w");
        assertThat(exec.longRunning()).isTrue();
        assertThat(new AuditDecision(AuditLevel.METADATA, Set.of(AuditStage.REQUEST_RECEIVED, AuditStage.RESPONSE_COMPLETE), 0)
                .loggedStages(exec)).containsExactly(AuditStage.RESPONSE_STARTED);
        assertThat(new AuditDecision(AuditLevel.METADATA, Set.of(AuditStage.REQUEST_RECEIVED, AuditStage.RESPONSE_COMPLETE), 0)
                .drops(req("get", "pods"))).isTrue();
    }

    @Test
    void validationNamesEveryProblemAtItsPath() {
        AuditPolicyReader.Result r = PolicyTexts.read("""
                apiVersion: audit.k8s.io/v1
                kind: Policy
                omitStage: [RequestReceived]
                rules:
                  - level: Metadata
                    omitStages: [Done]
                  - level: RequestResponse
                    nonResourceURLs: [/api/*/x]
                    resources: [{group: ''}]
                """);
        assertThat(r.problems()).extracting(pr -> pr.path() + ": " + pr.message()).containsExactlyInAnyOrder(
                "omitStage: unknown field 'omitStage'",
                "rules[0].omitStages[0]: 'Done' is not a stage (RequestReceived, ResponseStarted, ResponseComplete, Panic)",
                "rules[1].nonResourceURLs[0]: non-resource URL '/api/*/x' may have '*' only as its last character",
                "rules[1].nonResourceURLs: rule 1 cannot match both resources or namespaces and non-resource URLs");
    }

    /** The GCE/kube-up configure-helper.sh policy, reduced to its rule shapes. */
    static final String GCE_SHAPE = """
            apiVersion: audit.k8s.io/v1
            kind: Policy
            rules:
              - level: None
                users: ["system:kube-proxy"]
                verbs: ["watch"]
                resources: [{group: "", resources: ["endpoints", "services", "services/status"]}]
              - level: None
                users: ["system:unsecured"]
                namespaces: ["kube-system"]
                verbs: ["get"]
                resources: [{group: "", resources: ["configmaps"]}]
              - level: None
                userGroups: ["system:nodes"]
                verbs: ["get"]
                resources: [{group: "", resources: ["nodes", "nodes/status"]}]
              - level: None
                users: ["system:kube-controller-manager", "system:kube-scheduler"]
                verbs: ["get", "list"]
                resources: [{group: "metrics.k8s.io"}]
              - level: None
                nonResourceURLs: ["/healthz*", "/version", "/swagger*"]
              - level: None
                resources: [{group: "", resources: ["events"]}]
              - level: Request
                userGroups: ["system:nodes"]
                verbs: ["update", "patch"]
                resources: [{group: "", resources: ["nodes/status", "pods/status"]}]
                omitStages: ["RequestReceived"]
              - level: Request
                users: ["system:serviceaccount:kube-system:namespace-controller"]
                verbs: ["deletecollection"]
                omitStages: ["RequestReceived"]
              - level: Metadata
                resources:
                  - {group: "", resources: ["secrets", "configmaps", "serviceaccounts/token"]}
                  - {group: authentication.k8s.io, resources: ["tokenreviews"]}
                omitStages: ["RequestReceived"]
              - level: Request
                verbs: ["get", "list", "watch"]
                resources: &known [{group: ""}, {group: apps}, {group: authentication.k8s.io}, {group: batch},
                                   {group: rbac.authorization.k8s.io}, {group: policy}]
                omitStages: ["RequestReceived"]
              - level: RequestResponse
                resources: *known
                omitStages: ["RequestReceived"]
              - level: Metadata
                omitStages: ["RequestReceived"]
            """;

    @Test
    void theGcePolicyShapeRecordsEverythingAndLeaksNothing() {
        Map<String, AuditSimulation.Outcome> out = simulate(GCE_SHAPE);
        assertThat(out.values()).allSatisfy(o -> assertThat(o.status()).as(o.event().id())
                .isIn(AuditSimulation.Status.RECORDED, AuditSimulation.Status.NOT_LEAKED));
        assertThat(out.get("secret-read").decision().ruleIndex()).isEqualTo(8);
        assertThat(out.get("pod-create").decision().level()).isEqualTo(AuditLevel.REQUEST_RESPONSE);
        assertThat(out.get("pod-create").decision().ruleIndex()).isEqualTo(10);
    }

    /** The kubernetes.io auditing task's example policy, reduced to its rule shapes. */
    @Test
    void theDocumentationExamplePolicyLeaksConfigMapsOfKubeSystemOnlyAndDropsNothingHere() {
        Map<String, AuditSimulation.Outcome> out = simulate("""
                apiVersion: audit.k8s.io/v1
                kind: Policy
                omitStages: ["RequestReceived"]
                rules:
                  - level: RequestResponse
                    resources: [{group: "", resources: ["pods"]}]
                  - level: Metadata
                    resources: [{group: "", resources: ["pods/log", "pods/status"]}]
                  - level: None
                    resources: [{group: "", resources: ["configmaps"], resourceNames: ["controller-leader"]}]
                  - level: None
                    users: ["system:kube-proxy"]
                    verbs: ["watch"]
                    resources: [{group: "", resources: ["endpoints", "services"]}]
                  - level: None
                    userGroups: ["system:authenticated"]
                    nonResourceURLs: ["/api*", "/version"]
                  - level: Request
                    resources: [{group: "", resources: ["configmaps"]}]
                    namespaces: ["kube-system"]
                  - level: Metadata
                    resources: [{group: "", resources: ["secrets", "configmaps"]}]
                  - level: Request
                    resources: [{group: ""}, {group: "extensions"}]
                  - level: Metadata
                    omitStages: ["RequestReceived"]
                """);
        assertThat(out.values()).noneMatch(AuditSimulation.Outcome::dropped);
        // The token subresource falls to the core-group Request rule: the issued token's request is logged.
        assertThat(out.get("serviceaccount-token-request").status()).isEqualTo(AuditSimulation.Status.LEAKS_BODY);
        assertThat(out.get("serviceaccount-token-request").decision().ruleIndex()).isEqualTo(7);
        assertThat(out.get("secret-read").status()).isEqualTo(AuditSimulation.Status.RECORDED);
        // RBAC is in neither listed group: Metadata from the catch-all is too little for a binding.
        assertThat(out.get("rbac-clusterrolebinding-create").status()).isEqualTo(AuditSimulation.Status.TOO_LOW);
    }

    @Test
    void aPolicyThatSilencesServiceAccountsDropsTheirRequestsOnly() {
        Map<String, AuditSimulation.Outcome> out = simulate("""
                apiVersion: audit.k8s.io/v1
                kind: Policy
                rules:
                  - level: None
                    userGroups: ["system:serviceaccounts"]
                  - level: Metadata
                """);
        assertThat(out.values().stream().filter(AuditSimulation.Outcome::dropped).map(o -> o.event().id()))
                .containsExactlyInAnyOrder("pod-exec-by-service-account", "secret-list-by-service-account");
    }

    @Test
    void theCatalogueHasUniqueIdsAndSeventeenRequiredEvents() {
        assertThat(AuditCatalog.EVENTS.stream().map(SecurityEvent::id).distinct()).hasSize(AuditCatalog.EVENTS.size());
        assertThat(AuditCatalog.required()).hasSize(17);
    }

    private static Map<String, AuditSimulation.Outcome> simulate(String yaml) {
        return AuditSimulation.run(PolicyTexts.policy(yaml)).stream()
                .collect(Collectors.toMap(o -> o.event().id(), Function.identity()));
    }

    private static AuditRequest req(String verb, String resource) {
        return AuditRequest.resource("jane", GROUPS, verb, "", resource, "shop", verb.equals("get") ? "w" : null);
    }
}
