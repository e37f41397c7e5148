package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubeward.report.Framework;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** scan --framework and kubeward frameworks on the examples. */
class FrameworkCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static java.util.List<String> ids() {
        return Framework.IDS;
    }

    @ParameterizedTest
    @MethodSource("ids")
    void everyFrameworkAccountsForEveryControlAndScoresTheJudgedOnes(String id) throws Exception {
        CliRunner r = CliRunner.run("scan", "examples/hardened", "--framework", id, "-f", "json", "-c", "examples/kubeward.yaml");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode doc = JSON.readTree(r.out());
        JsonNode s = doc.get("summary");
        int passed = s.get("passed").asInt();
        int failed = s.get("failed").asInt();
        assertThat(passed + failed + s.get("notApplicable").asInt() + s.get("notCheckable").asInt())
                .isEqualTo(s.get("controls").asInt()).isEqualTo(doc.get("controls").size());
        if (passed + failed > 0) {
            assertThat(s.get("score").asInt()).isEqualTo(passed * 100 / (passed + failed));
        }
        for (JsonNode c : doc.get("controls")) {
            String status = c.get("status").asText();
            assertThat(status.equals("failed")).as(c.get("id").asText()).isEqualTo(!c.get("findings").isEmpty());
            if (status.startsWith("not-")) {
                assertThat(c.get("reason").asText()).isNotBlank();
            }
        }
    }

    @Test
    void theInsecureExampleFailsPssControlsWithTheirFindings() throws Exception {
        CliRunner r = CliRunner.run("scan", "examples/insecure", "--framework", "pss-baseline", "-f", "json");
        JsonNode doc = JSON.readTree(r.out());
        JsonNode privileged = null;
        for (JsonNode c : doc.get("controls")) {
            if (c.get("id").asText().equals("Baseline: Privileged Containers")) {
                privileged = c;
            }
        }
        assertThat(privileged.get("status").asText()).isEqualTo("failed");
        assertThat(privileged.get("findings").findValuesAsText("checkId")).containsOnly("privileged-container");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void textNamesNotCheckableControlsAndEndsWithTheScore() {
        CliRunner r = CliRunner.run("scan", "examples/hardened", "--framework", "checklist", "-c", "examples/kubeward.yaml");
        assertThat(r.out()).contains("Build: images").contains("not checkable").contains("outside what kubeward reads")
                .containsPattern("(?m)^Kubernetes hardening checklist .*: \\d+ passed, \\d+ failed, \\d+ not applicable, \\d+ not checkable; score \\d+%");
        CliRunner q = CliRunner.run("scan", "examples/hardened", "--framework", "cis", "-q", "-c", "examples/kubeward.yaml");
        assertThat(q.out().strip().lines()).hasSize(1);
    }

    @Test
    void usageErrors() {
        CliRunner r = CliRunner.run("scan", "examples/hardened", "--framework", "nsa");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("unknown framework 'nsa'").contains("nsa-cisa");
        r = CliRunner.run("scan", "examples/hardened", "--framework", "cis", "-f", "sarif");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--framework writes text, json or html");
    }

    @Test
    void frameworksListsThemWithVersions() throws Exception {
        CliRunner r = CliRunner.run("frameworks");
        assertThat(r.exitCode()).isZero();
        for (String id : Framework.IDS) {
            assertThat(r.out()).contains(id);
        }
        assertThat(r.out()).contains("v1.12").contains("1.2 (August 2022)");
        JsonNode doc = JSON.readTree(CliRunner.run("frameworks", "-f", "json").out());
        assertThat(doc.get("frameworks")).hasSize(Framework.IDS.size());
    }
}
