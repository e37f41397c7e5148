package dev.kubeward.source.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubeward.cli.CliRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same objects scanned as rendered YAML and as a chart give the same findings; only locations differ. */
class HelmEquivalenceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @org.junit.jupiter.api.BeforeAll
    static void embeddedHelm() {
        HelmChartTest.assumeEmbeddedHelm();
    }

    @Test
    void renderedAndChartGiveTheSameFindings(@TempDir Path dir) throws Exception {
        HelmOptions options = HelmOptions.DEFAULT.withNamespace("shop");
        ChartRenderer.Result rendered = ChartRenderer.render(HelmChartTest.SHOP, "shop", options);
        assertThat(rendered.errors()).isEmpty();
        StringBuilder stream = new StringBuilder();
        for (ChartRenderer.Document d : rendered.documents()) {
            if (!HelmHooks.isTest(JSON.readTree(JSON.writeValueAsString(new org.yaml.snakeyaml.Yaml().load(d.text()))))) {
                stream.append("---\n# Source: ").append(d.template()).append('\n').append(d.text());
            }
        }
        Path file = Files.writeString(dir.resolve("rendered.yaml"), stream.toString());
        CliRunner asYaml = CliRunner.run("scan", file.toString(), "-n", "shop", "-f", "json");
        CliRunner asChart = CliRunner.run("scan", HelmChartTest.SHOP.toString(), "-n", "shop", "-f", "json");
        assertThat(asChart.exitCode()).as(asChart.err()).isEqualTo(asYaml.exitCode());
        List<String> fromYaml = findings(asYaml.out());
        List<String> fromChart = findings(asChart.out());
        assertThat(fromChart).isNotEmpty().containsExactlyInAnyOrderElementsOf(fromYaml);
        // The locations differ: the chart's point at the templates.
        assertThat(JSON.readTree(asChart.out()).get("findings")).allSatisfy(f ->
                assertThat(f.get("file").asText()).startsWith(HelmChartTest.SHOP + "/").contains("templates/"));
    }

    private static List<String> findings(String json) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode f : JSON.readTree(json).get("findings")) {
            out.add(f.get("checkId").asText() + " " + f.get("resource") + " " + f.get("path").asText() + " "
                    + f.get("message").asText());
        }
        return out;
    }
}
