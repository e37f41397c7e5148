package dev.kubeward.cli;

import dev.kubeward.model.Steps;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * A progress bar on standard error for long commands (a large directory, a cluster): drawn only
 * when standard error is a terminal and {@code --quiet} is off, so that CI logs stay clean; redrawn
 * at most ten times a second, on one line that {@link #close()} clears. Safe to step from the
 * threads of a parallel load.
 */
final class Progress implements AutoCloseable, Steps {
    static final Progress OFF = new Progress(null, "", () -> 0);
    static final long REDRAW_NANOS = 100_000_000L;
    static final int WIDTH = 24;

    private final PrintWriter err;
    private final String what;
    private final LongSupplier clock;
    private final AtomicInteger done = new AtomicInteger();
    private volatile int total = -1;
    private volatile String suffix = "";
    private long lastDraw = Long.MIN_VALUE;
    private int drawnWidth;

    Progress(PrintWriter err, String what, LongSupplier clock) {
        this.err = err;
        this.what = what;
        this.clock = clock;
    }

    /**
     * A bar for {@code what} ("reading files") on {@code err}, or {@link #OFF} when standard error
     * is not a terminal ({@link Environment#stderrIsTerminal()}: the launcher tests it) or the run
     * is quiet. Commands get theirs from {@link OutputOptions#progress}.
     */
    static Progress start(String what, boolean quiet, Environment env, PrintWriter err) {
        return !quiet && env.stderrIsTerminal() ? new Progress(err, what, System::nanoTime) : OFF;
    }

    boolean enabled() {
        return err != null;
    }

    /** How many steps there are; before it is known, the count alone is shown. */
    @Override
    public void total(int n) {
        total = n;
        draw(true);
    }

    /** One step done. */
    @Override
    public void step() {
        done.incrementAndGet();
        draw(false);
    }

    /** Steps done so far, from a source that counts them itself, with a note after the count ("1200 objects"). */
    void set(int doneSoFar, int totalSteps, String note) {
        done.set(doneSoFar);
        total = totalSteps;
        suffix = note == null ? "" : note;
        draw(false);
    }

    /** The line as it is drawn: {@code reading files [#####-------]  120/2000}. */
    String line() {
        int d = done.get();
        int t = total;
        StringBuilder sb = new StringBuilder(what).append(' ');
        if (t > 0) {
            int filled = (int) Math.min(WIDTH, (long) d * WIDTH / t);
            sb.append('[').append("#".repeat(filled)).append("-".repeat(WIDTH - filled)).append("] ");
            sb.append(d).append('/').append(t);
        } else {
            sb.append(d);
        }
        if (!suffix.isEmpty()) {
            sb.append(", ").append(suffix);
        }
        return sb.toString();
    }

    private synchronized void draw(boolean force) {
        if (err == null) {
            return;
        }
        long now = clock.getAsLong();
        boolean last = total > 0 && done.get() >= total;
        if (!force && !last && lastDraw != Long.MIN_VALUE && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        String line = line();
        err.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
        err.flush();
        drawnWidth = line.length();
    }

    /** Writes a message on its own line, the bar redrawn after it. */
    synchronized void println(String message) {
        if (err == null) {
            return;
        }
        err.print("\r" + " ".repeat(drawnWidth) + "\r");
        err.println(message);
        drawnWidth = 0;
        lastDraw = Long.MIN_VALUE;
        draw(true);
    }

    /** Clears the line, leaving the terminal as it was. */
    @Override
    public synchronized void close() {
        if (err == null || drawnWidth == 0 && lastDraw == Long.MIN_VALUE) {
            return;
        }
        err.print("\r" + " ".repeat(drawnWidth) + "\r");
        err.flush();
        drawnWidth = 0;
    }
}
