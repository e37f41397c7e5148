package dev.kubeward.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The kubeward command: a thin shell over the engine; each subcommand only reads input and picks a reporter. */
@Command(
        name = "kubeward",
        mixinStandardHelpOptions = true,
        versionProvider = Version.Provider.class,
        subcommands = {ScanCommand.class, PssCommand.class, ImagesCommand.class, NetpolCommand.class, RbacCommand.class, NodeCommand.class, AuditPolicyCommand.class, VapCommand.class, CelCommand.class, ChecksCommand.class, ExplainCommand.class, CommandLine.HelpCommand.class},
        description = {
            "Kubernetes security posture: scans manifests for the hardening practices of the NSA/CISA guide, the CIS Kubernetes Benchmark and the Pod Security Standards.",
            "",
            "Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or input error."
        })
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs a command line; tests call this with their own writers. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cmd = new CommandLine(new Main());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setExecutionExceptionHandler((ex, line, parseResult) -> {
            // People get a sentence, not a stack trace; KUBEWARD_DEBUG=1 shows the trace for bug reports.
            line.getErr().println("kubeward: error: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            if (System.getenv("KUBEWARD_DEBUG") != null) {
                ex.printStackTrace(line.getErr());
            }
            return ExitCodes.USAGE;
        });
        return cmd.execute(args);
    }
}
