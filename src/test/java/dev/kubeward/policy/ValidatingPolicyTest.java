package dev.kubeward.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.policy.cel.CelVersion;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ValidatingAdmissionPolicy plugin's semantics, each case from the upstream source it
 * encodes (paths under k8s.io/apiserver/pkg/admission/plugin/) or the Kubernetes documentation
 * (docs/reference/access-authn-authz/validating-admission-policy.md).
 */
class ValidatingPolicyTest {
    static String policy(String name, String spec) {
        return "apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata:\n  name: " + name
                + "\nspec:\n" + spec.indent(2);
    }

    static String binding(String name, String policy, String extra) {
        return "apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicyBinding\nmetadata:\n  name: " + name
                + "\nspec:\n  policyName: " + policy + "\n" + extra.indent(2);
    }

    static final String DEPLOYMENT_RULES = """
            matchConstraints:
              resourceRules:
              - apiGroups: ["apps"]
                apiVersions: ["v1"]
                operations: ["CREATE", "UPDATE"]
                resources: ["deployments"]
            """;

    static String deployment(String name, String ns, int replicas, String labels) {
        return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: " + name + "\n  namespace: " + ns
                + (labels.isEmpty() ? "" : "\n  labels: {" + labels + "}") + "\nspec:\n  replicas: " + replicas + "\n";
    }

    static String docs(String... parts) {
        return String.join("---\n", parts);
    }

    /** The documentation's first example: demo-policy.example.com, replicas at most 5. */
    static final String DEMO = docs(
            policy("demo-policy.example.com", "failurePolicy: Fail\n" + DEPLOYMENT_RULES + "validations:\n- expression: \"object.spec.replicas <= 5\"\n"),
            binding("demo-binding-test.example.com", "demo-policy.example.com", "validationActions: [Deny]\n"));

    @Test
    void documentationExampleDeniesSixReplicasWithTheExpressionAsMessage() {
        // validating/validator.go: no message → "failed expression: " + expression; dispatcher.go: the deny message.
        PolicyHarness h = new PolicyHarness(docs(DEMO, deployment("big", "default", 6, ""), deployment("small", "default", 5, "")));
        assertThat(h.input.errors()).isEmpty();
        AdmissionResult big = h.create("Deployment", "big");
        assertThat(big.verdict()).isEqualTo("deny");
        assertThat(big.denial().denyMessage()).isEqualTo("ValidatingAdmissionPolicy 'demo-policy.example.com' with binding "
                + "'demo-binding-test.example.com' denied request: failed expression: object.spec.replicas <= 5");
        assertThat(big.denial().reason()).isEqualTo("Invalid");
        assertThat(h.create("Deployment", "small").verdict()).isEqualTo("admit");
    }

    @Test
    void warnAndAuditActionsAdmit() {
        // dispatcher.go: Warn adds "Validation failed for ValidatingAdmissionPolicy '%s' with binding '%s': %s";
        // Audit publishes validation.policy.admission.k8s.io/validation_failure.
        PolicyHarness h = new PolicyHarness(docs(
                policy("p", DEPLOYMENT_RULES + "validations:\n- expression: \"object.spec.replicas <= 5\"\n  message: too many\n"),
                binding("b", "p", "validationActions: [Warn, Audit]\n"), deployment("big", "default", 6, "")));
        AdmissionResult r = h.create("Deployment", "big");
        assertThat(r.verdict()).isEqualTo("warn");
        assertThat(r.warnings()).containsExactly("Validation failed for ValidatingAdmissionPolicy 'p' with binding 'b': too many");
        assertThat(r.auditAnnotations().get("validation.policy.admission.k8s.io/validation_failure"))
                .isEqualTo("[{\"message\":\"too many\",\"policy\":\"p\",\"binding\":\"b\",\"expressionIndex\":0,\"validationActions\":[\"Warn\",\"Audit\"]}]");
    }

    @Test
    void aPolicyWithoutBindingDoesNothing() {
        PolicyHarness h = new PolicyHarness(docs(
                policy("p", DEPLOYMENT_RULES + "validations:\n- expression: \"false\"\n"), deployment("d", "default", 1, "")));
        assertThat(h.create("Deployment", "d").verdict()).isEqualTo("admit");
    }

