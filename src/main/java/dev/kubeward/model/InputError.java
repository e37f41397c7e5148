package dev.kubeward.model;

/** Input that could not be read, located for a person: {@code file:line: message}. */
public record InputError(String file, int line, String message) {
    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }
}
