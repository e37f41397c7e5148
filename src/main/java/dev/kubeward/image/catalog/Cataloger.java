package dev.kubeward.image.catalog;

import java.io.IOException;
import java.io.InputStream;

/**
 * Finds one kind of package. While the layers stream by, a cataloger says which files it needs
 * ({@link #wants}) and reads each one then ({@link #read}), keeping only what it needs of it (the
 * bytes of a package database, the packages of a jar); the {@link Overlay} keeps that by path, so a
 * later layer's whiteout or replacement removes it. After the last layer {@link #catalog} turns
 * what is left into packages.
 */
public interface Cataloger {
    /** Operating-system package databases run first: the files they own are not reported again by language catalogers. */
    enum Kind { OS, LANGUAGE }

    Kind kind();

    /**
     * Whether the file at {@code path} is one this cataloger reads.
     *
     * @param mode its permission bits
     */
    boolean wants(String path, long size, int mode);

    /** Whether a symbolic link at {@code path} is kept (resolved when the catalog is built): {@code /etc/os-release}. */
    default boolean wantsLink(String path) {
        return false;
    }

    /**
     * Reads a file it wants, as it streams by; what it returns is kept for {@link #catalog} (null keeps
     * nothing). It must not keep the stream.
     */
    Object read(String path, long size, InputStream in) throws IOException;

    /** The packages of what was kept, given the OS and what the OS catalogers found. */
    void catalog(FileView files, CatalogContext context);
}
