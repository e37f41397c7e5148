package dev.kubeward.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.check.CheckRegistry;
import dev.kubeward.check.Config;
import dev.kubeward.check.ConfigException;
import dev.kubeward.check.Finding;
import dev.kubeward.check.Scanner;
import dev.kubeward.model.Inventory;
import dev.kubeward.model.Resource;
import dev.kubeward.source.LoadResult;
import dev.kubeward.source.ManifestLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The webhook's decisions: modes, UPDATE ratcheting, exemptions, CEL policies, the response's shape. */
class AdmissionEngineTest {

    static final String PRIVILEGED_POD = """
            apiVersion: v1
            kind: Pod
            metadata: {name: root-shell}
            spec:
              containers:
              - name: shell
                image: registry.example.com/shell:1.0
                securityContext: {privileged: true}
            """;

    static final String PLAIN_POD = """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers:
              - name: web
                image: registry.example.com/web:1.0
            """;

    static final String HOST_NETWORK_POD = """
            apiVersion: v1
            kind: Pod
            metadata: {name: sniffer}
            spec:
              hostNetwork: true
              containers:
              - name: c
                image: registry.example.com/sniffer:1.0
            """;

    @TempDir
    Path dir;

    private static JsonNode answer(AdmissionEngine engine, JsonNode review) throws Exception {
        return Reviews.answer(new AdmissionEndpoints(engine), review);
    }

    @Test
    void defaultDeniesCriticalChecksAndPssBaselineWithEachViolationAndItsField() throws Exception {
        JsonNode r = answer(Reviews.engine(null), Reviews.create(Reviews.yaml(PRIVILEGED_POD), "shop"));
        JsonNode resp = r.path("response");
        assertThat(r.path("apiVersion").asText()).isEqualTo("admission.k8s.io/v1");
        assertThat(r.path("kind").asText()).isEqualTo("AdmissionReview");
        assertThat(resp.path("uid").asText()).isEqualTo("705ab4f5-6393-11e8-b7cc-42010a800002");
        assertThat(resp.path("allowed").asBoolean()).isFalse();
        assertThat(resp.path("status").path("code").asInt()).isEqualTo(403);
        assertThat(resp.path("status").path("reason").asText()).isEqualTo("Forbidden");
        String message = resp.path("status").path("message").asText();
        assertThat(message).contains("[privileged-container]").contains("spec.containers[0].securityContext.privileged")
                .contains("[pss:baseline] Privileged Containers");
    }

    @Test
    void defaultWarnsOnNonCriticalChecksAndAllows() throws Exception {
        JsonNode resp = answer(Reviews.engine(null), Reviews.create(Reviews.yaml(PLAIN_POD), "shop")).path("response");
        assertThat(resp.path("allowed").asBoolean()).isTrue();
        assertThat(resp.has("status")).isFalse();
        List<String> warnings = texts(resp.path("warnings"));
        // The plain pod runs as root by default and has no limits: warned, not denied.
        assertThat(warnings).isNotEmpty().allMatch(w -> w.startsWith("["));
        assertThat(warnings).anyMatch(w -> w.contains("run-as-root") || w.contains("run-as-non-root") || w.contains("allow-privilege-escalation"));
    }

    @Test
    void pssBaselineViolationAloneDenies() throws Exception {
        JsonNode resp = answer(Reviews.engine(null), Reviews.create(Reviews.yaml(HOST_NETWORK_POD), "shop")).path("response");
        assertThat(resp.path("allowed").asBoolean()).isFalse();
        assertThat(resp.path("status").path("message").asText()).contains("[pss:baseline] Host Namespaces").contains("spec.hostNetwork");
    }

    @Test
    void restrictedLevelDeniesWhatBaselineAllows() throws Exception {
        AdmissionEngine baseline = Reviews.engine(null);
        AdmissionEngine restricted = Reviews.engine("admission: {pss: {level: restricted, version: v1.30}}");
        ObjectNode review = Reviews.create(Reviews.yaml(PLAIN_POD), "shop");
        assertThat(answer(baseline, review).path("response").path("allowed").asBoolean()).isTrue();
        JsonNode resp = answer(restricted, review).path("response");
        assertThat(resp.path("allowed").asBoolean()).isFalse();
        assertThat(resp.path("status").path("message").asText()).contains("[pss:restricted]").contains("runAsNonRoot");
    }