    @Test
    void messageExpressionWinsAndFallsBackToMessageWhenItFails() {
        // validator.go: messageExpression result (trimmed); on error or non-string the message, then the expression.
        PolicyHarness h = new PolicyHarness(docs(
                policy("p", DEPLOYMENT_RULES + """
                        validations:
                        - expression: "object.spec.replicas <= 5"
                          messageExpression: "'replicas ' + string(object.spec.replicas) + ' > 5'"
                        - expression: "object.spec.replicas <= 4"
                          message: fallback
                          messageExpression: "string(object.spec.nope)"
                        """),
                binding("b", "p", "validationActions: [Deny]\n"), deployment("big", "default", 6, "")));
        AdmissionResult r = h.create("Deployment", "big");
        assertThat(r.denial().message()).isEqualTo("replicas 6 > 5");
        assertThat(r.decisions()).extracting(AdmissionResult.Decision::message).containsExactly("replicas 6 > 5", "fallback");
    }

    @Test
    void configurationErrorDeniesWhateverTheValidationActions() {
        // dispatcher.go addConfigError: a missing param with parameterNotFoundAction Deny denies even a Warn binding.
        PolicyHarness h = new PolicyHarness(docs(
                policy("p", "paramKind: {apiVersion: v1, kind: ConfigMap}\n" + DEPLOYMENT_RULES + "validations:\n- expression: \"true\"\n"),
                binding("b", "p", "validationActions: [Warn]\nparamRef: {name: limits, parameterNotFoundAction: Deny}\n"),
                deployment("d", "default", 1, "")));
        AdmissionResult r = h.create("Deployment", "d");
        assertThat(r.verdict()).isEqualTo("deny");
        assertThat(r.denial().denyMessage()).isEqualTo("ValidatingAdmissionPolicy 'p' with binding 'b' denied request: "
                + "failed to configure binding: no params found for policy binding with `Deny` parameterNotFoundAction");
    }

    @Test
    void configurationErrorIsIgnoredUnderFailurePolicyIgnore() {
        PolicyHarness h = new PolicyHarness(docs(
                policy("p", "failurePolicy: Ignore\nparamKind: {apiVersion: v1, kind: ConfigMap}\n" + DEPLOYMENT_RULES
                        + "validations:\n- expression: \"false\"\n"),
                binding("b", "p", "validationActions: [Deny]\nparamRef: {name: limits, parameterNotFoundAction: Deny}\n"),
                deployment("d", "default", 1, "")));
        assertThat(h.create("Deployment", "d").verdict()).isEqualTo("admit");
    }

    @Test
    void paramsAreResolvedFromTheInputAndAllowSkipsWhenMissing() {
        // generic/policy_dispatcher.go CollectParams: name in the request's namespace; Allow with none found skips.
        PolicyHarness h = new PolicyHarness(docs(
                policy("p", "paramKind: {apiVersion: v1, kind: ConfigMap}\n" + DEPLOYMENT_RULES
                        + "validations:\n- expression: \"object.spec.replicas <= int(params.data.max)\"\n"),
                binding("b", "p", "validationActions: [Deny]\nparamRef: {name: limits, parameterNotFoundAction: Allow}\n"),
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: limits, namespace: prod}\ndata: {max: \"3\"}\n",
                deployment("in-prod", "prod", 4, ""), deployment("elsewhere", "dev", 4, "")));
        assertThat(h.create("Deployment", "in-prod").verdict()).isEqualTo("deny");
        assertThat(h.create("Deployment", "elsewhere").verdict()).isEqualTo("admit");
    }

    @Test
    void paramSelectorEvaluatesOncePerParam() {
        PolicyHarness h = new PolicyHarness(docs(
                policy("p", "paramKind: {apiVersion: v1, kind: ConfigMap}\n" + DEPLOYMENT_RULES
                        + "validations:\n- expression: \"object.spec.replicas <= int(params.data.max)\"\n  messageExpression: \"'over ' + params.data.max\"\n"),
                binding("b", "p", "validationActions: [Deny]\nparamRef:\n  namespace: limits\n  selector: {matchLabels: {kind: limit}}\n  parameterNotFoundAction: Deny\n"),
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: limits, labels: {kind: limit}}\ndata: {max: \"3\"}\n",
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b, namespace: limits, labels: {kind: limit}}\ndata: {max: \"10\"}\n",
                deployment("d", "default", 4, "")));
        AdmissionResult r = h.create("Deployment", "d");
        assertThat(r.decisions()).hasSize(2);
        assertThat(r.denial().message()).isEqualTo("over 3");
    }

