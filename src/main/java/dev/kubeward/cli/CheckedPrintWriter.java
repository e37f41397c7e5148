package dev.kubeward.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * A PrintWriter that remembers why a write failed. PrintWriter swallows IOExceptions and only
 * remembers that one happened ({@link #checkError()}); a report that could not be written (a full
 * disk, {@code > /dev/full}, a closed pipe) must end the run with exit code 2 and say why.
 */
final class CheckedPrintWriter extends PrintWriter {
    private final Recorder recorder;

    CheckedPrintWriter(Writer sink) {
        this(new Recorder(sink));
    }

    private CheckedPrintWriter(Recorder recorder) {
        super(recorder);
        this.recorder = recorder;
    }

    /** Flushes, then returns why a write failed, or null when every write so far succeeded. */
    String failure() {
        if (!checkError()) {
            return null;
        }
        IOException e = recorder.first;
        return e == null || e.getMessage() == null ? "write failed" : e.getMessage();
    }

    /** The reason a PrintWriter failed: ours knows it, any other only that it did. */
    static String failureOf(PrintWriter out) {
        if (out instanceof CheckedPrintWriter c) {
            return c.failure();
        }
        return out.checkError() ? "write failed" : null;
    }

    private static final class Recorder extends FilterWriter {
        IOException first;

        Recorder(Writer out) {
            super(out);
        }

        private IOException record(IOException e) {
            if (first == null) {
                first = e;
            }
            return e;
        }

        @Override
        public void write(int c) throws IOException {
            try {
                out.write(c);
            } catch (IOException e) {
                throw record(e);
            }
        }

        @Override
        public void write(char[] cbuf, int off, int len) throws IOException {
            try {
                out.write(cbuf, off, len);
            } catch (IOException e) {
                throw record(e);
            }
        }

        @Override
        public void write(String str, int off, int len) throws IOException {
            try {
                out.write(str, off, len);
            } catch (IOException e) {
                throw record(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw record(e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                out.close();
            } catch (IOException e) {
                throw record(e);
            }
        }
    }
}
