package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The container image's audit-log runs in a child JVM without the launcher's short-run options. */
class JvmRelaunchTest {
    private static final String IMAGE_JAVA = "/opt/kubeward/runtime/bin/kubeward";

    @Test
    void theChildDropsTheShortRunOptionsAndTheRelaunchPropertyButNoApplicationArgument() {
        List<String> options = List.of("-XX:+UseParallelGC", "-XX:MaxNewSize=256m", "-XX:MaxTenuringThreshold=0",
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Dkubeward.relaunch=audit-log");
        String[] args = {"audit-log", "-", "-XX:TieredStopAtLevel=1", "-Dkubeward.relaunch=audit-log", "--follow"};
        assertThat(JvmRelaunch.childCommand(IMAGE_JAVA, options, "/opt/kubeward/kubeward.jar", args)).containsExactly(IMAGE_JAVA,
                "-XX:+UseParallelGC", "-XX:MaxNewSize=256m", "-Xshare:auto", "-cp", "/opt/kubeward/kubeward.jar",
                "dev.kubeward.cli.Main", "audit-log", "-", "-XX:TieredStopAtLevel=1", "-Dkubeward.relaunch=audit-log", "--follow");
    }

    @Test
    void onlyTheNamedCommandsRelaunchAndOnlyWhenAnOptionIsToBeDropped() {
        List<String> c1 = List.of("-XX:TieredStopAtLevel=1", "-Dkubeward.relaunch=audit-log");
        List<String> full = List.of("-XX:+UseParallelGC");
        String[] auditLog = {"audit-log", "x.log"};
        assertThat(JvmRelaunch.wanted(auditLog, "audit-log", c1)).isTrue();
        assertThat(JvmRelaunch.wanted(auditLog, "scan, audit-log", c1)).isTrue();
        assertThat(JvmRelaunch.wanted(auditLog, null, c1)).as("the ./kubeward script sets no property").isFalse();
        assertThat(JvmRelaunch.wanted(auditLog, "audit-log", full)).as("nothing to drop").isFalse();
        assertThat(JvmRelaunch.wanted(new String[] {"scan", "."}, "audit-log", c1)).isFalse();
        assertThat(JvmRelaunch.wanted(new String[0], "audit-log", c1)).isFalse();
        assertThat(JvmRelaunch.wanted(new String[] {"audit"}, "audit-log", c1)).isFalse();
    }

    @Test
    void theLauncherAndTheImageDropTheSameOptions() throws Exception {
        Matcher m = Pattern.compile("case \"\\$o\" in ([^)]*)\\)").matcher(Files.readString(Path.of("kubeward")));
        assertThat(m.find()).as("the launcher's audit-log option filter").isTrue();
        assertThat(List.of(m.group(1).split("\\|"))).containsExactlyInAnyOrderElementsOf(JvmRelaunch.DROPPED);
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        Matcher entry = Pattern.compile("\nENTRYPOINT (\\[.*])\n").matcher(dockerfile);
        assertThat(entry.find()).isTrue();
        assertThat(entry.group(1)).contains("\"-D" + JvmRelaunch.PROPERTY + "=audit-log\", \"-jar\"");
        for (String option : JvmRelaunch.DROPPED) {
            assertThat(entry.group(1)).contains("\"" + option + "\"");
        }
    }

    private static final String EXEC = "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\","
            + "\"auditID\":\"%s\",\"stage\":\"ResponseComplete\",\"requestURI\":\"/api/v1/namespaces/shop/pods/web-0/exec?command=sh\","
            + "\"verb\":\"create\",\"user\":{\"username\":\"jane\",\"groups\":[\"system:authenticated\"]},\"sourceIPs\":[\"10.0.0.1\"],"
            + "\"objectRef\":{\"resource\":\"pods\",\"namespace\":\"shop\",\"name\":\"web-0\",\"apiVersion\":\"v1\","
            + "\"subresource\":\"exec\"},\"responseStatus\":{\"code\":101},\"requestReceivedTimestamp\":\"2026-11-30T10:00:00Z\"}\n";

    /** As the image's ENTRYPOINT starts kubeward: C1 only, survivors promoted at once, the relaunch property. */
    private static List<String> imageLike(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:MaxTenuringThreshold=0", "-Dkubeward.relaunch=audit-log",
                "-cp", System.getProperty("java.class.path"), "dev.kubeward.cli.Main"));
        command.addAll(List.of(args));
        return command;
    }

    private static <T> T await(java.util.function.Supplier<Optional<T>> what, String description) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Optional<T> v = what.get();
            if (v.isPresent()) {
                return v.get();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("not in time: " + description);
    }

    @Test
    void standardInputAndTheExitCodeGoThroughTheChild(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("audit.log");
        Files.writeString(log, EXEC.formatted("a1"));
        Process p = new ProcessBuilder(imageLike("audit-log", "-f", "jsonl", "--fail-on", "medium"))
                .redirectInput(log.toFile()).redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("err"))).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("out"))).contains("\"auditID\":\"a1\"").contains("\"source\":{\"file\":\"<stdin>\"");
        assertThat(Files.readString(dir.resolve("err"))).contains("1 alert (1 medium) from 1 event");
    }

    @Test
    void aFollowInTheChildStopsWithItsSummaryWhenTheParentIsTerminated(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("audit.log");
        Path out = dir.resolve("out");
        Path err = dir.resolve("err");
        Process p = new ProcessBuilder(imageLike("audit-log", "--follow", log.toString(), "-f", "jsonl", "--fail-on", "none"))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            ProcessHandle child = await(() -> p.children().findFirst(), "the child JVM");
            // The test JVM's class path is long; /proc shows the whole command line only while it is short.
            child.info().arguments().map(List::of).ifPresent(childArgs -> assertThat(childArgs).doesNotContainAnyElementsOf(JvmRelaunch.DROPPED).contains("audit-log", "--follow")
                    .noneMatch(a -> a.startsWith("-Dkubeward.relaunch")));
            Files.writeString(log, EXEC.formatted("f1"));
            await(() -> {
                try {
                    return Files.readString(out).contains("\"auditID\":\"f1\"") ? Optional.of(true) : Optional.empty();
                } catch (java.io.IOException e) {
                    return Optional.empty();
                }
            }, "the alert of the followed event");
            p.destroy(); // SIGTERM, as docker stop sends it to the image's first process
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(child.isAlive()).isFalse();
            assertThat(Files.readString(err)).contains("1 alert (1 medium) from 1 event").doesNotContain("Exception");
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }
}
