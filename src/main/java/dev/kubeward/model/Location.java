package dev.kubeward.model;

/**
 * Where a field was written: the file, the position in it, and a note when the place is not the
 * one that wrote the field but the nearest that can be shown (a line of a rendered document, the
 * base resource of a field an overlay changed).
 *
 * @param note null when the position is where the field was written
 */
public record Location(String file, Position position, String note) {
    public int line() {
        return position.line();
    }

    public int column() {
        return position.column();
    }

    /** {@code message}, with the note said after it when there is one. */
    public String qualify(String message) {
        return note == null ? message : message + " (" + note + ")";
    }
}
