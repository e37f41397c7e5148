package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Output that a pipeline can trust: a report that was not written fails the run; bytes are UTF-8. */
class OutputContractTest {
    private static final String SHOP_RBAC = "src/test/resources/rbac-cli/shop";
    private static final String SHOP_NETPOL = "src/test/resources/netpol-cli/shop";

    /** A writer standing for a full disk: every write fails, as on /dev/full. */
    private static final class FullDisk extends Writer {
        @Override
        public void write(char[] cbuf, int off, int len) throws IOException {
            throw new IOException("No space left on device");
        }

        @Override
        public void flush() throws IOException {
            throw new IOException("No space left on device");
        }

        @Override
        public void close() {
        }
    }

    /** Every command that writes something, with arguments that make it succeed. */
    static List<List<String>> everyCommand() {
        return List.of(
                List.of("scan", "examples/hardened"),
                List.of("scan", "examples/insecure", "-f", "sarif", "--fail-on", "none"),
                List.of("scan", "examples/insecure", "-f", "json", "--fail-on", "none"),
                List.of("scan", "examples/insecure", "-f", "junit", "--fail-on", "none"),
                List.of("node", "--root", "src/test/resources/controlplane/node", "--fail-on", "none"),
                List.of("pss", "examples/hardened", "--level", "restricted"),
                List.of("images", "examples/hardened", "-f", "json"),
                List.of("audit-policy", "src/test/resources/audit/gce-shape.yaml"),
                List.of("rbac", "who-can", "get", "secrets", "-n", "shop", SHOP_RBAC),
                List.of("rbac", "can", "user:alice", "get", "secrets", "-n", "shop", SHOP_RBAC),
                List.of("rbac", "permissions", "user:alice", SHOP_RBAC),
                List.of("rbac", "paths", "--bootstrap", SHOP_RBAC, "-f", "json"),
                List.of("netpol", "reach", SHOP_NETPOL),
                List.of("netpol", "explain", "--from", "shop/frontend", "--to", "shop/backend", SHOP_NETPOL),
                List.of("netpol", "diff", SHOP_NETPOL, "src/test/resources/netpol-cli/shop-v2"),
                List.of("checks"),
                List.of("explain", "privileged-container"),
                List.of("version"),
                List.of("--version"),
                List.of("--help"),
                List.of("scan", "--help"));
    }

    @ParameterizedTest
    @MethodSource("everyCommand")
    void aFailedWriteToStandardOutputExitsTwoWithTheReason(List<String> args) {
        StringWriter err = new StringWriter();
        int code = Main.run(args.toArray(String[]::new), new CheckedPrintWriter(new FullDisk()), new PrintWriter(err, true),
                CliRunner.env(Path.of(""), false));
        assertThat(code).as(err.toString()).isEqualTo(2);
        assertThat(err.toString()).contains("kubeward: error: cannot write to standard output: No space left on device");
        // Reported once, not once by the command and again at the end.
        assertThat(err.toString().split("cannot write", -1)).hasSize(2);
    }

    @ParameterizedTest
    @MethodSource("everyCommand")
    void theSameCommandsWrittenSuccessfullyDoNotExitTwo(List<String> args) {
        CliRunner r = CliRunner.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isIn(0, 1);
        assertThat(r.out()).isNotEmpty();
    }