    @Test
    void matchConditionsSkipWhenFalseAndErrorsFollowTheValidationActions() {
        // webhook/matchconditions/matcher.go: any false skips; an error under Fail is a Deny decision that
        // dispatcher.go then treats by the binding's validationActions (a Warn binding only warns).
        String spec = DEPLOYMENT_RULES + """
                matchConditions:
                - name: only-labelled
                  expression: "'team' in object.metadata.labels"
                validations:
                - expression: "false"
                """;
        PolicyHarness h = new PolicyHarness(docs(policy("p", spec), binding("b", "p", "validationActions: [Warn]\n"),
                deployment("labelled", "default", 1, "team: a"), deployment("bare", "default", 1, "")));
        AdmissionResult labelled = h.create("Deployment", "labelled");
        assertThat(labelled.verdict()).isEqualTo("warn");
        AdmissionResult bare = h.create("Deployment", "bare");
        assertThat(bare.verdict()).isEqualTo("warn");
        assertThat(bare.warnings().get(0)).contains("expression ''team' in object.metadata.labels' resulted in error: no such key: labels");
    }

    @Test
    void namespaceObjectIsNullInMatchConditionsAndSetInValidations() {
        // matchconditions/matcher.go passes no namespace; validator.go passes cel.CreateNamespaceObject.
        PolicyHarness h = new PolicyHarness(docs(
                policy("p", DEPLOYMENT_RULES + """
                        matchConditions:
                        - name: no-namespace-here
                          expression: "namespaceObject == null"
                        validations:
                        - expression: "namespaceObject.metadata.name == 'prod'"
                        """),
                binding("b", "p", "validationActions: [Deny]\n"), deployment("d", "dev", 1, "")));
        AdmissionResult r = h.create("Deployment", "d");
        assertThat(r.verdict()).isEqualTo("deny");
    }

    @Test
    void namespaceSelectorReadsTheNamespaceLabelsAndTheNameLabel() {
        // predicates/namespace/matcher.go; the API server labels every namespace kubernetes.io/metadata.name.
        String spec = "matchConstraints:\n  namespaceSelector: {matchLabels: {env: prod}}\n"
                + DEPLOYMENT_RULES.replace("matchConstraints:\n", "") + "validations:\n- expression: \"false\"\n";
        PolicyHarness h = new PolicyHarness(docs(policy("p", spec), binding("b", "p", "validationActions: [Deny]\n"),
                "apiVersion: v1\nkind: Namespace\nmetadata: {name: prod, labels: {env: prod}}\n",
                deployment("a", "prod", 1, ""), deployment("b", "dev", 1, "")));
        assertThat(h.create("Deployment", "a").verdict()).isEqualTo("deny");
        assertThat(h.create("Deployment", "b").verdict()).isEqualTo("admit");
        assertThat(h.context.assumedNamespaces()).containsExactly("dev");

        String byName = "matchConstraints:\n  namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: dev}}\n"
                + DEPLOYMENT_RULES.replace("matchConstraints:\n", "") + "validations:\n- expression: \"false\"\n";
        PolicyHarness h2 = new PolicyHarness(docs(policy("p", byName), binding("b", "p", "validationActions: [Deny]\n"),
                deployment("b", "dev", 1, "")));
        assertThat(h2.create("Deployment", "b").verdict()).isEqualTo("deny");
    }

    @Test
    void bindingMatchResourcesNarrowTheObjects() {
        PolicyHarness h = new PolicyHarness(docs(
                policy("p", DEPLOYMENT_RULES + "validations:\n- expression: \"false\"\n"),
                binding("b", "p", "validationActions: [Deny]\nmatchResources:\n  objectSelector: {matchLabels: {enforce: \"yes\"}}\n"),
                deployment("x", "default", 1, "enforce: \"yes\""), deployment("other", "default", 1, "")));
        assertThat(h.create("Deployment", "x").verdict()).isEqualTo("deny");
        assertThat(h.create("Deployment", "other").verdict()).isEqualTo("admit");
    }

    @Test
    void aWildcardSubresourceRuleAlsoMatchesTheMainResource() {
        // predicates/rules/rules.go resource(): "deployments/*" has sub "*", which matches the empty subresource too.
        String spec = """
                matchConstraints:
                  resourceRules:
                  - apiGroups: ["apps"]
                    apiVersions: ["*"]
                    operations: ["*"]
                    resources: ["deployments/*"]
                validations:
                - expression: "false"
                """;
        PolicyHarness h = new PolicyHarness(docs(policy("p", spec), binding("b", "p", "validationActions: [Deny]\n"),
                deployment("x", "default", 1, "")));
        assertThat(h.create("Deployment", "x").verdict()).isEqualTo("deny");
    }

