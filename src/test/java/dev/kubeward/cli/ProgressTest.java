package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress bar, on a clock the test moves: drawn on one line, throttled, cleared at the end. */
class ProgressTest {
    @Test
    void drawsABarRedrawnAtMostTenTimesASecondAndClearsItsLine() {
        StringWriter sink = new StringWriter();
        AtomicLong now = new AtomicLong();
        Progress p = new Progress(new PrintWriter(sink), "reading files", now::get);
        p.total(4);
        assertThat(sink.toString()).isEqualTo("\rreading files [------------------------] 0/4");
        p.step();
        // Within 100 ms of the last drawing: not drawn again.
        assertThat(sink.toString()).isEqualTo("\rreading files [------------------------] 0/4");
        now.addAndGet(Progress.REDRAW_NANOS);
        p.step();
        assertThat(sink.toString()).endsWith("\rreading files [############------------] 2/4");
        p.step();
        p.step();
        // The last step is always drawn.
        assertThat(sink.toString()).endsWith("\rreading files [########################] 4/4");
        p.close();
        String line = "reading files [########################] 4/4";
        assertThat(sink.toString()).endsWith("\r" + " ".repeat(line.length()) + "\r");
    }

    @Test
    void countsWithANoteAndKeepsMessagesOnTheirOwnLines() {
        StringWriter sink = new StringWriter();
        Progress p = new Progress(new PrintWriter(sink), "reading cluster", () -> 0);
        p.set(3, 10, "1200 objects");
        assertThat(p.line()).isEqualTo("reading cluster [#######-----------------] 3/10, 1200 objects");
        p.println("throttled");
        assertThat(sink.toString()).contains("\rthrottled" + System.lineSeparator() + "\rreading cluster [");
        Progress unknown = new Progress(new PrintWriter(new StringWriter()), "reading", () -> 0);
        unknown.step();
        assertThat(unknown.line()).isEqualTo("reading 1");
    }

    static Environment env(boolean stderrTerminal) {
        return CliRunner.env(java.nio.file.Path.of(""), false).withStderrTerminal(stderrTerminal);
    }

    @Test
    void offWhenStandardErrorIsNotATerminalOrTheRunIsQuiet() {
        StringWriter sink = new StringWriter();
        Progress p = Progress.start("reading files", false, env(false), new PrintWriter(sink));
        assertThat(p.enabled()).isFalse();
        p.total(3);
        p.step();
        p.println("x");
        p.close();
        assertThat(Progress.start("reading files", true, env(true), new PrintWriter(sink)).enabled()).isFalse();
        assertThat(Progress.start("reading files", false, env(true), new PrintWriter(sink)).enabled()).isTrue();
        assertThat(sink.toString()).isEmpty();
    }
}
