package dev.kubeward.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The kubeward command: a thin shell over the engine; each subcommand only reads input and picks a
 * reporter. {@code -h/--help} is given to every subcommand (and exits 0 however incomplete the
 * rest of the command line is); {@code -V/--version} belongs to the top level alone, so that it
 * never collides with an option of a subcommand.
 */
@Command(
        name = "kubeward",
        versionProvider = Version.Provider.class,
        subcommands = {ScanCommand.class, PssCommand.class, ImagesCommand.class, VulndbCommand.class, NetpolCommand.class, RbacCommand.class, NodeCommand.class, AuditPolicyCommand.class, AuditLogCommand.class, VapCommand.class, CelCommand.class, ServeCommand.class, ChecksCommand.class, DetectionsCommand.class, ExplainCommand.class, FrameworksCommand.class, VersionCommand.class, CommandLine.HelpCommand.class},
        description = {
            "Kubernetes security posture: scans manifests for the hardening practices of the NSA/CISA guide, the CIS Kubernetes Benchmark and the Pod Security Standards.",
            "",
            "Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or input error."
        })
public final class Main implements Runnable {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "print the version and exit")
    boolean version;

    @CommandLine.Spec
    CommandSpec spec;

    private final Environment environment;

    Main(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The environment of the run a command belongs to. */
    static Environment environment(CommandSpec command) {
        return command.root().userObject() instanceof Main m ? m.environment : Environment.system();
    }

    public static void main(String[] args) {
        // The container image's long-running commands start again with their own JVM options.
        java.util.Optional<Integer> relaunched = JvmRelaunch.run(args);
        if (relaunched.isPresent()) {
            System.exit(relaunched.get());
        }
        // UTF-8 whatever the locale: the JVM would otherwise encode standard output in the locale's
        // character set, and with LANG unset every … and ✔ would become '?'.
        PrintWriter out = new CheckedPrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
                StandardCharsets.UTF_8));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err),
                StandardCharsets.UTF_8), true);
        int code = run(args, out, err, Environment.system());
        err.flush();
        System.exit(code);
    }

    /** Runs a command line; tests call this with their own writers. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, Environment.system());
    }

    static int run(String[] args, PrintWriter out, PrintWriter err, Environment env) {
        PrintWriter shown = env.asciiSymbols() ? new PrintWriter(new AsciiSymbolWriter(out)) : out;
        PrintWriter errShown = env.asciiSymbols() ? new PrintWriter(new AsciiSymbolWriter(err), true) : err;
        CommandLine cmd = commandLine(env);
        cmd.setOut(shown);
        cmd.setErr(errShown);
        boolean[] reported = {false};
        cmd.setParameterExceptionHandler((ex, arguments) -> {
            usageError(ex);
            return ExitCodes.USAGE;
        });
        cmd.setExecutionExceptionHandler((ex, line, parseResult) -> {
            if (ex instanceof OutputOptions.WriteFailure) {
                reported[0] = true;
                line.getErr().println("kubeward: error: " + ex.getMessage());
                return ExitCodes.USAGE;
            }
            if (ex instanceof dev.kubeward.check.ConfigException ce) {
                line.getErr().println(ce);
                return ExitCodes.USAGE;
            }
            if (ex instanceof ParameterException pe) {
                usageError(pe);
                return ExitCodes.USAGE;
            }
            // People get a sentence, not a stack trace; KUBEWARD_DEBUG=1 shows the trace for bug reports.
            line.getErr().println("kubeward: error: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            if (env.get("KUBEWARD_DEBUG") != null) {
                ex.printStackTrace(line.getErr());
            }
            return ExitCodes.USAGE;
        });
        int code = cmd.execute(CelCommand.expressionsFileAlias(args));
        // Whatever the command, help and version included: output that did not arrive is an error.
        shown.flush();
        String failure = CheckedPrintWriter.failureOf(out);
        if (failure != null && !reported[0]) {
            errShown.println("kubeward: error: cannot write to standard output: " + failure);
            code = ExitCodes.USAGE;
        }
        errShown.flush();
        return code;
    }

    /** The command tree with the conventions every command shares. */
    static CommandLine commandLine(Environment env) {
        CommandLine cmd = new CommandLine(new Main(env));
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        conventions(cmd);
        return cmd;
    }

    /** A usage error: the message, what was probably meant, and where the help is. */
    private static void usageError(ParameterException ex) {
        CommandLine line = ex.getCommandLine();
        PrintWriter err = line.getErr();
        String message = ex.getMessage();
        if (ex instanceof UnmatchedArgumentException u && !u.isUnknownOption() && !u.getUnmatched().isEmpty()
                && !line.getCommandSpec().subcommands().isEmpty()) {
            message = "unknown command '" + u.getUnmatched().get(0) + "'";
        }
        err.println("kubeward: error: " + message + suggestion(ex));
        err.println("Run '" + line.getCommandSpec().qualifiedName() + " --help' for usage.");
    }

    /** "Did you mean" for an unknown subcommand, option or enum value; "" when nothing is close. */
    private static String suggestion(ParameterException ex) {
        CommandSpec spec = ex.getCommandLine().getCommandSpec();
        if (ex instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String typed = u.getUnmatched().get(0);
            List<String> names = new ArrayList<>();
            if (typed.startsWith("-")) {
                String name = typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed;
                spec.options().stream().filter(o -> !o.hidden()).forEach(o -> names.addAll(List.of(o.names())));
                return Suggestions.didYouMean(name, names);
            }
            if (!spec.subcommands().isEmpty()) {
                spec.subcommands().forEach((n, sub) -> {
                    if (!sub.getCommandSpec().usageMessage().hidden()) {
                        names.add(n);
                    }
                });
                return Suggestions.didYouMean(typed, names);
            }
            return "";
        }
        if (ex.getArgSpec() instanceof OptionSpec o && ex.getValue() != null && o.completionCandidates() != null) {
            List<String> candidates = new ArrayList<>();
            o.completionCandidates().forEach(candidates::add);
            return Suggestions.didYouMean(ex.getValue(), candidates);
        }
        return "";
    }

    /**
     * What every subcommand gets without declaring it: {@code -h/--help}, and the description of
     * its shared --format option listing its own formats.
     */
    private static void conventions(CommandLine line) {
        Object command = line.getCommand();
        CommandSpec spec = line.getCommandSpec();
        if (!(command instanceof CommandLine.HelpCommand) && spec.findOption("--help") == null) {
            spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).order(1000)
                    .description("show this help and exit").build());
        }
        if (command instanceof OutputOptions.Reporting reporting) {
            OptionSpec format = line.getCommandSpec().findOption("--format");
            if (format != null) {
                List<String> formats = reporting.formats();
                OptionSpec described = format.toBuilder()
                        .description(OutputOptions.formatDescription(formats))
                        .completionCandidates(formats)
                        .build();
                line.getCommandSpec().remove(format);
                line.getCommandSpec().addOption(described);
            }
        }
        line.getSubcommands().values().forEach(Main::conventions);
    }
}
