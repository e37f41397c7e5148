package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** kubeward vap test and kubeward cel as issue 17 specifies them: output, verdicts, exit codes. */
class VapCommandTest {
    static final String DIR = "src/test/resources/fixtures/vap/";
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void createDeniesAndMutatesAsJson() throws Exception {
        CliRunner r = CliRunner.run("vap", "test", DIR + "policy.yaml", "--objects", DIR + "new", "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        JsonNode doc = JSON.readTree(r.out());
        assertThat(doc.path("schemaVersion").asInt()).isEqualTo(1);
        JsonNode res = doc.path("results").get(0);
        assertThat(res.path("kind").asText()).isEqualTo("Deployment");
        assertThat(res.path("namespace").asText()).isEqualTo("shop");
        assertThat(res.path("name").asText()).isEqualTo("web");
        assertThat(res.path("verdict").asText()).isEqualTo("deny");
        assertThat(res.path("policy").asText()).isEqualTo("demo-policy.example.com");
        assertThat(res.path("binding").asText()).isEqualTo("demo-binding-test.example.com");
        assertThat(res.path("message").asText()).endsWith("denied request: failed expression: object.spec.replicas <= 5");
        assertThat(res.path("mutatedObject").path("metadata").path("labels").path("team").asText()).isEqualTo("shop");
    }

    @Test
    void updateComparesWithTheOldVersion() {
        CliRunner r = CliRunner.run("vap", "test", DIR + "update-policy.yaml", "--objects", DIR + "new", "--old", DIR + "old",
                "--operation", "UPDATE");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).contains("DENY Deployment shop/web").contains("scaling from 2 to 8");
    }

    @Test
    void deleteSeesTheDeletedObjectAsOldObject() {
        CliRunner r = CliRunner.run("vap", "test", DIR + "update-policy.yaml", "--objects", DIR + "new", "--old", DIR + "old",
                "--operation", "DELETE");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).contains("web may not be deleted");
    }

    @Test
    void updateWithoutAnOldVersionIsAnInputError() {
        CliRunner r = CliRunner.run("vap", "test", DIR + "update-policy.yaml", "--objects", DIR + "new", "--old", DIR + "policy.yaml",
                "--operation", "UPDATE");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no previous version under --old");
    }

    @Test
    void aPolicyThatDoesNotCompileIsAnInputErrorWithFileAndLine() {
        CliRunner r = CliRunner.run("vap", "test", DIR + "broken-policy.yaml", "--objects", DIR + "new");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("broken-policy.yaml:13: ValidatingAdmissionPolicy broken: spec.validations[0].expression: compilation failed:");
    }

    @Test
    void celPrintsJsonLinesWithValueTypeAndCosts() throws Exception {
        CliRunner r = CliRunner.run("cel", "--format", "json", "--object", DIR + "new/deploy.yaml",
                "object.spec.replicas * 2", "quantity('1.5G')", "object.nope");
        assertThat(r.exitCode()).isEqualTo(1);
        String[] lines = r.out().trim().split("\n");
        assertThat(lines).hasSize(3);
        JsonNode first = JSON.readTree(lines[0]);
        assertThat(first.path("expression").asText()).isEqualTo("object.spec.replicas * 2");
        assertThat(first.path("value").asLong()).isEqualTo(16);
        assertThat(first.path("actualCost").asLong()).isEqualTo(4);
        assertThat(first.has("estimatedCost")).isTrue();
        assertThat(JSON.readTree(lines[1]).path("value").asText()).isEqualTo("1500M");
        assertThat(JSON.readTree(lines[2]).path("error").asText()).isEqualTo("no such key: nope");
    }

    @Test
    void celReadsExpressionsFromAFileSkippingCommentsAndACompileErrorExitsTwo() throws Exception {
        java.nio.file.Path f = java.nio.file.Files.createTempFile("exprs", ".cel");
        java.nio.file.Files.writeString(f, "# a comment\n\n1 + 1\n'a' +\n");
        CliRunner r = CliRunner.run("cel", "--file", f.toString(), "--format", "json");
        assertThat(r.exitCode()).isEqualTo(2);
        String[] lines = r.out().trim().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(JSON.readTree(lines[0]).path("value").asInt()).isEqualTo(2);
        assertThat(JSON.readTree(lines[1]).path("error").asText()).startsWith("compilation failed:");
    }

    @Test
    void celTakesDashFAsTheExpressionsFileAndStillAsTheFormat() throws Exception {
        java.nio.file.Path f = java.nio.file.Files.createTempFile("exprs", ".cel");
        java.nio.file.Files.writeString(f, "1 + 1\n");
        // -f FILE with --format, as issue 17 spells it
        CliRunner file = CliRunner.run("cel", "-f", f.toString(), "--format", "json");
        assertThat(file.exitCode()).as(file.err()).isEqualTo(0);
        assertThat(JSON.readTree(file.out().trim()).path("value").asInt()).isEqualTo(2);
        CliRunner attached = CliRunner.run("cel", "-f=" + f, "-f", "JSON");
        assertThat(attached.exitCode()).as(attached.err()).isEqualTo(0);
        assertThat(JSON.readTree(attached.out().trim()).path("value").asInt()).isEqualTo(2);
        // -f json is still the format, as in every command
        CliRunner format = CliRunner.run("cel", "-f", "json", "2 * 3");
        assertThat(format.exitCode()).as(format.err()).isEqualTo(0);
        assertThat(JSON.readTree(format.out().trim()).path("value").asInt()).isEqualTo(6);
        // after --, a "-f" is an expression's text, not an option
        assertThat(CelCommand.expressionsFileAlias(new String[] {"cel", "--", "-f", "x"}))
                .containsExactly("cel", "--", "-f", "x");
        assertThat(CelCommand.expressionsFileAlias(new String[] {"scan", "-f", "x"})).containsExactly("scan", "-f", "x");
    }
}
