package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubeward.source.helm.HelmChartTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chart field that no template line can be traced for: the finding names the template file, at
 * its parent's line, and says the line of the rendered document, in text and in SARIF, whose
 * location stays on the template file. A traced field says nothing of the kind.
 */
class HelmRenderedLineTest {
    @BeforeAll
    static void helm() {
        HelmChartTest.assumeEmbeddedHelm();
    }

    static Path chart(Path dir) throws IOException {
        Path c = dir.resolve("app");
        Files.createDirectories(c.resolve("templates"));
        Files.writeString(c.resolve("Chart.yaml"), "apiVersion: v2\nname: app\nversion: 0.1.0\n");
        Files.writeString(c.resolve("values.yaml"), "privileged: true\n");
        Files.writeString(c.resolve("templates/deploy.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  selector:
                    matchLabels: {app: web}
                  template:
                    metadata:
                      labels: {app: web}
                    spec:
                      hostPID: true
                      containers:
                        - name: app
                          image: nginx:1.27
                          securityContext: {privileged: {{ .Values.privileged }}}
                """);
        return c;
    }

    @Test
    void anUntracedFieldSaysItsRenderedLineInTextAndSarif(@TempDir Path dir) throws IOException {
        Path c = chart(dir);
        CliRunner text = CliRunner.run(CliRunner.env(dir, false), "scan", c.toString(), "--fail-on", "none");
        assertThat(text.exitCode()).as(text.err()).isZero();
        String file = c.resolve("templates/deploy.yaml").toString();
        // The privileged flag is inside a flow mapping: at securityContext's line (16), rendered line 17
        // (Helm's output counts from the line after "# Source:", where apiVersion is line 2 after "---").
        assertThat(text.out()).containsPattern(java.util.regex.Pattern.quote(file) + ":16:\\d+  critical  privileged-container")
                .containsPattern("runs privileged.*\\(rendered line \\d+: no line of the template could be traced");
        // hostPID is written on its own line: traced, no note.
        assertThat(text.out()).containsPattern(java.util.regex.Pattern.quote(file) + ":12:\\d+ .*host-pid");
        assertThat(text.out().lines().filter(l -> l.contains("hostPID") || l.contains("host PID")))
                .noneMatch(l -> l.contains("rendered line"));

        CliRunner sarif = CliRunner.run(CliRunner.env(dir, false), "scan", c.toString(), "-f", "sarif", "--fail-on", "none");
        JsonNode results = new ObjectMapper().readTree(sarif.out()).path("runs").path(0).path("results");
        JsonNode privileged = null;
        for (JsonNode r : results) {
            if (r.path("ruleId").asText().equals("privileged-container")) {
                privileged = r;
            }
        }
        assertThat(privileged).isNotNull();
        JsonNode physical = privileged.path("locations").path(0).path("physicalLocation");
        assertThat(physical.path("artifactLocation").path("uri").asText()).endsWith("app/templates/deploy.yaml");
        assertThat(physical.path("region").path("startLine").asInt()).isEqualTo(16);
        assertThat(privileged.path("message").path("text").asText()).contains("(rendered line ");
    }
}