    @Test
    void modesPerCheckCategorySeverityAndPss() throws Exception {
        AdmissionEngine warnOnly = Reviews.engine("""
                admission:
                  modes:
                    privileged-container: warn
                    pss: warn
                """);
        JsonNode resp = answer(warnOnly, Reviews.create(Reviews.yaml(PRIVILEGED_POD), "shop")).path("response");
        assertThat(resp.path("allowed").asBoolean()).isTrue();
        assertThat(texts(resp.path("warnings"))).anyMatch(w -> w.startsWith("[privileged-container]"))
                .anyMatch(w -> w.startsWith("[pss:baseline]"));

        AdmissionEngine audit = Reviews.engine("""
                admission:
                  defaultMode: off
                  modes: {"severity:critical": audit, pss: off}
                """);
        resp = answer(audit, Reviews.create(Reviews.yaml(PRIVILEGED_POD), "shop")).path("response");
        assertThat(resp.path("allowed").asBoolean()).isTrue();
        assertThat(resp.has("warnings")).isFalse();
        assertThat(resp.path("auditAnnotations").path("audit-violations").asText()).contains("[privileged-container]")
                .doesNotContain("pss:");

        AdmissionEngine category = Reviews.engine("""
                admission:
                  modes: {"category:Pod security": enforce, pss: off, "severity:critical": warn}
                """);
        resp = answer(category, Reviews.create(Reviews.yaml(PLAIN_POD), "shop")).path("response");
        assertThat(resp.path("allowed").asBoolean()).isFalse();
        assertThat(resp.path("status").path("message").asText()).doesNotContain("pss:");
        // The most specific rule wins: the id over its category.
        AdmissionEngine specific = Reviews.engine("""
                admission:
                  modes: {"category:Pod security": warn, privileged-container: enforce, pss: off}
                """);
        resp = answer(specific, Reviews.create(Reviews.yaml(PRIVILEGED_POD), "shop")).path("response");
        assertThat(resp.path("status").path("message").asText()).contains("1 violation: [privileged-container]");
    }

    @Test
    void updateDeniesOnlyNewViolationsAndWarnsOnOldOnes() throws Exception {
        AdmissionEngine engine = Reviews.engine(null);
        JsonNode privileged = Reviews.yaml(PRIVILEGED_POD);
        ObjectNode relabelled = privileged.deepCopy();
        ((ObjectNode) relabelled.path("metadata")).putObject("labels").put("team", "shop");
        JsonNode resp = answer(engine, Reviews.review("UPDATE", relabelled, privileged, "shop", "alice")).path("response");
        assertThat(resp.path("allowed").asBoolean()).isTrue();
        assertThat(texts(resp.path("warnings"))).anyMatch(w -> w.startsWith("[privileged-container]")
                && w.endsWith("(already in the current object, so not denied)"));

        JsonNode plain = Reviews.yaml(PRIVILEGED_POD.replace("{privileged: true}", "{privileged: false}"));
        resp = answer(engine, Reviews.review("UPDATE", privileged, plain, "shop", "alice")).path("response");
        assertThat(resp.path("allowed").asBoolean()).isFalse();
        assertThat(resp.path("status").path("message").asText()).contains("[privileged-container]");
    }

