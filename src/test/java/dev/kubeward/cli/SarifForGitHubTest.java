package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SARIF as GitHub code scanning reads it, after GitHub's "SARIF support for code scanning"
 * (docs.github.com, code-security/code-scanning/integrating-with-code-scanning/
 * sarif-support-for-code-scanning): paths relative to the repository root, required rule and
 * result properties, security-severity bands, partialFingerprints.primaryLocationLineHash; and
 * valid against the OASIS SARIF 2.1.0 schema.
 */
class SarifForGitHubTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchema SCHEMA = schema();
    private static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata: {name: p, namespace: shop}
            spec:
              containers:
                - name: app
                  image: registry.example.com/app:1
                  securityContext:
                    privileged: true
                    privileged: true
            """;

    private static JsonSchema schema() {
        try {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
                    .getSchema(JSON.readTree(Path.of("src/test/resources/schemas/sarif-schema-2.1.0.json").toFile()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a SARIF scan, validates it against the schema and GitHub's rules, returns runs[0]. */
    static JsonNode sarif(CliRunner r) throws Exception {
        assertThat(r.exitCode()).as(r.err()).isIn(0, 1);
        JsonNode log = JSON.readTree(r.out());
        assertThat(SCHEMA.validate(log)).as("schema").isEmpty();
        JsonNode run = log.at("/runs/0");
        assertGitHubRequirements(run);
        return run;
    }

    static void assertGitHubRequirements(JsonNode run) {
        Set<String> ruleIds = new HashSet<>();
        for (JsonNode rule : run.at("/tool/driver/rules")) {
            String id = rule.get("id").asText();
            ruleIds.add(id);
            assertThat(rule.at("/shortDescription/text").asText()).as(id).isNotBlank().hasSizeLessThanOrEqualTo(1024);
            assertThat(rule.at("/fullDescription/text").asText()).as(id).isNotBlank().hasSizeLessThanOrEqualTo(1024);
            assertThat(rule.get("name").asText()).as(id).hasSizeLessThanOrEqualTo(255);
            assertThat(rule.at("/help/text").asText()).as(id).isNotBlank();
            assertThat(rule.at("/help/markdown").asText()).as(id).isNotBlank();
            assertThat(rule.at("/defaultConfiguration/level").asText()).isIn("note", "warning", "error");
            double score = Double.parseDouble(rule.at("/properties/security-severity").asText());
            assertThat(score).as(id).isGreaterThan(0.0).isLessThanOrEqualTo(10.0);
            assertThat(rule.at("/properties/tags").toString()).contains("\"security\"");
        }
        String root = run.at("/originalUriBaseIds/%SRCROOT%/uri").asText();
        assertThat(URI.create(root).isAbsolute()).as(root).isTrue();
        assertThat(root).startsWith("file:///").endsWith("/");
        for (JsonNode result : run.get("results")) {
            assertThat(ruleIds).contains(result.get("ruleId").asText());
            assertThat(result.at("/message/text").asText()).isNotBlank();
            assertThat(result.get("locations")).hasSize(1);
            JsonNode physical = result.at("/locations/0/physicalLocation");
            String uri = physical.at("/artifactLocation/uri").asText();
            URI parsed = URI.create(uri);
            if (physical.at("/artifactLocation/uriBaseId").isMissingNode()) {
                // Outside the repository, or standard input: never a relative path that GitHub would misread.
                assertThat(parsed.isAbsolute() || uri.equals("%3Cstdin%3E")).as(uri).isTrue();
            } else {
                assertThat(physical.at("/artifactLocation/uriBaseId").asText()).isEqualTo("%SRCROOT%");
                assertThat(parsed.isAbsolute()).as(uri).isFalse();
                assertThat(uri).doesNotStartWith("/").doesNotStartWith("./").doesNotContain("..");
            }
            assertThat(physical.at("/region/startLine").asInt()).isPositive();
            assertThat(physical.at("/region/startColumn").asInt()).isPositive();
            assertThat(result.at("/partialFingerprints/primaryLocationLineHash").asText()).matches("[0-9a-f]{16}:[0-9]+");
        }
    }

    private static JsonNode result(JsonNode run, String ruleId) {
        for (JsonNode r : run.get("results")) {
            if (r.get("ruleId").asText().equals(ruleId)) {
                return r;
            }
        }
        throw new AssertionError("no result of " + ruleId);
    }

    private static JsonNode rule(JsonNode run, String id) {
        for (JsonNode r : run.at("/tool/driver/rules")) {
            if (r.get("id").asText().equals(id)) {
                return r;
            }
        }
        throw new AssertionError("no rule " + id);
    }

    @Test
    void urisAreRelativeToTheRepositoryRootForRelativeAndAbsoluteArguments() throws Exception {
        String relative = "examples/insecure/web.yaml";
        String absolute = Path.of(relative).toAbsolutePath().toString();
        for (String arg : new String[] {relative, absolute, "./" + relative, "examples/../" + relative}) {
            JsonNode run = sarif(CliRunner.run("scan", arg, "-f", "sarif"));
            JsonNode location = result(run, "privileged-container").at("/locations/0/physicalLocation/artifactLocation");
            assertThat(location.get("uri").asText()).as(arg).isEqualTo("examples/insecure/web.yaml");
            assertThat(location.get("uriBaseId").asText()).isEqualTo("%SRCROOT%");
        }
    }

    @Test
    void fromASubdirectoryTheRootIsStillTheRepository(@TempDir Path repo) throws Exception {
        Files.createDirectory(repo.resolve(".git"));
        Path sub = Files.createDirectories(repo.resolve("k8s/base"));
        Files.writeString(sub.resolve("pod.yaml"), POD);
        JsonNode run = sarif(CliRunner.run(CliRunner.env(sub, false), "scan", sub.resolve("pod.yaml").toString(), "-f", "sarif"));
        assertThat(result(run, "privileged-container").at("/locations/0/physicalLocation/artifactLocation/uri").asText())
                .isEqualTo("k8s/base/pod.yaml");
        assertThat(Path.of(URI.create(run.at("/originalUriBaseIds/%SRCROOT%/uri").asText())))
                .isEqualTo(repo.toRealPath());
        // Run from outside it, the scanned path's repository is the root.
        JsonNode fromElsewhere = sarif(CliRunner.run("scan", sub.resolve("pod.yaml").toString(), "-f", "sarif"));
        assertThat(result(fromElsewhere, "privileged-container").at("/locations/0/physicalLocation/artifactLocation/uri")
                .asText()).isEqualTo("k8s/base/pod.yaml");
    }

    @Test
    void aFileOutsideEveryRepositoryIsAnAbsoluteFileUri(@TempDir Path dir) throws Exception {
        Path pod = Files.writeString(dir.resolve("pod with space.yaml"), POD);
        JsonNode run = sarif(CliRunner.run("scan", pod.toString(), "-f", "sarif"));
        JsonNode location = result(run, "privileged-container").at("/locations/0/physicalLocation/artifactLocation");
        assertThat(location.has("uriBaseId")).isFalse();
        assertThat(Path.of(URI.create(location.get("uri").asText()))).isEqualTo(pod.toRealPath());
    }

    @Test
    void standardInputIsTheArtifactJsonNames() throws Exception {
        byte[] pod = POD.getBytes(StandardCharsets.UTF_8);
        Subprocess sarif = Subprocess.run(Map.of(), pod, null, "scan", "-", "-f", "sarif");
        assertThat(sarif.exitCode()).as(sarif.err()).isEqualTo(1);
        JsonNode log = JSON.readTree(sarif.out());
        assertThat(SCHEMA.validate(log)).isEmpty();
        JsonNode run = log.at("/runs/0");
        assertGitHubRequirements(run);
        String uri = result(run, "privileged-container").at("/locations/0/physicalLocation/artifactLocation/uri").asText();
        Subprocess json = Subprocess.run(Map.of(), pod, null, "scan", "-", "-f", "json");
        String file = JSON.readTree(json.out()).at("/findings/0/file").asText();
        assertThat(file).isEqualTo("<stdin>");
        assertThat(URI.create(uri).getPath()).isEqualTo(file);
    }

    @Test
    void rulesCarryTheEffectiveSeverity(@TempDir Path dir) throws Exception {
        Path cfg = Files.writeString(dir.resolve("k.yaml"), "checks:\n  severity:\n    privileged-container: low\n    host-pid: critical\n");
        JsonNode defaults = sarif(CliRunner.run("scan", "examples/insecure/web.yaml", "-f", "sarif"));
        assertThat(rule(defaults, "privileged-container").at("/defaultConfiguration/level").asText()).isEqualTo("error");
        assertThat(rule(defaults, "privileged-container").at("/properties/security-severity").asText()).isEqualTo("9.5");

        JsonNode overridden = sarif(CliRunner.run("scan", "examples/insecure/web.yaml", "-f", "sarif", "-c", cfg.toString()));
        JsonNode privileged = rule(overridden, "privileged-container");
        assertThat(privileged.at("/defaultConfiguration/level").asText()).isEqualTo("note");
        assertThat(privileged.at("/properties/security-severity").asText()).isEqualTo("3.0");
        assertThat(privileged.at("/help/markdown").asText()).contains("(severity low)");
        assertThat(result(overridden, "privileged-container").get("level").asText()).isEqualTo("note");
        JsonNode hostPid = rule(sarif(CliRunner.run("scan", "examples/insecure/log-agent.yaml", "-f", "sarif", "-c",
                cfg.toString())), "host-pid");
        assertThat(hostPid.at("/defaultConfiguration/level").asText()).isEqualTo("error");
        assertThat(hostPid.at("/properties/security-severity").asText()).isEqualTo("9.5");
    }

    @Test
    void helpIsTheCheckMetadataAndHelpUriOnlyAConfiguredOne(@TempDir Path dir) throws Exception {
        JsonNode run = sarif(CliRunner.run("scan", "examples/insecure/web.yaml", "-f", "sarif"));
        JsonNode privileged = rule(run, "privileged-container");
        assertThat(rule(run, "host-pid").at("/defaultConfiguration/level").asText()).isEqualTo("error");
        dev.kubeward.check.CheckMeta meta = dev.kubeward.check.CheckRegistry.builtIn().find("privileged-container")
                .orElseThrow().meta();
        assertThat(privileged.at("/help/text").asText()).contains(meta.description(), meta.rationale(), meta.remediation());
        assertThat(privileged.at("/help/markdown").asText()).contains(meta.description(), meta.rationale(),
                meta.remediation(), "**How to fix.**");
        for (JsonNode r : run.at("/tool/driver/rules")) {
            assertThat(r.has("helpUri")).as(r.get("id").asText()).isFalse();
        }

        Path anchor = Files.writeString(dir.resolve("a.yaml"), "report:\n  helpBaseUrl: https://example.com/kubeward/docs/checks.md\n");
        JsonNode anchored = sarif(CliRunner.run("scan", "examples/insecure/web.yaml", "-f", "sarif", "-c", anchor.toString()));
        assertThat(rule(anchored, "privileged-container").get("helpUri").asText())
                .isEqualTo("https://example.com/kubeward/docs/checks.md#privileged-container");
        Path template = Files.writeString(dir.resolve("t.yaml"), "report:\n  helpBaseUrl: \"https://docs.example.com/checks/{id}.html\"\n");
        JsonNode templated = sarif(CliRunner.run("scan", "examples/insecure/web.yaml", "-f", "sarif", "-c", template.toString()));
        assertThat(rule(templated, "host-pid").get("helpUri").asText()).isEqualTo("https://docs.example.com/checks/host-pid.html");

        Path bad = Files.writeString(dir.resolve("b.yaml"), "report:\n  helpBaseUrl: docs/checks.md\n");
        CliRunner rejected = CliRunner.run("scan", "examples/insecure/web.yaml", "-f", "sarif", "-c", bad.toString());
        assertThat(rejected.exitCode()).isEqualTo(2);
        assertThat(rejected.err()).contains(bad + ":2: report.helpBaseUrl must be an http or https URL");
    }

    @Test
    void fingerprintsSurviveLinesMoving(@TempDir Path dir) throws Exception {
        Path before = Files.writeString(dir.resolve("pod.yaml"), POD);
        Map<String, String> first = fingerprints(sarif(CliRunner.run("scan", before.toString(), "-f", "sarif")));
        // Comments above and a label inside move every line, and the duplicate-key message names lines.
        Files.writeString(before, "# moved\n# down\n# three lines\n" + POD.replace("metadata: {name: p, namespace: shop}",
                "metadata:\n  name: p\n  namespace: shop\n  labels: {app: p}"));
        JsonNode moved = sarif(CliRunner.run("scan", before.toString(), "-f", "sarif"));
        assertThat(result(moved, "privileged-container").at("/locations/0/physicalLocation/region/startLine").asInt())
                .isGreaterThan(9);
        assertThat(fingerprints(moved)).isEqualTo(first);
        assertThat(first).containsKey("yaml-duplicate-key");
        // Different findings of one check on one object differ.
        JsonNode insecure = sarif(CliRunner.run("scan", "examples/insecure", "-f", "sarif", "--fail-on", "none"));
        Set<String> seen = new HashSet<>();
        for (JsonNode r : insecure.get("results")) {
            assertThat(seen.add(r.at("/partialFingerprints/primaryLocationLineHash").asText())).as(r.toString()).isTrue();
        }
    }

    private static Map<String, String> fingerprints(JsonNode run) {
        Map<String, String> byRule = new HashMap<>();
        for (JsonNode r : run.get("results")) {
            byRule.merge(r.get("ruleId").asText(), r.at("/partialFingerprints/primaryLocationLineHash").asText(),
                    (a, b) -> a + "," + b);
        }
        return byRule;
    }

    @Test
    void shownSeveritiesApplyToSarifToo() throws Exception {
        JsonNode run = sarif(CliRunner.run("scan", "examples/insecure", "-f", "sarif", "--min-severity", "critical"));
        assertThat(run.get("results")).isNotEmpty();
        for (JsonNode r : run.get("results")) {
            assertThat(r.get("level").asText()).isEqualTo("error");
        }
    }
}
