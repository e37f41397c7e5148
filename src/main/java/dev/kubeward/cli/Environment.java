package dev.kubeward.cli;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command may know about where it runs: environment variables, the working directory, and
 * whether standard output is a terminal and which character set that terminal shows. Commands read
 * these from here rather than from {@code System}, so that the tests can run them in any setting.
 *
 * @param terminalCharset the locale's character set (LC_ALL, else LC_CTYPE, else LANG, as the C
 *     library reads them; the JVM reports it as {@code native.encoding}); only a terminal's matters
 * @param stderrIsTerminal whether standard error is a terminal (where a progress bar may be drawn)
 */
record Environment(Map<String, String> variables, Path workingDirectory, boolean stdoutIsTerminal,
        Charset terminalCharset, boolean stderrIsTerminal) {

    /** An environment whose standard error is not a terminal. */
    Environment(Map<String, String> variables, Path workingDirectory, boolean stdoutIsTerminal, Charset terminalCharset) {
        this(variables, workingDirectory, stdoutIsTerminal, terminalCharset, false);
    }

    /** The JVM's own environment. */
    static Environment system() {
        return new Environment(System.getenv(), Path.of("").toAbsolutePath(), detectTerminal(),
                charset(System.getProperty("native.encoding")), Boolean.getBoolean("kubeward.stderr.tty"));
    }

    /** The same, with standard error a terminal or not. */
    Environment withStderrTerminal(boolean terminal) {
        return new Environment(variables, workingDirectory, stdoutIsTerminal, terminalCharset, terminal);
    }

    /** A variable's value; null when unset or empty (an empty NO_COLOR= is not a request). */
    String get(String name) {
        String v = variables.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    /**
     * True when symbols must be written in ASCII: standard output is a terminal whose locale is not
     * UTF-8 (LANG unset, LANG=C, a Latin-1 locale). Pipes and files always get UTF-8 unchanged.
     */
    boolean asciiSymbols() {
        return stdoutIsTerminal && !StandardCharsets.UTF_8.equals(terminalCharset);
    }

    /**
     * Whether standard output is a terminal. The launcher says so (it can test file descriptor 1
     * alone); without it, the JVM only knows whether both standard input and output are one.
     */
    private static boolean detectTerminal() {
        String fromLauncher = System.getProperty("kubeward.stdout.tty");
        if (fromLauncher != null) {
            return Boolean.parseBoolean(fromLauncher);
        }
        return System.console() != null;
    }

    static Charset charset(String name) {
        try {
            return name == null ? StandardCharsets.US_ASCII : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return StandardCharsets.US_ASCII;
        }
    }
}
