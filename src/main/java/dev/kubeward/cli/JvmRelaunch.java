package dev.kubeward.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The JVM options of a command that runs for long: {@code audit-log} reads logs of millions of
 * events, where C2's code repays its compile time and short-lived events should die young, so it
 * runs without the launcher's {@code -XX:TieredStopAtLevel=1} and {@code -XX:MaxTenuringThreshold=0}
 * (docs/performance.md). The {@code ./kubeward} script leaves them out itself; the container
 * image has no shell, so its ENTRYPOINT names the commands in {@code -Dkubeward.relaunch=audit-log}
 * and kubeward starts the same command again without those options, as a child with the
 * same standard input, output and error, whose exit code it returns. A SIGTERM or Ctrl-C of the
 * parent (docker stop) is passed on, so that a {@code --follow} writes its summary.
 */
final class JvmRelaunch {
    /** The property of the ENTRYPOINT: a comma-separated list of commands to relaunch. */
    static final String PROPERTY = "kubeward.relaunch";
    /** The launcher options a long-running command does without (the ./kubeward script drops the same). */
    static final List<String> DROPPED = List.of("-XX:TieredStopAtLevel=1", "-XX:MaxTenuringThreshold=0");
    /** How long the child has to finish after the parent is told to stop. */
    static final long STOP_GRACE_MILLIS = AuditLogCommand.STOP_GRACE_MILLIS + 1000;

    private JvmRelaunch() {}

    /** True when the relaunch property names the command and this JVM has an option the child would run without. */
    static boolean wanted(String[] args, String property, List<String> jvmOptions) {
        if (property == null || args.length == 0) {
            return false;
        }
        boolean named = List.of(property.split(",")).stream().map(String::strip).anyMatch(args[0]::equals);
        return named && jvmOptions.stream().anyMatch(DROPPED::contains);
    }

    /**
     * The child's command line: the same Java runtime and JVM options, without the dropped ones and
     * the relaunch property (so the child does not relaunch again), the same class path, and the
     * same arguments.
     */
    static List<String> childCommand(String java, List<String> jvmOptions, String classPath, String[] args) {
        List<String> out = new ArrayList<>();
        out.add(java);
        for (String o : jvmOptions) {
            if (!DROPPED.contains(o) && !o.startsWith("-D" + PROPERTY + "=") && !o.startsWith("-Djava.class.path=")) {
                out.add(o);
            }
        }
        out.add("-cp");
        out.add(classPath);
        out.add(Main.class.getName());
        out.addAll(List.of(args));
        return out;
    }

    /**
     * Runs {@code args} in a child JVM when the relaunch property names the command and this JVM
     * has an option to drop; empty when the command should run here (also when no child can start).
     */
    static Optional<Integer> run(String[] args) {
        // The options as the JVM was given them (a -jar's manifest class path stays in force under -cp).
        List<String> jvm = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
        if (!wanted(args, System.getProperty(PROPERTY), jvm)) {
            return Optional.empty();
        }
        String runtime = ProcessHandle.current().info().command()
                .orElse(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = childCommand(runtime, jvm, System.getProperty("java.class.path"), args);
        Process child;
        try {
            child = new ProcessBuilder(command).inheritIO().start();
        } catch (IOException e) {
            return Optional.empty(); // run here, as the options are
        }
        Thread hook = new Thread(() -> {
            child.destroy(); // SIGTERM: the child's own shutdown ends a --follow and writes the summary
            try {
                if (!child.waitFor(STOP_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                    child.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "kubeward-relaunch-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return Optional.of(child.waitFor());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.destroy();
            return Optional.of(ExitCodes.USAGE);
        }
    }
}
