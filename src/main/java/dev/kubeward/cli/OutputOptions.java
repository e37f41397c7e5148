package dev.kubeward.cli;

import dev.kubeward.report.UnreadInput;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The output options every command that reports shares, declared once: {@code -f/--format},
 * {@code -o/--output}, {@code --color}, {@code -q/--quiet}, {@code -v/--verbose}. A command lists
 * the formats it writes ({@link Reporting#formats()}); {@link Main} writes them into each
 * command's help. A report is written through {@link #write}, which fails the run (exit code 2,
 * with a message) when the report could not be written.
 */
final class OutputOptions {
    /** Old or borrowed spellings of format names, still accepted. */
    static final Map<String, String> FORMAT_ALIASES = Map.of("txt", "text", "md", "markdown");

    enum ColorMode { auto, always, never }

    /** Implemented by every command that takes these options. */
    interface Reporting {
        /** The formats the command writes; the first is the default. */
        List<String> formats();
    }

    /** Writes a report. */
    @FunctionalInterface
    interface Body {
        void write(PrintWriter out) throws IOException;
    }

    /** A report that could not be written: the run ends with exit code 2 and this message. */
    static final class WriteFailure extends RuntimeException {
        WriteFailure(String message) {
            super(message);
        }
    }

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", order = 100,
            description = "the output format (each command lists its own)")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", order = 101,
            description = "write the report to FILE (UTF-8) instead of standard output (- is standard output); a FILE that cannot be written completely is removed")
    Path output;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto", order = 102,
            description = "auto, always or never: colour the text format; auto colours only a terminal, and not when NO_COLOR is set (default: ${DEFAULT-VALUE})")
    ColorMode color;

    @Option(names = {"-q", "--quiet"}, order = 103,
            description = "print only the summary line of the text format (and errors, on standard error)")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, order = 104,
            description = "also say on standard error which configuration file was used, and what was left out and why")
    boolean verbose;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** The format asked for, by its canonical name (aliases and any case accepted). */
    String format() {
        List<String> formats = ((Reporting) command.userObject()).formats();
        if (format == null) {
            return formats.get(0);
        }
        String value = format.trim().toLowerCase(Locale.ROOT);
        value = FORMAT_ALIASES.getOrDefault(value, value);
        if (!formats.contains(value)) {
            String suggestion = Suggestions.didYouMean(format, formats);
            throw new ParameterException(command.commandLine(), "Invalid value for option '--format': '" + format
                    + "' is not one of " + String.join(", ", formats) + suggestion);
        }
        return value;
    }

    /** True when the text may be coloured: --color always, or auto on a terminal without NO_COLOR. */
    boolean color() {
        Environment env = Main.environment(command);
        return switch (color) {
            case always -> true;
            case never -> false;
            case auto -> toStandardOutput() && env.stdoutIsTerminal() && env.get("NO_COLOR") == null
                    && !"dumb".equals(env.get("TERM"));
        };
    }

    /** What the command's loads of manifests did not read ({@link ManifestOptions#report}). */
    private UnreadInput unread;

    void unread(UnreadInput loaded) {
        unread = unread == null ? loaded : unread.plus(loaded);
    }

    /** What was not read, for JSON and SARIF; {@link UnreadInput#NONE} when nothing was loaded. */
    UnreadInput unread() {
        return unread == null ? UnreadInput.NONE : unread;
    }

    /**
     * A progress bar for {@code what} on standard error: drawn only when standard error is a
     * terminal and the run is not quiet ({@link Progress#start}).
     */
    Progress progress(String what) {
        return Progress.start(what, quiet, Main.environment(command), command.commandLine().getErr());
    }

    /**
     * As {@link #progress}, for work done while the report is being written: off when the report
     * goes to standard output on a terminal, where the bar would be drawn among its lines.
     */
    Progress progressWhileWriting(String what) {
        return toStandardOutput() && Main.environment(command).stdoutIsTerminal() ? Progress.OFF : progress(what);
    }

    /** A note for standard error, unless --quiet. */
    void note(String line) {
        if (!quiet) {
            command.commandLine().getErr().println(line);
        }
    }

    /** A note for standard error with --verbose. */
    void verbose(String line) {
        if (verbose) {
            command.commandLine().getErr().println(line);
        }
    }

    /** No --output, or {@code -o -}: standard output, as {@code -} means in every Unix tool. */
    boolean toStandardOutput() {
        return output == null || output.toString().equals("-");
    }

    /**
     * Writes a report to standard output or to --output. When writing a file fails, the partial
     * file is deleted, so that a failed run never leaves half a report for the next CI step to
     * upload; a device or pipe (-o /dev/stdout) is only written. Any failed write throws
     * {@link WriteFailure}.
     */
    void write(Body body) throws IOException {
        if (toStandardOutput()) {
            PrintWriter out = command.commandLine().getOut();
            body.write(out);
            out.flush();
            String failure = CheckedPrintWriter.failureOf(out);
            if (failure != null) {
                throw new WriteFailure("cannot write to standard output: " + failure);
            }
            return;
        }
        boolean regular = !Files.exists(output) || Files.isRegularFile(output);
        CheckedPrintWriter out;
        try {
            out = new CheckedPrintWriter(new OutputStreamWriter(Files.newOutputStream(output), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new WriteFailure("cannot write " + output + ": " + reason(e));
        }
        boolean done = false;
        try {
            try {
                body.write(out);
            } finally {
                out.close();
            }
            String failure = out.failure();
            if (failure != null) {
                throw new WriteFailure("cannot write " + output + ": " + failure);
            }
            done = true;
        } finally {
            if (!done && regular) {
                Files.deleteIfExists(output);
            }
        }
    }

    static String reason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** The description of --format for a command that writes these formats. */
    static String formatDescription(List<String> formats) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < formats.size(); i++) {
            sb.append(i == 0 ? "" : i == formats.size() - 1 ? " or " : ", ").append(formats.get(i));
        }
        return sb + " (default: " + formats.get(0) + ")";
    }
}
