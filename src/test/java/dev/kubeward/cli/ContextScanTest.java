package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * scan F --context DIR gives, for the objects of F, exactly the findings a scan of DIR gives them:
 * what pre-commit hooks need, since they pass only the changed files.
 */
class ContextScanTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONFIG = "examples/kubeward.yaml";

    private static JsonNode scan(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("scan", "-f", "json", "--fail-on", "none", "-c", CONFIG));
        all.addAll(List.of(args));
        CliRunner r = CliRunner.run(all.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    /** The findings reported on one file, each as its whole JSON object. */
    private static List<String> findingsIn(JsonNode report, String file) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : report.get("findings")) {
            if (f.get("file").asText().equals(file)) {
                out.add(f.toString());
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"examples/insecure", "examples/hardened"})
    void oneFileWithItsDirectoryAsContextMatchesTheWholeDirectory(String dir) throws Exception {
        JsonNode whole = scan(dir);
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of(dir))) {
            files = s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
        int differWithoutContext = 0;
        for (Path f : files) {
            String file = f.toString();
            JsonNode alone = scan(file, "--context", dir);
            assertThat(findingsIn(alone, file)).as(file).containsExactlyInAnyOrderElementsOf(findingsIn(whole, file));
            assertThat(alone.get("findings")).as("nothing is reported on context objects")
                    .allSatisfy(x -> assertThat(x.get("file").asText()).isEqualTo(file));
            assertThat(alone.get("context")).as("context objects are listed, the scanned file's are not")
                    .allSatisfy(x -> assertThat(x.get("file").asText()).isNotEqualTo(file));
            assertThat(alone.get("context").size() + alone.get("summary").get("objects").asInt())
                    .isEqualTo(whole.get("summary").get("objects").asInt());
            if (!findingsIn(scan(file), file).equals(findingsIn(whole, file))) {
                differWithoutContext++;
            }
        }
        if (dir.endsWith("insecure")) {
            // Otherwise the comparison above would prove nothing about --context.
            assertThat(differWithoutContext).as("files whose findings need the rest of the directory").isPositive();
        }
    }

    @Test
    void crossObjectChecksUseTheContext(@TempDir Path dir) throws Exception {
        Path pod = Files.writeString(dir.resolve("pod.yaml"), """
                apiVersion: v1
                kind: Pod
                metadata: {name: p, namespace: shop}
                spec:
                  serviceAccountName: app
                  containers:
                    - name: app
                      image: registry.example.com/shop/app:1@sha256:aaaa
                """);
        Files.writeString(dir.resolve("sa.yaml"), """
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: app, namespace: shop}
                automountServiceAccountToken: false
                """);
        List<String> alone = ids(scan(pod.toString()));
        List<String> withContext = ids(scan(pod.toString(), "--context", dir.toString()));
        assertThat(alone).contains("service-account-token-automount");
        assertThat(withContext).doesNotContain("service-account-token-automount");
    }

    @Test
    void standardInputIsNoContext(@TempDir Path dir) throws Exception {
        Path pod = Files.writeString(dir.resolve("pod.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n");
        CliRunner r = CliRunner.run("scan", pod.toString(), "--context", "-");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--context takes files and directories, not standard input");
        CliRunner missing = CliRunner.run("scan", pod.toString(), "--context", dir.resolve("nowhere").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("nowhere: no such file or directory");
    }

    private static List<String> ids(JsonNode report) {
        List<String> out = new ArrayList<>();
        report.get("findings").forEach(f -> out.add(f.get("checkId").asText()));
        return out;
    }

    @Test
    void whatTheContextDidNotReadIsCountedWithTheRest(@TempDir Path dir) throws Exception {
        Path pod = Files.writeString(dir.resolve("pod.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\n"
                + "spec: {containers: [{name: a, image: nginx:1.27}]}\n");
        Path ctx = Files.createDirectories(dir.resolve("ctx"));
        Files.writeString(ctx.resolve("ns.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n");
        Files.writeString(ctx.resolve("values.yaml"), "replicas: 3\n");
        Files.writeString(ctx.resolve(".gitignore"), "ignored.yaml\n");
        Files.writeString(ctx.resolve("ignored.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata: {name: other}\n");
        Files.createDirectories(ctx.resolve(".git"));
        CliRunner text = CliRunner.run("scan", pod.toString(), "--context", ctx.toString(), "--fail-on", "none");
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.err()).contains("1 document skipped (not Kubernetes objects), 1 file not read (ignored by git)");
        CliRunner verbose = CliRunner.run("scan", pod.toString(), "--context", ctx.toString(), "--fail-on", "none", "-v");
        assertThat(verbose.err()).contains("skipped " + ctx.resolve("values.yaml")).contains("ignored.yaml");
        CliRunner json = CliRunner.run("scan", pod.toString(), "--context", ctx.toString(), "--fail-on", "none", "-f", "json");
        JsonNode input = JSON.readTree(json.out()).get("input");
        assertThat(input.get("documentsSkipped").asInt()).isEqualTo(1);
        assertThat(input.get("filesNotRead").asInt()).isEqualTo(1);
        assertThat(input.get("objects").asInt()).as("the pod and the context's Namespace").isEqualTo(2);
    }
}
