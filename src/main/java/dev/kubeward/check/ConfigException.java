package dev.kubeward.check;

/** A configuration file that cannot be used, located for a person. */
public final class ConfigException extends Exception {
    private final String file;
    private final int line;

    public ConfigException(String file, int line, String message) {
        super(message);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    @Override
    public String toString() {
        return (line > 0 ? file + ":" + line : file) + ": " + getMessage();
    }
}