    @Test
    void exemptionsByNamespaceUserGroupAndAnnotation() throws Exception {
        AdmissionEngine engine = Reviews.engine("""
                admission:
                  exempt:
                    namespaces: [kube-*]
                    users: ["system:serviceaccount:ci:*"]
                    groups: [breakglass]
                """);
        JsonNode pod = Reviews.yaml(PRIVILEGED_POD);
        JsonNode resp = answer(engine, Reviews.create(pod, "kube-system")).path("response");
        assertThat(resp.path("allowed").asBoolean()).isTrue();
        assertThat(resp.path("auditAnnotations").path("exempt").asText()).contains("namespace kube-system");
        assertThat(answer(engine, Reviews.review("CREATE", pod, null, "shop", "system:serviceaccount:ci:deployer"))
                .path("response").path("allowed").asBoolean()).isTrue();
        assertThat(answer(engine, Reviews.review("CREATE", pod, null, "shop", "bob", "breakglass"))
                .path("response").path("allowed").asBoolean()).isTrue();
        assertThat(answer(engine, Reviews.review("CREATE", pod, null, "shop", "bob", "developers"))
                .path("response").path("allowed").asBoolean()).isFalse();

        // The scanner's own annotation, with its reason, exempts the check it names and nothing else.
        ObjectNode annotated = pod.deepCopy();
        ((ObjectNode) annotated.path("metadata")).putObject("annotations").put("kubeward.dev/ignore", "privileged-container")
                .put("kubeward.dev/ignore-reason", "debug shell, approved in SEC-12");
        String message = answer(Reviews.engine(null), Reviews.create(annotated, "shop")).path("response").path("status")
                .path("message").asText();
        assertThat(message).doesNotContain("[privileged-container]").contains("[pss:baseline]");
    }

    @Test
    void unknownKindsAndSubresourcesAreAllowed() throws Exception {
        AdmissionEngine engine = Reviews.engine(null);
        JsonNode widget = Reviews.yaml("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {privileged: true}\n");
        JsonNode resp = answer(engine, Reviews.create(widget, "shop")).path("response");
        assertThat(resp.path("allowed").asBoolean()).isTrue();
        assertThat(resp.has("warnings")).isFalse();

        ObjectNode status = Reviews.review("UPDATE", Reviews.yaml(PRIVILEGED_POD), Reviews.yaml(PLAIN_POD), "shop", "kubelet");
        ((ObjectNode) status.path("request")).put("subResource", "status");
        assertThat(answer(engine, status).path("response").path("allowed").asBoolean()).isTrue();
    }

    static final String POLICIES = """
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicy
            metadata: {name: require-team}
            spec:
              matchConstraints:
                resourceRules:
                - {apiGroups: [""], apiVersions: [v1], operations: [CREATE, UPDATE], resources: [configmaps]}
              validations:
              - expression: "has(object.metadata.labels) && 'team' in object.metadata.labels"
                message: every ConfigMap names its team
            ---
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicyBinding
            metadata: {name: require-team}
            spec: {policyName: require-team, validationActions: [Deny]}
            ---
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicy
            metadata: {name: keep-protected}
            spec:
              matchConstraints:
                resourceRules:
                - {apiGroups: [""], apiVersions: [v1], operations: [DELETE], resources: [configmaps]}
              validations:
              - expression: "!has(oldObject.metadata.labels) || !('protected' in oldObject.metadata.labels)"
                message: protected ConfigMaps are not deleted
            ---
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicyBinding
            metadata: {name: keep-protected}
            spec: {policyName: keep-protected, validationActions: [Warn, Audit]}
            """;

    @Test
    void celPoliciesDecideByTheirBindingsActionsUnlessConfigured() throws Exception {
        Path policies = Reviews.write(dir, "policies.yaml", POLICIES);
        AdmissionEngine engine = Reviews.engine(null, policies);
        JsonNode cm = Reviews.yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {a: b}\n");
        JsonNode resp = answer(engine, Reviews.create(cm, "shop")).path("response");
        assertThat(resp.path("allowed").asBoolean()).isFalse();
        assertThat(resp.path("status").path("message").asText()).contains("[vap:require-team] every ConfigMap names its team");

        JsonNode labelled = Reviews.yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: s, labels: {team: a, protected: 'yes'}}\n");
        assertThat(answer(engine, Reviews.create(labelled, "shop")).path("response").path("allowed").asBoolean()).isTrue();

        // DELETE reaches the policy that asks for it: Warn and Audit, so allowed with both.
        resp = answer(engine, Reviews.review("DELETE", null, labelled, "shop", "alice")).path("response");
        assertThat(resp.path("allowed").asBoolean()).isTrue();
        assertThat(texts(resp.path("warnings"))).containsExactly("[vap:keep-protected] protected ConfigMaps are not deleted (binding keep-protected)");
        assertThat(resp.path("auditAnnotations").path("audit-violations").asText()).contains("vap:keep-protected");

