package dev.kubeward.image.vuln;

/** An OSV record that cannot be read: the message says what is wrong, with the line and column. */
public final class OsvFormatException extends Exception {
    private final int line;
    private final int column;

    public OsvFormatException(String message, int line, int column) {
        super(message);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
