package dev.kubeward.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tarball that ./mvnw package builds, unpacked as a user would and run with no JDK on the
 * PATH: the bundled runtime must be all it needs. Runs in the integration-test phase, after
 * the package phase has built target/kubeward-VERSION-OS-ARCH.tar.gz.
 */
class DistributionIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VERSION = System.getProperty("kubeward.version", "0.1.0-SNAPSHOT");

    @TempDir
    static Path tmp;
    static Path home;
    /** A PATH with the few programs a shell user has, and no java. */
    static Path tools;

    @BeforeAll
    static void unpack() throws Exception {
        Path tarball;
        try (Stream<Path> s = Files.list(Path.of("target"))) {
            List<Path> found = s.filter(p -> p.getFileName().toString().matches("kubeward-" + VERSION.replace(".", "\\.")
                    + "-[a-z]+-[a-z0-9_]+\\.tar\\.gz")).toList();
            assertThat(found).as("the distribution tarball in target/").hasSize(1);
            tarball = found.get(0);
        }
        Path unpacked = Files.createDirectories(tmp.resolve("opt"));
        Proc untar = Proc.run(unpacked, Map.of("PATH", System.getenv("PATH")),
                List.of("tar", "-xzf", tarball.toAbsolutePath().toString()));
        assertThat(untar.exitCode()).as(untar.toString()).isZero();
        home = unpacked.resolve("kubeward-" + VERSION);
        tools = Files.createDirectories(tmp.resolve("tools"));
        for (String tool : List.of("bash", "readlink", "rm", "mkdir", "env")) {
            Path real = which(tool);
            Files.createSymbolicLink(tools.resolve(tool), real);
        }
        Proc java = Proc.run(tmp, env(tools), List.of(tools.resolve("bash").toString(), "-c", "command -v java"));
        assertThat(java.exitCode()).as("no java on the sandbox PATH: " + java.out()).isNotZero();
    }

    private static Path which(String tool) {
        for (String dir : System.getenv("PATH").split(":")) {
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new AssertionError(tool + " is not on the PATH");
    }

    /** The environment of a user without a JDK: PATH as given, a home of their own, no JAVA_HOME. */
    static Map<String, String> env(Path... path) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", String.join(":", Stream.of(path).map(Path::toString).toList()));
        env.put("HOME", Files.createDirectories(tmp.resolve("home")).toString());
        env.put("LANG", "C.UTF-8");
        // The class-data-sharing archive's training run costs two seconds; one test makes it.
        env.put("KUBEWARD_NO_CDS", "1");
        return env;
    }

    @Test
    void theDistributionHoldsTheLauncherTheJarAndARuntime() {
        assertThat(home.resolve("bin/kubeward")).isExecutable();
        assertThat(home.resolve("kubeward.jar")).isRegularFile();
        assertThat(home.resolve("runtime/bin/java")).isExecutable();
        assertThat(home.resolve("runtime/lib/jspawnhelper")).as("ProcessBuilder (kubectl) needs it").isExecutable();
        assertThat(home.resolve("runtime/lib/server/classes.jsa")).as("base CDS archive").isRegularFile();
        assertThat(home.resolve("examples/insecure")).isDirectory();
    }

    @Test
    void versionAndScanRunWithoutAJdk() throws Exception {
        Proc version = Proc.run(tmp, env(tools), List.of(home.resolve("bin/kubeward").toString(), "version"));
        assertThat(version.exitCode()).as(version.toString()).isZero();
        assertThat(version.out().strip()).isEqualTo("kubeward " + VERSION);

        Proc hardened = Proc.run(home, env(tools), List.of("bin/kubeward", "scan", "examples/hardened"));
        assertThat(hardened.exitCode()).as(hardened.toString()).isZero();
        assertThat(hardened.out()).contains("no findings");

        Proc insecure = Proc.run(home, env(tools), List.of("bin/kubeward", "scan", "examples/insecure", "-f", "json"));
        assertThat(insecure.exitCode()).as(insecure.err()).isEqualTo(1);
        JsonNode report = JSON.readTree(insecure.out());
        assertThat(report.get("findings").size()).isGreaterThan(50);
        assertThat(report.get("errors")).isEmpty();
    }

    @Test
    void theLauncherWorksThroughSymlinksOnThePathFromAnyDirectory() throws Exception {
        // A chain of links as package managers make them: an absolute one, then a relative one.
        Path links = Files.createDirectories(tmp.resolve("links"));
        Files.createSymbolicLink(links.resolve("kw"), home.resolve("bin/kubeward"));
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("kubeward"), Path.of("../links/kw"));
        Path work = Files.createDirectories(tmp.resolve("elsewhere/project"));
        Files.writeString(work.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: shop}\n");

        Proc version = Proc.run(work, env(bin, tools), List.of("bash", "-c", "kubeward version"));
        assertThat(version.exitCode()).as(version.toString()).isZero();
        assertThat(version.out()).contains("kubeward " + VERSION);
        Proc scan = Proc.run(work, env(bin, tools), List.of("bash", "-c", "kubeward scan cm.yaml -f json --fail-on none"));
        assertThat(scan.exitCode()).as(scan.toString()).isZero();
        assertThat(JSON.readTree(scan.out()).get("summary").get("objects").asInt()).isEqualTo(1);
    }

    @Test
    void theSourceCheckoutLauncherWorksThroughASymlinkToo() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("checkout-bin"));
        Files.createSymbolicLink(bin.resolve("kubeward"), Path.of("kubeward").toAbsolutePath());
        Path work = Files.createDirectories(tmp.resolve("checkout-work"));
        Map<String, String> env = env(bin);
        env.put("PATH", bin + ":" + System.getenv("PATH"));
        env.put("KUBEWARD_NO_CDS", "1");
        Proc version = Proc.run(work, env, List.of("bash", "-c", "kubeward --version"));
        assertThat(version.exitCode()).as(version.toString()).isZero();
        assertThat(version.out()).contains("kubeward " + VERSION);
        assertThat(version.err()).as("no rebuild: the jar is fresh").doesNotContain("building");
    }

    @Test
    void aClassDataSharingArchiveIsMadeOnFirstUse() throws Exception {
        // A copy, so that the other tests' runs do not decide what this one finds.
        Path copy = tmp.resolve("cds");
        Proc cp = Proc.run(tmp, Map.of("PATH", System.getenv("PATH")), List.of("cp", "-R", home.toString(), copy.toString()));
        assertThat(cp.exitCode()).isZero();
        Files.deleteIfExists(copy.resolve("kubeward.jsa"));
        Map<String, String> env = env(tools);
        env.remove("KUBEWARD_NO_CDS");
        Proc first = Proc.run(tmp, env, List.of(copy.resolve("bin/kubeward").toString(), "--version"));
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(copy.resolve("kubeward.jsa")).isRegularFile();
        Proc second = Proc.run(tmp, env, List.of(copy.resolve("bin/kubeward").toString(), "--version"));
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.err()).as("the archive is accepted silently").isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void thePreCommitHookRunsAsPreCommitRunsIt() throws Exception {
        // pre-commit runs a script hook from the repository being committed to, as
        // <hook repo>/<entry> <args> <changed files>.
        List<Map<String, Object>> hooks = (List<Map<String, Object>>) new org.yaml.snakeyaml.Yaml(
                new org.yaml.snakeyaml.constructor.SafeConstructor(new org.yaml.snakeyaml.LoaderOptions()))
                .load(Files.readString(Path.of(".pre-commit-hooks.yaml")));
        Map<String, Object> hook = hooks.get(0);
        List<String> command = new java.util.ArrayList<>(List.of(((String) hook.get("entry")).split(" ")));
        command.set(0, Path.of(command.get(0)).toAbsolutePath().toString());
        command.addAll((List<String>) hook.get("args"));
        Map<String, String> env = env();
        env.put("PATH", System.getenv("PATH"));
        env.put("KUBEWARD_NO_CDS", "1");
        for (String example : List.of("hardened", "insecure")) {
            Path repo = tmp.resolve("repo-" + example);
            Proc cp = Proc.run(tmp, env, List.of("cp", "-R", Path.of("examples", example).toAbsolutePath().toString(),
                    repo.toString()));
            assertThat(cp.exitCode()).isZero();
            List<String> run = new java.util.ArrayList<>(command);
            run.add("web.yaml");
            Proc p = Proc.run(repo, env, run);
            assertThat(p.exitCode()).as(example + ": " + p).isEqualTo(example.equals("hardened") ? 0 : 1);
            assertThat(p.out()).contains("1 file");
        }
    }
}
