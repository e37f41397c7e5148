package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditPolicyCommandTest {
    private static final String DIR = "src/test/resources/audit/";

    @Test
    void theGcePolicyShapeDropsNothingAndExitsZero() {
        CliRunner r = CliRunner.run("audit-policy", DIR + "gce-shape.yaml");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("17 security-relevant requests: 0 dropped, 0 too low, 0 leaking secret bodies")
                .doesNotContain("DROPPED").doesNotContain("LEAKS");
        assertThat(r.out()).containsPattern(
                "ok +RequestResponse +ResponseComplete +6 +create rbac.authorization.k8s.io/clusterrolebindings as jane");
        assertThat(r.out()).containsPattern("ok +Metadata +ResponseComplete +4 +get secrets db-credentials in shop as jane");
    }

    @Test
    void aLeakyPolicyIsFlaggedLineByLineAndExitsOne() {
        CliRunner r = CliRunner.run("audit-policy", DIR + "leaky.yaml");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).containsPattern("DROPPED +None +- +0 +create pods/exec web-0 in shop as jane \\(pod-exec\\)");
        assertThat(r.out()).containsPattern("DROPPED +None +- +1 +list secrets in shop as system:serviceaccount:shop:web");
        assertThat(r.out()).containsPattern("LEAKS +RequestResponse .* get secrets db-credentials in shop as jane");
        // port-forward is long-running: all three of its stages are logged.
        assertThat(r.out()).containsPattern(
                "ok +RequestResponse +RequestReceived,ResponseStarted,ResponseComplete +2 +create pods/portforward");
    }

    @Test
    void jsonCarriesLevelStagesRuleAndStatusPerRequest() throws Exception {
        CliRunner r = CliRunner.run("audit-policy", DIR + "leaky.yaml", "--format", "json");
        assertThat(r.exitCode()).isEqualTo(1);
        JsonNode root = new ObjectMapper().readTree(r.out());
        Map<String, JsonNode> byEvent = new HashMap<>();
        root.get("results").forEach(n -> byEvent.put(n.get("event").asText(), n));
        JsonNode exec = byEvent.get("pod-exec-by-service-account");
        assertThat(exec.get("status").asText()).isEqualTo("dropped");
        assertThat(exec.get("rule").asInt()).isZero();
        assertThat(exec.get("stages")).isEmpty();
        assertThat(exec.at("/request/subresource").asText()).isEqualTo("exec");
        assertThat(byEvent.get("secret-read").get("status").asText()).isEqualTo("leaks-body");
        assertThat(byEvent.get("node-change").get("rule").asInt()).isEqualTo(2);
        assertThat(root.at("/summary/dropped").asInt()).isEqualTo(4);
    }

    @Test
    void anInvalidPolicyOrANonPolicyIsExitTwoWithTheLine() {
        CliRunner invalid = CliRunner.run("audit-policy", DIR + "invalid.yaml");
        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(invalid.err()).contains(DIR + "invalid.yaml:5: rule 1: level 'metadata' is not one of");
        assertThat(invalid.out()).isEmpty();

        CliRunner notAPolicy = CliRunner.run("audit-policy", "src/test/resources/fixtures/checks/secret-as-env/pass.yaml");
        assertThat(notAPolicy.exitCode()).isEqualTo(2);
        assertThat(notAPolicy.err()).contains("no audit.k8s.io Policy in the file");

        assertThat(CliRunner.run("audit-policy", DIR + "missing.yaml").exitCode()).isEqualTo(2);
    }
}
