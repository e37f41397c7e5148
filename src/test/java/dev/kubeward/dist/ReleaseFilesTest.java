package dev.kubeward.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubeward.cli.CliRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The files that install kubeward elsewhere (Dockerfile, action.yml, .pre-commit-hooks.yaml and
 * the example workflow) say what the command line and the launcher really do.
 */
class ReleaseFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FLAG = Pattern.compile("(?<![\\w-])--[a-z][a-z0-9-]*");

    private static Object yaml(String text) {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    }

    /** Every long option kubeward scan --help lists. */
    private static Set<String> scanFlags() {
        CliRunner help = CliRunner.run("scan", "--help");
        assertThat(help.exitCode()).isZero();
        return flags(help.out());
    }

    private static Set<String> flags(String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = FLAG.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    @Test
    void kubewardsOwnDockerfilePassesKubewardScan() throws Exception {
        CliRunner r = CliRunner.run("scan", "Dockerfile", "-f", "json", "--fail-on", "info");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        JsonNode report = JSON.readTree(r.out());
        assertThat(report.get("summary").get("objects").asInt()).isEqualTo(1);
        assertThat(report.get("findings")).isEmpty();
    }

    @Test
    void theImageRunsAsANumericNonRootUserWithoutAShell() throws Exception {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        List<String> froms = new ArrayList<>();
        for (String line : dockerfile.split("\n")) {
            if (line.startsWith("FROM ")) {
                froms.add(line);
            }
        }
        assertThat(froms).hasSizeGreaterThanOrEqualTo(2).allMatch(f -> f.matches("FROM \\S+@sha256:[0-9a-f]{64}( AS \\w+)?"));
        String last = dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));
        assertThat(last).containsPattern("\nUSER [1-9][0-9]*:[1-9][0-9]*\n").contains("distroless");
        assertThat(last).containsPattern("\nENTRYPOINT \\[\"/opt/kubeward/runtime/bin/kubeward\"");
        assertThat(last).doesNotContain("/bin/sh").doesNotContain("\nRUN ");
    }

    @Test
    void theImageRunsTheJvmAsTheLauncherDoes() throws Exception {
        Matcher launcher = Pattern.compile("\nopts=\\(([^)]*)\\)").matcher(Files.readString(Path.of("kubeward")));
        assertThat(launcher.find()).isTrue();
        List<String> opts = List.of(launcher.group(1).trim().split("\\s+"));
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        Matcher entry = Pattern.compile("\nENTRYPOINT (\\[.*])\n").matcher(dockerfile);
        assertThat(entry.find()).isTrue();
        List<String> entrypoint = new ArrayList<>();
        JSON.readTree(entry.group(1)).forEach(n -> entrypoint.add(n.asText()));
        assertThat(entrypoint.subList(1, 1 + opts.size())).isEqualTo(opts);
        assertThat(entrypoint.subList(entrypoint.size() - 2, entrypoint.size()))
                .containsExactly("-jar", "/opt/kubeward/kubeward.jar");
        // The archive the ENTRYPOINT names is made in the build stage with the same options.
        for (String opt : opts) {
            assertThat(dockerfile.substring(0, dockerfile.lastIndexOf("\nFROM "))).contains(opt);
        }
        assertThat(dockerfile).contains("-XX:ArchiveClassesAtExit=/opt/kubeward/kubeward.jsa")
                .contains("-XX:SharedArchiveFile=/opt/kubeward/kubeward.jsa");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyActionInputIsARealScanOption() throws Exception {
        Map<String, Object> action = (Map<String, Object>) yaml(Files.readString(Path.of("action.yml")));
        Map<String, Object> runs = (Map<String, Object>) action.get("runs");
        assertThat(runs.get("using")).isEqualTo("composite");
        Map<String, Object> inputs = (Map<String, Object>) action.get("inputs");
        List<Map<String, Object>> steps = (List<Map<String, Object>>) runs.get("steps");
        Map<String, Object> scan = steps.stream().filter(s -> "scan".equals(s.get("id"))).findFirst().orElseThrow();
        String script = (String) scan.get("run");
        Map<String, Object> env = (Map<String, Object>) scan.get("env");

        Set<String> passed = flags(script);
        assertThat(passed).isNotEmpty();
        assertThat(scanFlags()).containsAll(passed);
        for (String input : inputs.keySet()) {
            String var = "INPUT_" + input.toUpperCase().replace('-', '_');
            assertThat(env.get(var)).as("input " + input + " reaches the script").isEqualTo("${{ inputs." + input + " }}");
            assertThat(script).as("the script uses " + var).contains("$" + var);
            if (!Set.of("paths", "args").contains(input)) {
                assertThat(passed).as("input " + input + " is the option of its name").contains("--" + input);
            }
        }
        assertThat(script).doesNotContain("${{").as("inputs are never pasted into the script");
        String build = (String) steps.stream().filter(s -> "Build kubeward".equals(s.get("name"))).findFirst().orElseThrow().get("run");
        assertThat(build).contains("-Dkubeward.dist.skip=true");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theExampleWorkflowChecksOutScansAndUploadsSarif() throws Exception {
        String doc = Files.readString(Path.of("docs/github-action.md"));
        Matcher block = Pattern.compile("```yaml\n(name: kubeward\n.*?)```", Pattern.DOTALL).matcher(doc);
        assertThat(block.find()).isTrue();
        Map<String, Object> workflow = (Map<String, Object>) yaml(block.group(1));
        Map<String, Object> job = (Map<String, Object>) ((Map<String, Object>) workflow.get("jobs")).get("kubeward");
        assertThat((Map<String, Object>) job.get("permissions")).containsEntry("security-events", "write");
        List<Map<String, Object>> steps = (List<Map<String, Object>>) job.get("steps");
        List<String> uses = steps.stream().map(s -> String.valueOf(s.get("uses"))).toList();
        assertThat(uses.get(0)).startsWith("actions/checkout@");
        assertThat(uses.get(1)).startsWith("kubeward/kubeward@");
        assertThat(uses.get(2)).startsWith("github/codeql-action/upload-sarif@");
        Map<String, Object> with = (Map<String, Object>) steps.get(1).get("with");
        Map<String, Object> actionInputs = (Map<String, Object>) ((Map<String, Object>) yaml(
                Files.readString(Path.of("action.yml")))).get("inputs");
        assertThat(actionInputs.keySet()).containsAll(with.keySet());
        assertThat(((Map<String, Object>) steps.get(2).get("with")).get("sarif_file")).isEqualTo(with.get("output"));
        assertThat(steps.get(2).get("if")).isEqualTo("always()");
    }

    @Test
    @SuppressWarnings("unchecked")
    void preCommitHooksAreWellFormedAndPassTheChangedFilesWithTheirContext() throws Exception {
        List<Map<String, Object>> hooks = (List<Map<String, Object>>) yaml(Files.readString(Path.of(".pre-commit-hooks.yaml")));
        assertThat(hooks).isNotEmpty();
        Set<String> scanFlags = scanFlags();
        for (Map<String, Object> hook : hooks) {
            assertThat(hook).containsKeys("id", "name", "entry", "language", "files", "pass_filenames");
            assertThat(hook.get("pass_filenames")).isEqualTo(true);
            assertThat(hook.get("language")).isIn("script", "system");
            String entry = (String) hook.get("entry");
            assertThat(entry).startsWith("kubeward scan");
            if (hook.get("language").equals("script")) {
                // pre-commit runs a script hook's entry relative to this repository's root.
                assertThat(Path.of(entry.split(" ")[0])).isExecutable();
            }
            List<String> args = (List<String>) hook.get("args");
            assertThat(args).containsExactly("--context", ".");
            assertThat(scanFlags).containsAll(flags(entry + " " + String.join(" ", args)));
            Pattern files = Pattern.compile((String) hook.get("files"));
            for (String yes : List.of("deploy.yaml", "k8s/app/web.yml", "chart.json", "Dockerfile", "build/Dockerfile",
                    "Dockerfile.prod", "web.Dockerfile", "Containerfile")) {
                assertThat(files.matcher(yes).find()).as(yes).isTrue();
            }
            for (String no : List.of("README.md", "main.go", "Dockerfile-notes/x.txt", "yaml.txt")) {
                assertThat(files.matcher(no).find()).as(no).isFalse();
            }
        }
    }
}