    @Test
    void namespacedScopeLeavesNamespacesOutAndExcludeRulesWin() {
        // rules.go scope(): a Namespace is cluster-scoped although its request carries its name as namespace.
        String spec = """
                matchConstraints:
                  resourceRules:
                  - apiGroups: ["*"]
                    apiVersions: ["*"]
                    operations: ["*"]
                    resources: ["*"]
                    scope: Namespaced
                  excludeResourceRules:
                  - apiGroups: [""]
                    apiVersions: ["v1"]
                    operations: ["*"]
                    resources: ["configmaps"]
                validations:
                - expression: "false"
                """;
        PolicyHarness h = new PolicyHarness(docs(policy("p", spec), binding("b", "p", "validationActions: [Deny]\n"),
                "apiVersion: v1\nkind: Namespace\nmetadata: {name: ns1}\n",
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm, namespace: ns1}\n",
                "apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: ns1}\n"));
        assertThat(h.create("Namespace", "ns1").verdict()).isEqualTo("admit");
        assertThat(h.create("ConfigMap", "cm").verdict()).isEqualTo("admit");
        assertThat(h.create("Secret", "s").verdict()).isEqualTo("deny");
    }

    @Test
    void equivalentMatchPolicyMatchesAnotherServedVersion() {
        // policy/matching/matching.go: Exact matches only the request's resource; Equivalent tries the equivalents.
        String rules = """
                matchConstraints:
                  matchPolicy: %s
                  resourceRules:
                  - apiGroups: ["autoscaling"]
                    apiVersions: ["v1"]
                    operations: ["CREATE"]
                    resources: ["horizontalpodautoscalers"]
                validations:
                - expression: "request.kind.version == 'v1' && request.requestKind.version == 'v2' && false"
                """;
        String hpa = "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h, namespace: default}\nspec: {}\n";
        PolicyHarness exact = new PolicyHarness(docs(policy("p", rules.formatted("Exact")), binding("b", "p", "validationActions: [Deny]\n"), hpa));
        assertThat(exact.create("HorizontalPodAutoscaler", "h").verdict()).isEqualTo("admit");
        PolicyHarness equivalent = new PolicyHarness(docs(policy("p", rules.formatted("Equivalent")), binding("b", "p", "validationActions: [Deny]\n"), hpa));
        AdmissionResult r = equivalent.create("HorizontalPodAutoscaler", "h");
        assertThat(r.verdict()).isEqualTo("deny");
    }

    @Test
    void variablesAreLazyOrderedAndTheirErrorsNamed() {
        // cel/composition.go: a variable is evaluated when read; its error reads
        // composited variable "x" fails to evaluate: ...
        PolicyHarness h = new PolicyHarness(docs(
                policy("p", DEPLOYMENT_RULES + """
                        variables:
                        - name: replicas
                          expression: "object.spec.replicas"
                        - name: tooMany
                          expression: "variables.replicas > 5"
                        - name: broken
                          expression: "object.spec.nope"
                        validations:
                        - expression: "!variables.tooMany"
                        - expression: "variables.broken == 1"
                        """),
                binding("b", "p", "validationActions: [Deny]\n"), deployment("d", "default", 6, "")));
        assertThat(h.input.errors()).isEmpty();
        AdmissionResult r = h.create("Deployment", "d");
        assertThat(r.decisions()).extracting(AdmissionResult.Decision::message).containsExactly(
                "failed expression: !variables.tooMany",
                "expression 'variables.broken == 1' resulted in error: composited variable \"broken\" fails to evaluate: no such key: nope");
    }

    @Test
    void variablesSharedBetweenPoliciesGiveEachPolicyItsOwnValue() {
        // A variable that reads only the object is evaluated once per request and its result reused by
        // every policy where the same expression reads the same variables (CompiledPolicy.variableShareKeys).
        // Each policy must still see exactly what evaluating it alone gives: the same name with another
        // expression, the same expression over a variable of another expression, and variables reading
        // params are not shared.
        PolicyHarness h = new PolicyHarness(docs(
                policy("same-a", DEPLOYMENT_RULES + """
                        variables:
                        - {name: replicas, expression: "object.spec.replicas"}
                        - {name: tooMany, expression: "variables.replicas > 5"}
                        validations:
                        - expression: "!variables.tooMany"
                        """),
                policy("same-b", DEPLOYMENT_RULES + """
                        variables:
                        - {name: replicas, expression: "object.spec.replicas"}
                        - {name: tooMany, expression: "variables.replicas > 5"}
                        validations:
                        - expression: "!variables.tooMany"
                        """),
                policy("other-name-source", DEPLOYMENT_RULES + """
                        variables:
                        - {name: replicas, expression: "object.metadata.name"}
                        validations:
                        - expression: "variables.replicas == 'd'"
                        """),
                policy("other-dependency", DEPLOYMENT_RULES + """
                        variables:
                        - {name: replicas, expression: "1"}
                        - {name: tooMany, expression: "variables.replicas > 5"}
                        validations:
                        - expression: "!variables.tooMany"
                        """),
                policy("with-params", "paramKind: {apiVersion: v1, kind: ConfigMap}\n" + DEPLOYMENT_RULES + """
                        variables:
                        - {name: max, expression: "int(params.data.max)"}
                        validations:
                        - expression: "object.spec.replicas <= variables.max"
                        """),
                binding("a", "same-a", "validationActions: [Deny]\n"),
                binding("b", "same-b", "validationActions: [Deny]\n"),
                binding("c", "other-name-source", "validationActions: [Deny]\n"),
                binding("d", "other-dependency", "validationActions: [Deny]\n"),
                binding("low", "with-params", "validationActions: [Deny]\nparamRef: {name: low, namespace: default, parameterNotFoundAction: Deny}\n"),
                binding("high", "with-params", "validationActions: [Deny]\nparamRef: {name: high, namespace: default, parameterNotFoundAction: Deny}\n"),
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: low, namespace: default}\ndata: {max: \"3\"}\n",
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: high, namespace: default}\ndata: {max: \"10\"}\n",
                deployment("d", "default", 6, "")));
        assertThat(h.input.errors()).isEmpty();
        AdmissionResult r = h.create("Deployment", "d");
        assertThat(r.decisions()).extracting(d -> d.policy() + "/" + d.binding() + ": " + d.evaluation()).containsExactlyInAnyOrder(
                "same-a/a: DENY", "same-b/b: DENY", "other-name-source/c: ADMIT", "other-dependency/d: ADMIT",
                "with-params/low: DENY", "with-params/high: ADMIT");
    }

    @Test
    void aSharedVariableOverThePerCallLimitFailsInEveryPolicyThatReadsIt() {
        String rules = DEPLOYMENT_RULES + """
                variables:
                - {name: heavy, expression: "lists.range(2000).all(i, lists.range(2000).all(j, i + j >= 0))"}
                validations:
                - expression: "variables.heavy"
                """;
        PolicyHarness h = new PolicyHarness(docs(policy("p1", rules), policy("p2", rules),
                binding("b1", "p1", "validationActions: [Deny]\n"), binding("b2", "p2", "validationActions: [Deny]\n"),
                deployment("d", "default", 1, "")));
        AdmissionResult r = h.create("Deployment", "d");
        assertThat(r.decisions()).hasSize(2).allSatisfy(d -> assertThat(d.message())
                .endsWith("composited variable \"heavy\" fails to evaluate: operation cancelled: actual cost limit exceeded"));
    }

    @Test
    void auditAnnotationsArePublishedUnderThePolicyName() {
        // validating/dispatcher.go auditAnnotationCollector.publish: policyName + "/" + key; validator.go leaves
        // out null and empty values. (A conditional of string and null does not type-check, in cel-go as here.)
        PolicyHarness h = new PolicyHarness(docs(
                policy("p", DEPLOYMENT_RULES + """
                        auditAnnotations:
                        - key: high-replica-count
                          valueExpression: "object.spec.replicas > 5 ? 'Deployment spec.replicas set to ' + string(object.spec.replicas) : ''"
                        - key: never
                          valueExpression: "null"
                        """),
                binding("b", "p", "validationActions: [Audit]\n"), deployment("d", "default", 6, ""), deployment("e", "default", 1, "")));
        assertThat(h.create("Deployment", "d").auditAnnotations()).isEqualTo(Map.of("p/high-replica-count", "Deployment spec.replicas set to 6"));
        assertThat(h.create("Deployment", "e").auditAnnotations()).isEmpty();
    }

    @Test
    void authorizerAnswersFromRbacAndServiceAccountsAreNotAuthenticatedUsers() {
        // library/authz.go; serviceaccount.UserInfo gives only the service account groups.
        String rbac = """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: pod-creator}
                rules:
                - apiGroups: [""]
                  resources: ["pods"]
                  verbs: ["create"]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata: {name: everyone-creates-pods}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: pod-creator}
                subjects:
                - {kind: Group, name: "system:authenticated", apiGroup: rbac.authorization.k8s.io}
                """;
        PolicyHarness h = new PolicyHarness(docs(rbac,
                policy("p", DEPLOYMENT_RULES + """
                        validations:
                        - expression: "authorizer.group('').resource('pods').namespace('default').check('create').allowed()"
                        - expression: "!authorizer.serviceAccount('default', 'sa').group('').resource('pods').check('create').allowed()"
                        - expression: "authorizer.group('').resource('pods').check('create').reason() == 'RBAC: allowed by ClusterRoleBinding \\"everyone-creates-pods\\" of ClusterRole \\"pod-creator\\" to Group \\"system:authenticated\\"'"
                        """),
                binding("b", "p", "validationActions: [Deny]\n"), deployment("d", "default", 1, "")));
        AdmissionResult r = h.create("Deployment", "d");
        assertThat(r.decisions()).allSatisfy(d -> assertThat(d.evaluation()).as(d.expression() + " " + d.message())
                .isEqualTo(AdmissionResult.Evaluation.ADMIT));
    }

    @Test
    void anExpressionOverThePerCallLimitIsStoppedAndDenies() {
        // interpreter/runtimecost.go: "operation cancelled: actual cost limit exceeded" past PerCallLimit (apis/cel/config.go).
        PolicyHarness h = new PolicyHarness(docs(
                policy("p", DEPLOYMENT_RULES + """
                        validations:
                        - expression: "lists.range(2000).all(i, lists.range(2000).all(j, i + j >= 0))"
                        """),
                binding("b", "p", "validationActions: [Deny]\n"), deployment("d", "default", 1, "")));
        AdmissionResult r = h.create("Deployment", "d");
        assertThat(r.verdict()).isEqualTo("deny");
        assertThat(r.denial().message()).endsWith("resulted in error: operation cancelled: actual cost limit exceeded");
    }

    @Test
    void thePoliciesThemselvesAreNeverEvaluated() {
        // predicates/rules/rules.go IsExemptAdmissionConfigurationResource.
        String spec = """
                matchConstraints:
                  resourceRules:
                  - apiGroups: ["*"]
                    apiVersions: ["*"]
                    operations: ["*"]
                    resources: ["*"]
                validations:
                - expression: "false"
                """;
        PolicyHarness h = new PolicyHarness(docs(policy("p", spec), binding("b", "p", "validationActions: [Deny]\n")));
        assertThat(h.create("ValidatingAdmissionPolicy", "p").verdict()).isEqualTo("admit");
    }

    @Test
    void invalidPoliciesAreInputErrorsWithTheFieldAndLine() {
        // pkg/apis/admissionregistration/validation/validation.go and cel/compile.go's messages.
        PolicyHarness h = new PolicyHarness(docs(
                policy("p", DEPLOYMENT_RULES + "validations:\n- expression: \"object.spec.replicas\"\n- expression: \"request.namex == 1\"\n"),
                binding("b", "p", "validationActions: [Deny, Warn]\n")));
        List<String> errors = h.input.errors().stream().map(Object::toString).toList();
        assertThat(errors).anySatisfy(e -> assertThat(e).contains("test.yaml:").contains("spec.validationActions")
                .contains("must not contain both Deny and Warn"));
        assertThat(errors).anySatisfy(e -> assertThat(e).contains("spec.validations[0].expression: must evaluate to bool but got dyn"));
        assertThat(errors).anySatisfy(e -> assertThat(e).contains("spec.validations[1].expression: compilation failed: ERROR: <input>:1:8: undefined field 'namex'"));
    }

    @Test
    void librariesAreGatedByVersion() {
        // environment/base.go: semver arrived in 1.33, so a 1.32 API server does not know it.
        String p = policy("p", DEPLOYMENT_RULES + "validations:\n- expression: \"isSemver('1.0.0')\"\n");
        assertThat(new PolicyHarness(p, CelVersion.of(1, 32)).input.errors()).hasSize(1);
        assertThat(new PolicyHarness(p, CelVersion.of(1, 33)).input.errors()).isEmpty();
    }
}
