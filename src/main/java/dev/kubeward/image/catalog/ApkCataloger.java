package dev.kubeward.image.catalog;

import dev.kubeward.image.Package;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Alpine (and Wolfi, Chainguard) packages: {@code /lib/apk/db/installed}, apk-tools' database of
 * one paragraph per package with one-letter fields: {@code P:} name, {@code V:} version,
 * {@code A:} architecture, {@code o:} origin (the source package the OSV records name),
 * {@code F:} a directory and {@code R:} a file in it (the files it owns).
 */
public final class ApkCataloger implements Cataloger {
    static final String INSTALLED = "/lib/apk/db/installed";

    @Override
    public Kind kind() {
        return Kind.OS;
    }

    @Override
    public boolean wants(String path, long size, int mode) {
        return path.equals(INSTALLED);
    }

    @Override
    public Object read(String path, long size, InputStream in) throws IOException {
        return Bytes.read(in, size, Bytes.MAX_DATABASE);
    }

    @Override
    public void catalog(FileView files, CatalogContext ctx) {
        Object kept = files.keptBy(this).get(INSTALLED);
        if (kept == null) {
            return;
        }
        String name = null;
        String version = null;
        String arch = null;
        String origin = null;
        String license = null;
        String dir = "";
        int start = 0;
        int lineNo = 0;
        int count = 0;
        boolean open = false;
        String[] lines = new String((byte[]) kept, StandardCharsets.UTF_8).split("\n", -1);
        for (String raw : lines) {
            lineNo++;
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (line.isEmpty()) {
                if (name != null && version != null) {
                    add(ctx, name, version, arch, origin, license, start);
                    count++;
                }
                name = version = arch = origin = license = null;
                dir = "";
                open = false;
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != ':') {
                continue;
            }
            if (!open) {
                start = lineNo;
                open = true;
            }
            String v = line.substring(2);
            switch (line.charAt(0)) {
                case 'P' -> name = v;
                case 'V' -> version = v;
                case 'A' -> arch = v;
                case 'o' -> origin = v;
                case 'L' -> license = v;
                case 'F' -> dir = v;
                case 'R' -> ctx.own("/" + (dir.isEmpty() ? v : dir + "/" + v));
                default -> { }
            }
        }
        if (name != null && version != null) {
            add(ctx, name, version, arch, origin, license, start);
            count++;
        }
        if (count > 0 && (ctx.os() == null || ctx.os().release() == null)) {
            ctx.problem("apk packages found, but " + (ctx.os() == null ? "no /etc/os-release says which release"
                    : "the OS '" + ctx.os().describe() + "' is not one OSV has data for")
                    + ": they are listed but not matched");
        }
    }

    private static void add(CatalogContext ctx, String name, String version, String arch, String origin, String license, int line) {
        OsInfo os = ctx.os();
        String ns = os != null && os.id() != null ? os.id().toLowerCase(Locale.ROOT) : "alpine";
        String distro = os != null && os.versionId() != null ? ns + "-" + os.versionId() : null;
        String purl = Purls.of("apk", ns, name, version, "arch", arch, "distro", distro,
                "upstream", origin != null && !origin.equals(name) ? origin : null);
        String source = origin != null && !origin.equals(name) ? origin : null;
        String at = INSTALLED + ":" + line;
        if (os != null && os.release() != null) {
            ctx.add(Package.os(name, version, os.release(), source, null, purl, at).withLicense(license));
        } else {
            ctx.add(new Package(name, version, null, purl, source, null, null, at).withLicense(license));
        }
    }
}
