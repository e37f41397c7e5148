package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command that loads manifests says what it did not read, without --verbose, on standard
 * error and in its JSON ({@code input}); --verbose names each; SARIF carries it as notifications.
 */
class UnreadInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUMMARY = "1 document skipped (not Kubernetes objects) and 1 file not read (ignored by git);"
            + " --verbose names them";

    @TempDir
    static Path dir;

    @BeforeAll
    static void repository() throws Exception {
        Files.writeString(dir.resolve(".gitignore"), "*.local.yaml\n");
        Files.writeString(dir.resolve("app.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: shop}
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers: [{name: app, image: "nginx:1.27"}]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata: {name: reader, namespace: shop}
                rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
                """);
        Files.writeString(dir.resolve("values.yaml"), "replicaCount: 2\n");
        Files.writeString(dir.resolve("dev.local.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata: {name: dev}\n");
    }

    static Stream<Arguments> commands() {
        String d = dir.toString();
        return Stream.of(
                Arguments.of(List.of("scan", d), 1, 2),
                Arguments.of(List.of("pss", d, "--level", "baseline"), 1, 2),
                Arguments.of(List.of("images", d), 1, 2),
                Arguments.of(List.of("rbac", "paths", d), 1, 2),
                Arguments.of(List.of("rbac", "who-can", "get", "pods", "-n", "shop", d), 1, 2),
                Arguments.of(List.of("rbac", "can", "user:alice", "get", "pods", "-n", "shop", d), 1, 2),
                Arguments.of(List.of("rbac", "permissions", "user:alice", d), 1, 2),
                Arguments.of(List.of("netpol", "reach", d), 1, 2),
                Arguments.of(List.of("netpol", "explain", "--from", "shop/web", "--to", "shop/web", d), 1, 2),
                Arguments.of(List.of("netpol", "diff", d, d), 2, 4),
                Arguments.of(List.of("vap", "test", "src/test/resources/fixtures/vap/policy.yaml", "--objects", d), 1, 6));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void saysWhatItDidNotRead(List<String> args, int loads, int objects) throws Exception {
        CliRunner text = CliRunner.run(args.toArray(String[]::new));
        assertThat(text.exitCode()).as(text.err()).isIn(0, 1);
        if (loads == 1) {
            assertThat(text.err()).as(String.join(" ", args)).contains(SUMMARY);
        } else {
            // one line per side
            assertThat(text.err().split(java.util.regex.Pattern.quote(SUMMARY), -1)).hasSize(3);
        }
        assertThat(text.err()).doesNotContain("skipped " + dir.resolve("values.yaml"));

        List<String> verboseArgs = new ArrayList<>(args);
        verboseArgs.add("--verbose");
        CliRunner verbose = CliRunner.run(verboseArgs.toArray(String[]::new));
        assertThat(verbose.err()).contains("skipped " + dir.resolve("values.yaml") + ":1: not a Kubernetes object",
                "skipped " + dir.resolve("dev.local.yaml") + ": ignored by git (" + dir.resolve(".gitignore") + ":1: *.local.yaml)");

        List<String> jsonArgs = new ArrayList<>(args);
        jsonArgs.addAll(List.of("-f", "json"));
        CliRunner json = CliRunner.run(jsonArgs.toArray(String[]::new));
        JsonNode input = JSON.readTree(json.out()).get("input");
        assertThat(input).as(json.out()).isNotNull();
        assertThat(input.get("documentsSkipped").asInt()).isEqualTo(loads);
        assertThat(input.get("filesNotRead").asInt()).isEqualTo(loads);
        assertThat(input.get("directoriesNotRead").asInt()).isZero();
        assertThat(input.get("objects").asInt()).isEqualTo(objects);
        assertThat(input.at("/skipped/0/file").asText()).isEqualTo(dir.resolve("values.yaml").toString());
        assertThat(input.at("/skipped/0/line").asInt()).isEqualTo(1);
        assertThat(input.at("/notRead/0/path").asText()).isEqualTo(dir.resolve("dev.local.yaml").toString());
        assertThat(input.at("/notRead/0/rule").asText()).isEqualTo(dir.resolve(".gitignore") + ":1: *.local.yaml");
    }

    @Test
    void nothingToSayWhenEverythingWasRead() {
        CliRunner r = CliRunner.run("scan", dir.resolve("app.yaml").toString());
        assertThat(r.err()).doesNotContain("skipped").doesNotContain("not read");
    }

    @Test
    void sarifCarriesThemAsNotifications() throws Exception {
        CliRunner r = CliRunner.run("scan", dir.toString(), "-f", "sarif");
        JsonNode invocation = SarifForGitHubTest.sarif(r).at("/invocations/0");
        JsonNode skipped = invocation.at("/toolExecutionNotifications/0");
        assertThat(skipped.at("/descriptor/id").asText()).isEqualTo("document-skipped");
        assertThat(skipped.get("level").asText()).isEqualTo("note");
        assertThat(skipped.at("/message/text").asText()).startsWith("document skipped: not a Kubernetes object");
        assertThat(skipped.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).endsWith("values.yaml");
        assertThat(skipped.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(1);
        JsonNode notRead = invocation.at("/toolConfigurationNotifications/0");
        assertThat(notRead.at("/descriptor/id").asText()).isEqualTo("file-not-read");
        assertThat(notRead.at("/message/text").asText()).isEqualTo("file not read: ignored by git (" + dir.resolve(".gitignore") + ":1: *.local.yaml)");
        assertThat(notRead.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).endsWith("dev.local.yaml");
        assertThat(invocation.at("/properties/documentsSkipped").asInt()).isEqualTo(1);
        assertThat(invocation.at("/properties/filesNotRead").asInt()).isEqualTo(1);
        assertThat(invocation.get("executionSuccessful").asBoolean()).isTrue();
    }
}
