package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the configuration comes from, first match wins: --config; $KUBEWARD_CONFIG;
 * .kubeward.yaml or kubeward.yaml in the working directory; the same in the repository root.
 */
class ConfigDiscoveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A config that makes the privileged-container finding low, so that which file was read shows. */
    private static final String LOW = "checks:\n  severity:\n    privileged-container: low\n";
    private static final String INFO = "checks:\n  severity:\n    privileged-container: info\n";
    private static final String MEDIUM = "checks:\n  severity:\n    privileged-container: medium\n";

    @TempDir
    Path repo;
    Path cwd;
    Path manifest;

    @BeforeEach
    void layout() throws Exception {
        Files.createDirectory(repo.resolve(".git"));
        cwd = Files.createDirectories(repo.resolve("deploy/prod"));
        manifest = Files.writeString(cwd.resolve("pod.yaml"), """
                apiVersion: v1
                kind: Pod
                metadata: {name: p, namespace: shop}
                spec:
                  containers:
                    - name: app
                      image: registry.example.com/app:1
                      securityContext: {privileged: true}
                """);
    }

    /** The severity privileged-container came out at, and the JSON's config field. */
    private JsonNode scan(String... envAndArgs) throws Exception {
        int split = java.util.Arrays.asList(envAndArgs).indexOf("--");
        String[] vars = split < 0 ? new String[0] : java.util.Arrays.copyOfRange(envAndArgs, 0, split);
        String[] extra = java.util.Arrays.copyOfRange(envAndArgs, split + 1, envAndArgs.length);
        String[] args = new String[4 + extra.length];
        args[0] = "scan";
        args[1] = manifest.toString();
        args[2] = "-f";
        args[3] = "json";
        System.arraycopy(extra, 0, args, 4, extra.length);
        CliRunner r = CliRunner.run(CliRunner.env(cwd, false, vars), args);
        assertThat(r.exitCode()).as(r.err()).isIn(0, 1);
        return JSON.readTree(r.out());
    }

    private static String severity(JsonNode report) {
        for (JsonNode f : report.get("findings")) {
            if (f.get("checkId").asText().equals("privileged-container")) {
                return f.get("severity").asText();
            }
        }
        throw new AssertionError("no privileged-container finding");
    }

    @Test
    void noFileMeansTheDefaultsAndSaysSo() throws Exception {
        JsonNode r = scan("--");
        assertThat(severity(r)).isEqualTo("critical");
        assertThat(r.get("config").isNull()).isTrue();
        CliRunner verbose = CliRunner.run(CliRunner.env(cwd, false), "scan", manifest.toString(), "-v");
        assertThat(verbose.err()).contains("config: none (looked for .kubeward.yaml, kubeward.yaml, " + repo.resolve(".kubeward.yaml"));
    }

    @Test
    void theRepositoryRootIsSearchedAfterTheWorkingDirectory() throws Exception {
        Files.writeString(repo.resolve("kubeward.yaml"), LOW);
        JsonNode fromRoot = scan("--");
        assertThat(severity(fromRoot)).isEqualTo("low");
        assertThat(fromRoot.at("/config/source").asText()).isEqualTo("repository-root");
        assertThat(fromRoot.at("/config/file").asText()).isEqualTo(repo.resolve("kubeward.yaml").toString());

        Files.writeString(cwd.resolve(".kubeward.yaml"), INFO);
        JsonNode fromCwd = scan("--");
        assertThat(severity(fromCwd)).isEqualTo("info");
        assertThat(fromCwd.get("config").get("file").asText()).isEqualTo(".kubeward.yaml");
        assertThat(fromCwd.get("config").get("source").asText()).isEqualTo("working-directory");
    }

    @Test
    void bothNamesInOneDirectoryIsAnError() throws Exception {
        Files.writeString(cwd.resolve(".kubeward.yaml"), LOW);
        Files.writeString(cwd.resolve("kubeward.yaml"), INFO);
        CliRunner r = CliRunner.run(CliRunner.env(cwd, false), "scan", manifest.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("both .kubeward.yaml and kubeward.yaml are in .; keep one");
    }

    @Test
    void theEnvironmentVariableBeatsDiscoveryAndTheOptionBeatsBoth() throws Exception {
        Files.writeString(cwd.resolve(".kubeward.yaml"), LOW);
        Path env = Files.writeString(repo.resolve("ci.yaml"), INFO);
        Path option = Files.writeString(repo.resolve("option.yaml"), MEDIUM);

        JsonNode fromEnv = scan(ConfigFiles.ENV, env.toString(), "--");
        assertThat(severity(fromEnv)).isEqualTo("info");
        assertThat(fromEnv.at("/config/source").asText()).isEqualTo("environment");

        JsonNode fromOption = scan(ConfigFiles.ENV, env.toString(), "--", "--config", option.toString());
        assertThat(severity(fromOption)).isEqualTo("medium");
        assertThat(fromOption.at("/config/source").asText()).isEqualTo("option");
        assertThat(fromOption.at("/config/file").asText()).isEqualTo(option.toString());

        // An empty variable is no setting.
        assertThat(severity(scan(ConfigFiles.ENV, "", "--"))).isEqualTo("low");
    }

    @Test
    void aVariableNamingAMissingFileIsAnError() {
        CliRunner r = CliRunner.run(CliRunner.env(cwd, false, ConfigFiles.ENV, "nope.yaml"), "scan", manifest.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("nope.yaml: cannot read the configuration named by $KUBEWARD_CONFIG: no such file");
    }

    @Test
    void verboseNamesTheFileUsedOnEveryCommandThatReadsOne() throws Exception {
        Files.writeString(repo.resolve(".kubeward.yaml"), LOW);
        String named = "config: " + repo.resolve(".kubeward.yaml") + " (from the repository root)";
        String[][] commands = {
            {"scan", manifest.toString(), "-v"},
            {"pss", manifest.toString(), "--level", "baseline", "-v"},
            {"images", manifest.toString(), "-v"},
            {"rbac", "who-can", "get", "pods", manifest.toString(), "-v"},
            {"netpol", "reach", manifest.toString(), "-v"},
        };
        for (String[] command : commands) {
            CliRunner r = CliRunner.run(CliRunner.env(cwd, false), command);
            assertThat(r.err()).as(String.join(" ", command)).contains(named);
            CliRunner quiet = CliRunner.run(CliRunner.env(cwd, false), java.util.Arrays.copyOf(command, command.length - 1));
            assertThat(quiet.err()).doesNotContain("config:");
        }
        CliRunner json = CliRunner.run(CliRunner.env(cwd, false), "pss", manifest.toString(), "--level", "baseline", "-f", "json");
        assertThat(JSON.readTree(json.out()).at("/config/source").asText()).isEqualTo("repository-root");
    }

    @Test
    void aBrokenConfigurationFailsEveryCommandThatReadsIt() throws Exception {
        Files.writeString(cwd.resolve(".kubeward.yaml"), "checks:\n  disable: [no-such-check]\n");
        for (String[] command : new String[][] {{"scan", manifest.toString()}, {"rbac", "paths", manifest.toString()},
                {"netpol", "reach", manifest.toString()}}) {
            CliRunner r = CliRunner.run(CliRunner.env(cwd, false), command);
            assertThat(r.exitCode()).as(String.join(" ", command)).isEqualTo(2);
            assertThat(r.err()).contains(".kubeward.yaml:2: unknown check 'no-such-check'").doesNotContain("Exception");
        }
    }
}