        AdmissionEngine configured = Reviews.engine("admission: {modes: {\"vap:require-*\": warn}}", policies);
        resp = answer(configured, Reviews.create(cm, "shop")).path("response");
        assertThat(resp.path("allowed").asBoolean()).isTrue();
        assertThat(texts(resp.path("warnings"))).anyMatch(w -> w.startsWith("[vap:require-team]"));
    }

    @Test
    void dryRunRequestsGetTheSameAnswer() throws Exception {
        AdmissionEngine engine = Reviews.engine(null);
        ObjectNode review = Reviews.create(Reviews.yaml(PRIVILEGED_POD), "shop");
        ((ObjectNode) review.path("request")).put("dryRun", true);
        assertThat(answer(engine, review).path("response").path("allowed").asBoolean()).isFalse();
    }

    @Test
    void reviewVersionIsEchoedAndAuditKeysAreValid() throws Exception {
        Path policies = Reviews.write(dir, "p.yaml", POLICIES);
        ObjectNode review = Reviews.review("DELETE", null,
                Reviews.yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: s, labels: {protected: 'y'}}\n"), "shop", "alice");
        review.put("apiVersion", "admission.k8s.io/v1beta1");
        JsonNode r = answer(Reviews.engine(null, policies), review);
        assertThat(r.path("apiVersion").asText()).isEqualTo("admission.k8s.io/v1beta1");
        r.path("response").path("auditAnnotations").fieldNames().forEachRemaining(k ->
                assertThat(AdmissionReview.validAuditKey(k)).as(k).isTrue());
        assertThat(AdmissionReview.auditKey("vap.require-team/owner")).isEqualTo("vap.require-team.owner");
        assertThat(AdmissionReview.validAuditKey(AdmissionReview.auditKey("x".repeat(100) + "/é"))).isTrue();
    }

    @Test
    void warningsStayWithinTheApiServersLimits() {
        Warnings w = new Warnings();
        w.add("a\nb\tc");
        w.add("long " + "x".repeat(1000));
        for (int i = 0; i < 100; i++) {
            w.add("warning number " + i + " " + "y".repeat(100));
        }
        w.add("a\nb\tc");
        List<String> list = w.list();
        assertThat(list.get(0)).isEqualTo("a b c");
        assertThat(list).allMatch(s -> s.codePointCount(0, s.length()) <= Warnings.MAX_ITEM);
        assertThat(list.stream().mapToInt(s -> s.codePointCount(0, s.length())).sum()).isLessThanOrEqualTo(Warnings.MAX_TOTAL);
        assertThat(list.get(list.size() - 1)).matches("kubeward: \\d+ more warnings not shown \\(the API server's limit\\)");
        assertThat(list.stream().filter(s -> s.equals("a b c"))).hasSize(1);
    }

    @Test
    void malformedReviewsAreRefusedWithTheReason() {
        AdmissionEndpoints endpoints;
        try {
            endpoints = new AdmissionEndpoints(Reviews.engine(null));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        String[][] cases = {
            {"{", "not JSON"},
            {"[]", "not a JSON object"},
            {"{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"Pod\"}", "kind must be AdmissionReview"},
            {"{\"apiVersion\":\"v1\",\"kind\":\"AdmissionReview\"}", "apiVersion must be admission.k8s.io/v1"},
            {"{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\"}", "request is missing"},
            {"{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"operation\":\"CREATE\"}}", "request.uid is missing"},
            {"{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"1\",\"operation\":\"PATCH\"}}", "request.operation must be"},
            {"{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"1\",\"operation\":\"CREATE\",\"kind\":{\"version\":\"v1\",\"kind\":\"Pod\"},\"resource\":{\"version\":\"v1\",\"resource\":\"pods\"}}}", "request.object is missing"},
            {"{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"1\",\"operation\":\"CREATE\",\"kind\":{\"version\":\"v1\",\"kind\":\"Pod\"},\"resource\":{\"version\":\"v1\",\"resource\":\"pods\"},\"object\":[1]}}", "request.object must be an object"},
            {"{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"1\",\"operation\":\"CREATE\",\"kind\":{\"version\":\"v1\",\"kind\":\"Pod\"},\"resource\":{\"version\":\"v1\",\"resource\":\"pods\"},\"object\":{},\"userInfo\":{\"groups\":\"x\"}}}", "userInfo.groups"},
            {"[".repeat(5000), "not JSON"},
        };
        for (String[] c : cases) {
            Route.Reply reply = endpoints.validate(new Route.Call("POST", "/validate", null, "application/json",
                    c[0].getBytes(java.nio.charset.StandardCharsets.UTF_8), "127.0.0.1"));
            assertThat(reply.status()).as(c[0]).isEqualTo(400);
            assertThat(new String(reply.body())).as(c[0]).startsWith("malformed AdmissionReview: ").contains(c[1]);
        }
    }

    @Test
    void configurationErrorsNameTheKey() {
        String[][] cases = {
            {"admission: {mode: x}", "unknown key 'mode'"},
            {"admission: {modes: {privileged-container: deny}}", "a mode must be enforce, warn, audit or off"},
            {"admission: {modes: {no-such-check: warn}}", "unknown check 'no-such-check'"},
            {"admission: {modes: {\"severity:urgent\": warn}}", "the severity must be one of"},
            {"admission: {modes: {\"label:x\": warn}}", "is not a rule"},
            {"admission: {pss: {level: Baseline}}", "admission.pss.level must be"},
            {"admission: {pss: {version: \"1.30\"}}", "admission.pss.version must be latest"},
            {"admission: {exempt: {namespaces: kube-system}}", "must be a list of strings"},
            {"admission: {mutate: yes please}", "admission.mutate must be true or false"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> Config.parse(Reviews.yaml(c[0]), "kubeward.yaml", p -> 7, CheckRegistry.builtIn().ids()))
                    .as(c[0]).isInstanceOf(ConfigException.class).hasMessageContaining(c[1])
                    .satisfies(e -> assertThat(e.toString()).contains("kubeward.yaml:7"));
        }
    }

    /**
     * The checks run at admission see the object alone; for each of them, each bundled example
     * object alone gets exactly the findings it gets in a scan of the whole examples directory.
     * A check whose findings depend on other objects belongs in CLUSTER_DEPENDENT.
     */
    @Test
    void admissionChecksNeedNoOtherObject() {
        LoadResult loaded = new ManifestLoader().load(List.of("examples"));
        List<Resource> all = loaded.resources();
        CheckRegistry admissible = CheckRegistry.builtIn().only(m -> !AdmissionEngine.CLUSTER_DEPENDENT.contains(m.id()));
        Config cfg = Config.DEFAULT;
        Scanner scanner = new Scanner(admissible, cfg);
        Inventory whole = new Inventory(all);
        List<Finding> together = scanner.scan(whole);
        List<String> mismatches = new ArrayList<>();
        for (Resource r : all) {
            if (r.apiVersion().startsWith("kubeward.dev/")) {
                continue; // Dockerfiles and node files never reach admission
            }
            List<String> alone = scanner.scan(new Inventory(List.of(r)), List.of(r)).stream()
                    .filter(f -> f.resource().equals(r.ref())).map(AdmissionEngineTest::key).sorted().toList();
            List<String> with = together.stream().filter(f -> f.resource().equals(r.ref()) && f.file().equals(r.origin().file())
                    && f.document() == r.origin().document()).map(AdmissionEngineTest::key).sorted().toList();
            if (!alone.equals(with)) {
                List<String> diff = new ArrayList<>(alone);
                diff.removeAll(with);
                List<String> missing = new ArrayList<>(with);
                missing.removeAll(alone);
                mismatches.add(r.displayName() + ": alone only " + diff + ", together only " + missing);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    private static String key(Finding f) {
        return f.checkId() + " " + f.path();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static String joined(List<String> l) {
        return l.stream().collect(Collectors.joining("\n"));
    }
}
