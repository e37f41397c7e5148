package dev.kubeward.image.catalog;

import java.io.IOException;
import java.io.InputStream;

/** Reading a kept file whole, within a bound. */
final class Bytes {
    /** The largest package database read whole (an rpmdb.sqlite of a large RHEL image is ~30 MB). */
    static final long MAX_DATABASE = 256L << 20;

    private Bytes() {}

    static byte[] read(InputStream in, long size, long max) throws IOException {
        if (size > max) {
            throw new Overlay.CatalogException(size + " bytes, more than the " + max + " read for a package database; skipped");
        }
        byte[] b = in.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
        if (b.length > max) {
            throw new Overlay.CatalogException("more than the " + max + " bytes read for a package database; skipped");
        }
        return b;
    }
}
