package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scan --report-unused-exemptions and --now, in every format. */
class ExemptionCommandLineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: p
              namespace: shop
              annotations:
                kubeward.dev/ignore: "privileged-container, host-pid"
                kubeward.dev/ignore-reason: node debugger (SEC-42)
                kubeward.dev/ignore-until: 2026-05-31
            spec:
              containers:
                - name: app
                  image: registry.example.com/app:1@sha256:aaaa
                  securityContext:
                    privileged: true
            """;
    private static final String CONFIG = """
            exemptions:
              - check: run-as-root
                reason: legacy image (SEC-7)
              - check: hostpath-volume
                reason: stale (SEC-8)
            """;

    private static String[] args(Path dir, String... more) throws Exception {
        Path pod = Files.writeString(dir.resolve("p.yaml"), POD);
        Path cfg = Files.writeString(dir.resolve("k.yaml"), CONFIG);
        List<String> all = new ArrayList<>(List.of("scan", pod.toString(), "-c", cfg.toString(), "--fail-on", "none"));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void unusedExemptionsAreListedWithTheirLocationInEveryFormat(@TempDir Path dir) throws Exception {
        String cfg = dir.resolve("k.yaml").toString();
        String pod = dir.resolve("p.yaml").toString();

        CliRunner text = CliRunner.run(args(dir, "--report-unused-exemptions", "--now", "2026-05-31"));
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).contains(cfg + ":4:1  info      exemption-unused")
                .contains("exemption of 'hostpath-volume' suppressed nothing in this scan")
                .contains(pod + ":7:5  info      exemption-unused")
                .contains("kubeward.dev/ignore entry 'host-pid' suppressed nothing in this scan");
        assertThat(CliRunner.run(args(dir, "--now", "2026-05-31")).out()).doesNotContain("exemption-unused");

        JsonNode json = JSON.readTree(CliRunner.run(args(dir, "--report-unused-exemptions", "--now", "2026-05-31",
                "-f", "json")).out());
        List<String> unused = new ArrayList<>();
        for (JsonNode f : json.get("findings")) {
            if (f.get("checkId").asText().equals("exemption-unused")) {
                unused.add(f.get("file").asText() + ":" + f.get("line").asInt() + " " + f.get("resource").get("kind").asText());
            }
        }
        assertThat(unused).containsExactlyInAnyOrder(cfg + ":4 KubewardConfig", pod + ":7 Pod");

        JsonNode sarif = JSON.readTree(CliRunner.run(args(dir, "--report-unused-exemptions", "--now", "2026-05-31",
                "-f", "sarif")).out());
        List<String> results = new ArrayList<>();
        for (JsonNode r : sarif.get("runs").get(0).get("results")) {
            if (r.get("ruleId").asText().equals("exemption-unused")) {
                JsonNode loc = r.get("locations").get(0).get("physicalLocation");
                results.add(loc.get("artifactLocation").get("uri").asText() + ":" + loc.get("region").get("startLine").asInt());
            }
        }
        assertThat(results).hasSize(2).anyMatch(s -> s.endsWith("k.yaml:4")).anyMatch(s -> s.endsWith("p.yaml:7"));

        String junit = CliRunner.run(args(dir, "--report-unused-exemptions", "--now", "2026-05-31", "-f", "junit")).out();
        assertThat(junit).contains("<testsuite name=\"KubewardConfig " + cfg + "\"")
                .contains("name=\"exemption-unused\" file=\"" + cfg + "\" line=\"4\"")
                .contains("name=\"exemption-unused\" file=\"" + pod + "\" line=\"7\"");
    }

    @Test
    void nowDecidesExpiry(@TempDir Path dir) throws Exception {
        JsonNode before = JSON.readTree(CliRunner.run(args(dir, "-f", "json", "--now", "2026-05-31")).out());
        assertThat(suppressed(before, "privileged-container")).isTrue();
        JsonNode after = JSON.readTree(CliRunner.run(args(dir, "-f", "json", "--now", "2026-06-01")).out());
        assertThat(suppressed(after, "privileged-container")).isFalse();
        assertThat(messages(after, "exemption-expired")).containsExactlyInAnyOrder(
                "kubeward.dev/ignore entry 'privileged-container' expired on 2026-05-31 and no longer suppresses "
                        + "anything: 1 finding it covers is reported again",
                "kubeward.dev/ignore entry 'host-pid' expired on 2026-05-31 and no longer suppresses anything (it "
                        + "covers no finding of this scan)");

        CliRunner bad = CliRunner.run(args(dir, "--now", "tomorrow"));
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--now");
    }

    @Test
    void exemptionsKeepTheirLinesWhenAnOptionOverridesASetting(@TempDir Path dir) throws Exception {
        Path cfg = Files.writeString(dir.resolve("typo.yaml"), "exemptions:\n  - check: run-as-rot\n    reason: r\n");
        Path pod = Files.writeString(dir.resolve("p.yaml"), POD);
        JsonNode json = JSON.readTree(CliRunner.run("scan", pod.toString(), "-c", cfg.toString(), "--fail-on", "none",
                "--kubernetes-version", "v1.33.1", "--now", "2026-05-31", "-f", "json").out());
        List<String> invalid = new ArrayList<>();
        for (JsonNode f : json.get("findings")) {
            if (f.get("checkId").asText().equals("exemption-invalid")) {
                invalid.add(f.get("file").asText() + ":" + f.get("line").asInt());
            }
        }
        assertThat(invalid).containsExactly(cfg + ":2");
    }

    private static boolean suppressed(JsonNode report, String checkId) {
        for (JsonNode f : report.get("findings")) {
            if (f.get("checkId").asText().equals(checkId)) {
                return f.get("suppressed").asBoolean();
            }
        }
        throw new AssertionError("no " + checkId);
    }

    private static List<String> messages(JsonNode report, String checkId) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : report.get("findings")) {
            if (f.get("checkId").asText().equals(checkId)) {
                out.add(f.get("message").asText());
            }
        }
        return out;
    }
}
