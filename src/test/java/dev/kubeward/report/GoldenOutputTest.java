package dev.kubeward.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.kubeward.cli.CliRunner;
import dev.kubeward.cli.Version;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * Every output format against a golden file. After an intended change, regenerate with
 * {@code ./mvnw test -Dtest=GoldenOutputTest -Dkubeward.updateGolden=true} and review the diff.
 */
class GoldenOutputTest {
    private static final Path DIR = Path.of("src/test/resources/golden");
    private static final String INPUT = DIR.resolve("input.yaml").toString();
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The golden rendering: JUnit at --fail-on medium, to show both a failure and a finding below
     * the threshold; the others at none. The repository root's absolute URI is machine-specific.
     */
    static String render(String format) {
        CliRunner r = CliRunner.run("scan", INPUT, "--format", format, "--color", "never", "--fail-on",
                format.equals("junit") ? "medium" : "none");
        assertThat(r.exitCode()).as(r.err()).isIn(0, 1);
        return r.out().replace(Version.VERSION, "VERSION")
                .replaceAll("(\"%SRCROOT%\" : \\{\\s*\"uri\" : \")[^\"]*\"", "$1file:///SRCROOT/\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "json", "sarif", "junit"})
    void matchesGoldenFile(String format) throws Exception {
        String actual = render(format);
        Path golden = DIR.resolve("output." + format);
        if (Boolean.getBoolean("kubeward.updateGolden")) {
            Files.writeString(golden, actual);
        }
        assertThat(actual).isEqualTo(Files.readString(golden));
    }

    @Test
    void sarifIsValidAgainstTheOfficialSchema() throws Exception {
        JsonNode schemaNode = JSON.readTree(Path.of("src/test/resources/schemas/sarif-schema-2.1.0.json").toFile());
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schemaNode);
        String[][] runs = {
            {"scan", INPUT},
            {"scan", "examples/insecure"},
            // Input errors become notifications; a configuration adds severity overrides and help URIs.
            {"scan", "src/test/resources/netpol-cli/bad-yaml", "examples/insecure/web.yaml"},
            {"scan", "examples/insecure", "-c", "examples/kubeward.yaml"},
            {"scan", Path.of("examples/insecure/Dockerfile").toAbsolutePath().toString()},
            {"node", "--root", "src/test/resources/controlplane/node"},
        };
        for (String[] args : runs) {
            String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                    java.util.stream.Stream.of("--format", "sarif", "--fail-on", "none")).toArray(String[]::new);
            CliRunner r = CliRunner.run(all);
            JsonNode sarif = JSON.readTree(r.out());
            Set<ValidationMessage> errors = schema.validate(sarif);
            assertThat(errors).as("SARIF of " + String.join(" ", args)).isEmpty();
            assertThat(sarif.at("/runs/0/results")).isNotEmpty();
        }
        // And a document the schema rejects, so this test can fail.
        JsonNode broken = JSON.readTree("{\"version\":\"2.1.0\",\"runs\":[{\"tool\":{}}]}");
        assertThat(schema.validate(broken)).isNotEmpty();
    }

    @Test
    void sarifCarriesSuppressionsRegionsAndRuleHelp() throws Exception {
        JsonNode run = JSON.readTree(render("sarif")).at("/runs/0");
        JsonNode suppressed = null;
        for (JsonNode result : run.get("results")) {
            if (result.get("ruleId").asText().equals("run-as-root")) {
                suppressed = result;
            }
        }
        assertThat(suppressed).isNotNull();
        assertThat(suppressed.at("/suppressions/0/kind").asText()).isEqualTo("inSource");
        assertThat(suppressed.at("/suppressions/0/justification").asText()).isEqualTo("break-glass pod <approved> & logged");
        assertThat(suppressed.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(17);
        JsonNode rule = run.at("/tool/driver/rules/0");
        assertThat(rule.at("/help/text").asText()).contains("How to fix: ");
        assertThat(rule.at("/properties/security-severity").asText()).isNotEmpty();
        // No URL unless one is configured (report.helpBaseUrl): a link to a page that does not exist helps nobody.
        assertThat(rule.has("helpUri")).isFalse();
        assertThat(run.at("/tool/driver").has("informationUri")).isFalse();
    }

    @Test
    void junitIsWellFormedXmlWithFailuresAndSkips() throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(render("junit").getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getElementsByTagName("failure").getLength()).isPositive();
        assertThat(doc.getElementsByTagName("skipped").getLength()).isEqualTo(1);
        assertThat(doc.getDocumentElement().getAttribute("failures")).isNotEqualTo("0");
    }

    @Test
    void jsonHasTheDocumentedShape() throws Exception {
        JsonNode report = JSON.readTree(render("json"));
        assertThat(report.get("schemaVersion").asInt()).isEqualTo(1);
        JsonNode f = report.get("findings").get(0);
        for (String field : new String[] {"checkId", "severity", "title", "message", "resource", "file", "line",
                "column", "path", "suppressed"}) {
            assertThat(f.has(field)).as(field).isTrue();
        }
        assertThat(report.at("/summary/bySeverity").has("critical")).isTrue();
        assertThat(report.get("errors").isArray()).isTrue();
    }
}
