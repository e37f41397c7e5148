package dev.kubeward.image.catalog;

/** A package database (SQLite, BerkeleyDB, NDB, an rpm header) whose bytes are not what its format says. */
final class DatabaseException extends Exception {
    private static final long serialVersionUID = 1L;

    DatabaseException(String message) {
        super(message);
    }
}
