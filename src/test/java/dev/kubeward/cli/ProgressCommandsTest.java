package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The progress bars of {@code rbac paths} and {@code netpol reach}: drawn on standard error when it
 * is a terminal (each up to its last step, then cleared), never on standard output, nothing when
 * it is not a terminal or with {@code --quiet}, and not while a listing streams to a terminal.
 */
class ProgressCommandsTest {
    static final String RBAC = GraphPagesTest.RBAC;
    static final String NETPOL = GraphPagesTest.NETPOL;
    /** A bar drawn to its end: "WHAT [########################] N/N". */
    static final String FULL = " \\[#{24}\\] (\\d+)/\\1";

    static Environment env(boolean stdoutTerminal, boolean stderrTerminal) {
        return CliRunner.env(Path.of(""), stdoutTerminal).withStderrTerminal(stderrTerminal);
    }

    @Test
    void rbacPathsDrawsReadingAndSearchingOnATerminalAndTheSameReport() {
        CliRunner plain = CliRunner.run(env(false, false), "rbac", "paths", RBAC);
        CliRunner bar = CliRunner.run(env(false, true), "rbac", "paths", RBAC);
        assertThat(bar.exitCode()).isEqualTo(plain.exitCode()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(bar.out()).isEqualTo(plain.out()).contains("can reach cluster-admin");
        assertThat(bar.err()).containsPattern("\rreading files" + FULL)
                .containsPattern("\rfinding escalation paths" + FULL);
        // Cleared at the end: the last thing written to the bar's line is blanks and a carriage return.
        assertThat(bar.err()).containsPattern("\\] (\\d+)/\\1\r +\r");
        assertThat(plain.err()).doesNotContain("\r").doesNotContain("finding escalation paths")
                .doesNotContain("reading files");
    }

    @Test
    void quietTurnsTheBarOffOnATerminal() {
        CliRunner quiet = CliRunner.run(env(false, true), "rbac", "paths", RBAC, "--quiet");
        assertThat(quiet.exitCode()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(quiet.err()).doesNotContain("\r").doesNotContain("escalation paths [");
        CliRunner reach = CliRunner.run(env(false, true), "netpol", "reach", NETPOL, "-q");
        assertThat(reach.err()).doesNotContain("\r");
    }

    @Test
    void netpolReachDrawsTheListingUnlessItStreamsToTheTerminal() {
        CliRunner plain = CliRunner.run(env(false, false), "netpol", "reach", NETPOL, "-f", "json");
        CliRunner json = CliRunner.run(env(false, true), "netpol", "reach", NETPOL, "-f", "json");
        assertThat(json.exitCode()).isEqualTo(plain.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(json.out()).isEqualTo(plain.out()).contains("\"connections\"");
        assertThat(json.err()).containsPattern("\rreading files" + FULL).containsPattern("\rlisting connections" + FULL);
        assertThat(plain.err()).doesNotContain("\r");

        // Text to a terminal: the lines are written while they are listed, so no bar among them.
        CliRunner onTerminal = CliRunner.run(env(true, true), "netpol", "reach", NETPOL);
        assertThat(onTerminal.out()).contains("=>").doesNotContain("\r");
        assertThat(onTerminal.err()).contains("\rreading files").doesNotContain("listing connections");

        // HTML is listed before it is written: the bar is drawn whatever the output is.
        CliRunner html = CliRunner.run(env(true, true), "netpol", "reach", NETPOL, "-f", "html");
        assertThat(html.out()).startsWith("<!DOCTYPE html>").doesNotContain("\r");
        assertThat(html.err()).containsPattern("\rlisting connections" + FULL);
    }
}