    @Test
    void aPlainPrintWriterThatFailedIsCaughtToo() {
        // PrintWriter swallows the IOException; its error flag is still read.
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"checks"}, new PrintWriter(new FullDisk()), new PrintWriter(err, true));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("cannot write to standard output");
    }

    @Test
    void dashAsOutputIsStandardOutputNotAFileNamedDash() {
        Path dash = Path.of("-");
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.exists(dash), "a file named - exists in the working directory");
        CliRunner r = CliRunner.run("cel", "-f", "json", "-o", "-", "1 + 2");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(0);
        assertThat(r.out()).contains("\"value\":3");
        assertThat(Files.exists(dash)).isFalse();
    }

    @Test
    void sarifToDevFullExitsTwo() throws Exception {
        File devFull = new File("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(devFull.exists(), "needs /dev/full (Linux)");
        Subprocess p = Subprocess.run(Map.of(), null, devFull, "scan", "examples/insecure", "-f", "sarif", "--fail-on", "none");
        assertThat(p.exitCode()).as(p.err()).isEqualTo(2);
        assertThat(p.err()).contains("cannot write to standard output: No space left on device");

        CliRunner toFile = CliRunner.run("scan", "examples/insecure", "-f", "sarif", "-o", "/dev/full");
        assertThat(toFile.exitCode()).isEqualTo(2);
        assertThat(toFile.err()).contains("kubeward: error: cannot write /dev/full: No space left on device");
    }

    @Test
    void anOutputFileThatCannotBeWrittenExitsTwoAndLeavesNothingBehind(@TempDir Path dir) throws Exception {
        Path missingDir = dir.resolve("no/such/dir/report.sarif");
        CliRunner r = CliRunner.run("scan", "examples/hardened", "-f", "sarif", "-o", missingDir.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("cannot write " + missingDir + ": no such directory").doesNotContain("Exception");

        Path report = dir.resolve("report.json");
        CliRunner ok = CliRunner.run("scan", "examples/hardened", "-f", "json", "-o", report.toString());
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.out()).isEmpty();
        assertThat(Files.readString(report)).contains("\"schemaVersion\"");
    }

    @Test
    void standardOutputIsUtf8WhateverTheLocale() throws Exception {
        // With LANG unset the JVM's own stdout encoding is US-ASCII and every ✔, ✖, — and … became '?'.
        for (Map<String, String> locale : List.of(Map.<String, String>of(), Map.of("LC_ALL", "C"), Map.of("LANG", "POSIX"))) {
            Subprocess permissions = Subprocess.run(locale, null, null, "rbac", "permissions", "user:alice", SHOP_RBAC);
            assertThat(permissions.exitCode()).as(permissions.err()).isZero();
            assertThat(permissions.outUtf8()).as("locale " + locale).contains("\u2714").contains("\u2716")
                    .doesNotContain("?");
            Subprocess explain = Subprocess.run(locale, null, null, "explain", "privileged-container");
            assertThat(explain.outUtf8()).startsWith("privileged-container \u2014 ");
            // The bytes themselves: UTF-8's encoding of the em dash.
            assertThat(explain.out()).containsSequence("\u2014".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void filesAreUtf8Too(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("perm.txt");
        Subprocess p = Subprocess.run(Map.of("LC_ALL", "C"), null, null, "rbac", "permissions", "user:alice", SHOP_RBAC,
                "-o", out.toString());
        assertThat(p.exitCode()).as(p.err()).isZero();
        assertThat(Files.readString(out, StandardCharsets.UTF_8)).contains("\u2714");
    }

    @Test
    void aTerminalThatCannotShowSymbolsGetsAsciiFallbacks() {
        Environment asciiTerminal = new Environment(new HashMap<>(Map.of()), Path.of("").toAbsolutePath(), true,
                StandardCharsets.US_ASCII);
        CliRunner perms = CliRunner.run(asciiTerminal, "rbac", "permissions", "user:alice", SHOP_RBAC);
        assertThat(perms.out()).doesNotContain("\u2714", "\u2716");
        // One character for one: the table keeps its columns.
        assertThat(perms.out()).containsPattern("secrets +Y +Y +N");
        CliRunner explain = CliRunner.run(asciiTerminal, "explain", "privileged-container");
        assertThat(explain.out()).startsWith("privileged-container -- Privileged container");

        Environment utf8Terminal = new Environment(new HashMap<>(Map.of()), Path.of("").toAbsolutePath(), true,
                StandardCharsets.UTF_8);
        assertThat(CliRunner.run(utf8Terminal, "rbac", "permissions", "user:alice", SHOP_RBAC).out()).contains("\u2714");
        // A pipe is never a terminal: UTF-8 whatever the locale.
        Environment asciiPipe = new Environment(new HashMap<>(Map.of()), Path.of("").toAbsolutePath(), false,
                StandardCharsets.US_ASCII);
        assertThat(CliRunner.run(asciiPipe, "rbac", "permissions", "user:alice", SHOP_RBAC).out()).contains("\u2714");
    }

    @Test
    void asciiFallbacksCoverTheSymbolsKubewardPrints() {
        assertThat(AsciiSymbolWriter.toAscii("a \u2014 b \u2026 c \u2192 d \u2714\u2716 \u00d7")).isEqualTo("a -- b ... c -> d YN x");
        assertThat(AsciiSymbolWriter.toAscii("caf\u00e9")).isEqualTo("caf\u00e9");
        assertThat(AsciiSymbolWriter.toAscii("plain")).isSameAs("plain");
    }
}
