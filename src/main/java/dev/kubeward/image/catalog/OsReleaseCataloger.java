package dev.kubeward.image.catalog;

import java.io.IOException;
import java.io.InputStream;

/** Keeps {@code /etc/os-release} and {@code /usr/lib/os-release} (and the link between them) for {@link OsInfo}. */
final class OsReleaseCataloger implements Cataloger {
    static final String ETC = "/etc/os-release";
    static final String USR = "/usr/lib/os-release";

    @Override
    public Kind kind() {
        return Kind.OS;
    }

    @Override
    public boolean wants(String path, long size, int mode) {
        return path.equals(ETC) || path.equals(USR);
    }

    @Override
    public boolean wantsLink(String path) {
        return wants(path, -1, 0);
    }

    @Override
    public Object read(String path, long size, InputStream in) throws IOException {
        return Bytes.read(in, size, 1 << 16);
    }

    /** The OS, from {@code /etc/os-release} else {@code /usr/lib/os-release} (os-release(5)), or null. */
    OsInfo os(FileView files) {
        Object etc = files.get(ETC);
        Object b = etc != null ? etc : files.get(USR);
        return b instanceof byte[] bytes ? OsInfo.parse(bytes) : null;
    }

    @Override
    public void catalog(FileView files, CatalogContext context) {
        // read first, by Catalog, through os()
    }
}
