package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A run that read no object from the paths it was given says so and exits 2, as kubectl apply
 * refuses such input ("error: no objects passed to apply"), for every command that loads manifests.
 */
class NothingReadTest {
    @TempDir
    Path dir;

    static Stream<Arguments> commands() {
        return Stream.of(
                Arguments.of(List.of("scan")),
                Arguments.of(List.of("pss", "--level", "baseline")),
                Arguments.of(List.of("images")),
                Arguments.of(List.of("rbac", "paths")),
                Arguments.of(List.of("rbac", "who-can", "get", "secrets")),
                Arguments.of(List.of("rbac", "can", "user:alice", "get", "secrets")),
                Arguments.of(List.of("rbac", "permissions", "user:alice")),
                Arguments.of(List.of("netpol", "reach")));
    }

    private CliRunner run(List<String> command, Path path) {
        List<String> args = new ArrayList<>(command);
        args.add(path.toString());
        return CliRunner.run(args.toArray(String[]::new));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void aDirectoryWithoutManifestsIsAnInputError(List<String> command) throws Exception {
        Files.writeString(dir.resolve("README.md"), "# not a manifest\n");
        CliRunner r = run(command, dir);
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains(dir + ": no Kubernetes objects read (no manifest files (.yaml, .yml, .json) there);"
                + " kubectl apply refuses this too: error: no objects passed to apply");
    }

    @ParameterizedTest
    @MethodSource("commands")
    void documentsThatAreNoObjectsAreNoObjects(List<String> command) throws Exception {
        Files.writeString(dir.resolve("values.yaml"), "replicaCount: 2\n---\nimage: nginx\n");
        CliRunner r = run(command, dir);
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("2 documents skipped (not Kubernetes objects)",
                dir + ": no Kubernetes objects read (2 documents read, none of them a Kubernetes object)");
    }

    @Test
    void anEmptyFileAndAnIgnoredTree() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "# nothing yet\n---\n");
        CliRunner r = CliRunner.run("scan", empty.toString(), "-f", "json");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(empty + ": no Kubernetes objects read (the input is empty)");
        assertThat(r.out()).contains("\"errors\"", "no Kubernetes objects read");

        Files.writeString(dir.resolve(".gitignore"), "*.yaml\n");
        Files.writeString(dir.resolve("pod.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n");
        CliRunner ignored = CliRunner.run("scan", dir.toString());
        assertThat(ignored.exitCode()).isEqualTo(2);
        assertThat(ignored.err()).contains("no Kubernetes objects read (every manifest file there is left out (--verbose names them))");
    }

    @Test
    void oneObjectIsEnough() throws Exception {
        Files.writeString(dir.resolve("values.yaml"), "replicaCount: 2\n");
        Files.writeString(dir.resolve("ns.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n");
        CliRunner r = CliRunner.run("scan", dir.toString(), "--fail-on", "none");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("no Kubernetes objects");
    }

    @Test
    void emptyStandardInputIsRefusedAsKubectlRefusesIt() throws Exception {
        Subprocess r = Subprocess.run(Map.of(), "\n".getBytes(StandardCharsets.UTF_8), null, "scan", "-");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("<stdin>: no Kubernetes objects read (the input is empty)");
    }
}
