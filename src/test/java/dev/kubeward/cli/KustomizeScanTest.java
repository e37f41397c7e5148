package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubeward.source.kustomize.KustomizeBuildTest;
import dev.kubeward.source.kustomize.KustomizeMapTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code kubeward scan OVERLAY}: findings of a Kustomize build at the files that wrote them, in every format. */
class KustomizeScanTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CWD = Path.of("").toAbsolutePath();
    private static final String PROD = KustomizeMapTest.PROD.toString();

    @Test
    void withoutKustomizeOrKubectlOnThePathTheOverlayIsAnInputErrorThatSaysSo() throws Exception {
        CliRunner r = CliRunner.run(CliRunner.env(CWD, false, "PATH", ""), "scan", KustomizeMapTest.SHOP.toString(),
                "-f", "json");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        String file = KustomizeMapTest.PROD.resolve("kustomization.yaml").toString();
        assertThat(r.err()).contains(file + ": a Kustomize directory is built by kustomize (kustomize build) or kubectl "
                + "(kubectl kustomize), and neither is on the PATH").doesNotContain("Exception");
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.get("errors")).singleElement().satisfies(e -> assertThat(e.get("file").asText()).isEqualTo(file));
        // The overlay's files are not read as loose YAML instead (the base's privileged Pod is not deployed by it).
        List<String> files = new ArrayList<>();
        json.get("findings").forEach(f -> files.add(f.get("file").asText()));
        assertThat(files).allSatisfy(f -> assertThat(f).endsWith("loose/cm.yaml"));
    }

    @Test
    void findingsPointAtThePatchThatSetTheFieldInTextJsonAndSarif() throws Exception {
        KustomizeBuildTest.assumeKustomize();
        CliRunner json = CliRunner.run("scan", PROD, "-f", "json");
        assertThat(json.exitCode()).as(json.err()).isEqualTo(1);
        JsonNode privileged = finding(JSON.readTree(json.out()), "privileged-container");
        assertThat(privileged.get("file").asText()).isEqualTo(KustomizeMapTest.PROD.resolve("privileged.yaml").toString());
        assertThat(privileged.get("line").asInt()).isEqualTo(11);
        assertThat(privileged.toString()).contains("prod-web").contains("shop-prod").doesNotContain("config.kubernetes.io/origin");
        JsonNode hostPid = finding(JSON.readTree(json.out()), "host-pid");
        assertThat(hostPid.get("file").asText()).endsWith("overlays/prod/hostpid.yaml");
        JsonNode nodePort = finding(JSON.readTree(json.out()), "service-nodeport");
        assertThat(nodePort.get("file").asText()).endsWith("overlays/prod/kustomization.yaml");
        assertThat(nodePort.get("line").asInt()).isEqualTo(20);

        CliRunner sarif = CliRunner.run("scan", PROD, "-f", "sarif");
        JsonNode result = null;
        for (JsonNode r : JSON.readTree(sarif.out()).path("runs").path(0).path("results")) {
            if (r.path("ruleId").asText().equals("privileged-container")) {
                result = r;
            }
        }
        assertThat(result).isNotNull();
        JsonNode physical = result.path("locations").path(0).path("physicalLocation");
        // The repository's own file, relative to the source root, so that code scanning annotates the patch.
        assertThat(physical.path("artifactLocation").path("uri").asText())
                .isEqualTo("src/test/resources/kustomize/shop/overlays/prod/privileged.yaml");
        assertThat(physical.path("region").path("startLine").asInt()).isEqualTo(11);

        CliRunner text = CliRunner.run("scan", PROD);
        assertThat(text.out()).contains(KustomizeMapTest.PROD.resolve("privileged.yaml") + ":11");
    }

    private static JsonNode finding(JsonNode report, String check) {
        for (JsonNode f : report.get("findings")) {
            if (f.path("check").asText().equals(check) || f.path("checkId").asText().equals(check) || f.path("id").asText().equals(check)) {
                return f;
            }
        }
        throw new AssertionError(check + " not found in " + report.get("findings"));
    }
}
