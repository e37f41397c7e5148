package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pod the API server cannot decode (containers: "string") is neither allowed nor rejected by Pod
 * Security: pss reports it as an input error naming file and line and evaluates the rest; scan
 * reports it as workload-invalid at the same line.
 */
class InvalidWorkloadTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INPUT = """
            apiVersion: v1
            kind: Pod
            metadata: {name: bad, namespace: shop}
            spec:
              containers: "string"
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: good, namespace: shop}
            spec:
              containers:
              - name: a
                image: nginx:1.27
                securityContext: {privileged: true}
            """;

    @Test
    void pssReportsTheInvalidPodAsAnInputErrorAndEvaluatesTheRest(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("pods.yaml"), INPUT);
        CliRunner text = CliRunner.run("pss", "--level", "restricted", file.toString());
        assertThat(text.exitCode()).isEqualTo(2);
        assertThat(text.err()).contains(file + ":5: Pod shop/bad: spec.containers: must be a list of Container objects, "
                + "not the string \"string\" (the API server refuses the object: json: cannot unmarshal string into Go "
                + "struct field PodSpec.spec.containers of type []v1.Container)");
        assertThat(text.out()).doesNotContain("shop/bad").contains("REJECTED  Pod shop/good")
                .contains("1 pod templates at restricted:latest: 0 allowed, 1 rejected; 1 not evaluated");
        CliRunner json = CliRunner.run("pss", "--level", "restricted", file.toString(), "-f", "json");
        assertThat(json.exitCode()).isEqualTo(2);
        JsonNode root = JSON.readTree(json.out());
        assertThat(root.get("results")).singleElement().satisfies(r -> assertThat(r.get("name").asText()).isEqualTo("good"));
        assertThat(root.at("/summary/invalid").asInt()).isEqualTo(1);
        assertThat(root.get("errors")).singleElement().satisfies(e -> {
            assertThat(e.get("line").asInt()).isEqualTo(5);
            assertThat(e.get("message").asText()).startsWith("Pod shop/bad: spec.containers: must be a list");
        });
    }

    @Test
    void scanReportsItAtTheSameLine(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("pods.yaml"), INPUT);
        CliRunner json = CliRunner.run("scan", file.toString(), "-f", "json", "--fail-on", "none");
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode invalid = null;
        for (JsonNode f : JSON.readTree(json.out()).get("findings")) {
            if (f.get("checkId").asText().equals("workload-invalid")) {
                assertThat(invalid).as("one finding").isNull();
                invalid = f;
            }
        }
        assertThat(invalid).isNotNull();
        assertThat(invalid.get("line").asInt()).isEqualTo(5);
    }

    @Test
    void aValidInputIsUnaffected(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("pods.yaml"), INPUT.substring(INPUT.indexOf("---") + 4));
        CliRunner text = CliRunner.run("pss", "--level", "baseline", file.toString());
        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.err()).isEmpty();
        assertThat(text.out()).endsWith("1 pod templates at baseline:latest: 0 allowed, 1 rejected\n");
    }

    @Test
    void aCustomResourceWhoseTemplateIsNotAMappingIsAnInputErrorNotAnObjectWithoutPods(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("rollout.yaml"), """
                apiVersion: argoproj.io/v1alpha1
                kind: Rollout
                metadata: {name: r, namespace: shop}
                spec:
                  selector: {matchLabels: {app: r}}
                  template: "web"
                """);
        CliRunner text = CliRunner.run("pss", "--level", "baseline", file.toString());
        assertThat(text.exitCode()).isEqualTo(2);
        assertThat(text.err()).contains(file + ":6: Rollout shop/r: spec.template: Invalid value: \"string\": "
                + "spec.template in body must be of type object: \"string\"");
        assertThat(text.out()).contains("1 not evaluated");
        CliRunner scan = CliRunner.run("scan", file.toString(), "-f", "json", "--fail-on", "none");
        JsonNode invalid = null;
        for (JsonNode f : JSON.readTree(scan.out()).get("findings")) {
            if (f.get("checkId").asText().equals("workload-invalid")) {
                invalid = f;
            }
        }
        assertThat(invalid).as(scan.out()).isNotNull();
        assertThat(invalid.get("line").asInt()).isEqualTo(6);
    }
}
