package dev.kubeward.image.catalog;

import dev.kubeward.image.Package;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * RHEL, AlmaLinux, Rocky, Fedora, Amazon Linux and openSUSE packages from the SQLite rpm database
 * ({@code /var/lib/rpm/rpmdb.sqlite}, {@code /usr/lib/sysimage/rpm/rpmdb.sqlite}), read by hand
 * ({@link Sqlite}: no JDBC driver, no native library): each row of {@code Packages} is an rpm
 * header blob ({@link RpmHeader}) giving the name, epoch, version, release, architecture, source
 * rpm and files. The version is rpm's {@code [epoch:]version-release}; the source package's name is
 * the source rpm's file name without {@code -version-release.src.rpm}, which the OSV records of
 * AlmaLinux and Rocky name. The older formats are read too, by hand: NDB ({@code Packages.db},
 * openSUSE and SLES 15: {@link RpmNdb}) and BerkeleyDB's hash database ({@code /var/lib/rpm/Packages},
 * RHEL/CentOS 7 and 8, Amazon Linux 2: {@link BerkeleyDbHash}); the same header blobs are in each.
 * With several databases in one image (a converted one left behind), the one rpm of that release
 * reads is taken: SQLite, else NDB, else BerkeleyDB.
 */
public final class RpmCataloger implements Cataloger {
    static final String SQLITE = "/var/lib/rpm/rpmdb.sqlite";
    static final String SQLITE_SYSIMAGE = "/usr/lib/sysimage/rpm/rpmdb.sqlite";
    static final String BDB = "/var/lib/rpm/Packages";
    static final String NDB = "/var/lib/rpm/Packages.db";
    static final String NDB_SYSIMAGE = "/usr/lib/sysimage/rpm/Packages.db";

    @Override
    public Kind kind() {
        return Kind.OS;
    }

    @Override
    public boolean wants(String path, long size, int mode) {
        return path.equals(SQLITE) || path.equals(SQLITE_SYSIMAGE) || path.equals(BDB) || path.equals(NDB)
                || path.equals(NDB_SYSIMAGE);
    }

    @Override
    public Object read(String path, long size, InputStream in) throws IOException {
        return Bytes.read(in, size, Bytes.MAX_DATABASE);
    }

    @Override
    public void catalog(FileView files, CatalogContext ctx) {
        Map<String, Object> kept = files.keptBy(this);
        String path = null;
        for (String p : new String[] {SQLITE, SQLITE_SYSIMAGE, NDB, NDB_SYSIMAGE, BDB}) {
            if (path == null && kept.containsKey(p)) {
                path = p;
            }
        }
        if (path == null) {
            return;
        }
        byte[] db = (byte[]) kept.get(path);
        int count = 0;
        try {
            int row = 0;
            for (byte[] blob : headers(path, db)) {
                row++;
                try {
                    count += add(new RpmHeader(blob), path + ":" + row, ctx) ? 1 : 0;
                } catch (DatabaseException bad) {
                    ctx.problem(path + ": package " + row + ": " + bad.getMessage());
                }
            }
        } catch (DatabaseException bad) {
            ctx.problem(path + ": " + bad.getMessage() + "; its packages are not listed");
        }
        if (count > 0 && (ctx.os() == null || ctx.os().release() == null)) {
            ctx.problem("rpm packages found, but " + (ctx.os() == null ? "no /etc/os-release says which release"
                    : "the OS '" + ctx.os().describe() + "' is not one OSV has data for")
                    + ": they are listed but not matched");
        }
    }

    /** The rpm header blobs of a database, in its order (row, slot, page). */
    static List<byte[]> headers(String path, byte[] db) throws DatabaseException {
        List<byte[]> out = new ArrayList<>();
        if (path.endsWith(".sqlite")) {
            for (Object[] r : new Sqlite(db).rows("Packages")) {
                for (Object col : r) {
                    if (col instanceof byte[] b) {
                        out.add(b);
                    }
                }
            }
        } else if (path.endsWith(".db")) {
            for (RpmNdb.Blob b : RpmNdb.read(db)) {
                out.add(b.header());
            }
        } else {
            for (BerkeleyDbHash.Entry e : new BerkeleyDbHash(db).entries()) {
                // Key 0 holds rpm's next header number, not a header.
                if (!(e.key().length == 4 && e.key()[0] == 0 && e.key()[1] == 0 && e.key()[2] == 0 && e.key()[3] == 0)) {
                    out.add(e.value());
                }
            }
        }
        return out;
    }

    private static boolean add(RpmHeader h, String at, CatalogContext ctx) {
        String name = h.string(RpmHeader.NAME);
        String version = h.string(RpmHeader.VERSION);
        String release = h.string(RpmHeader.RELEASE);
        if (name == null || version == null || name.equals("gpg-pubkey")) {
            return false; // gpg-pubkey entries are imported keys, not software
        }
        int[] epochs = h.ints(RpmHeader.EPOCH);
        Integer epoch = epochs.length > 0 ? epochs[0] : null;
        String evr = (epoch != null && epoch != 0 ? epoch + ":" : "") + version + (release == null ? "" : "-" + release);
        String srpm = h.string(RpmHeader.SOURCERPM);
        String source = sourceName(srpm);
        for (String f : h.files()) {
            ctx.own(f);
        }
        OsInfo os = ctx.os();
        String ns = os != null && os.id() != null ? purlNamespace(os.id()) : null;
        String distro = os != null && os.id() != null && os.versionId() != null ? os.id() + "-" + os.versionId() : null;
        String purl = Purls.of("rpm", ns, name, version + (release == null ? "" : "-" + release), "arch",
                h.string(RpmHeader.ARCH), "epoch", epoch != null && epoch != 0 ? String.valueOf(epoch) : null,
                "upstream", srpm, "distro", distro);
        String src = source != null && !source.equals(name) ? source : null;
        if (os != null && os.release() != null) {
            ctx.add(Package.os(name, evr, os.release(), src, null, purl, at));
        } else {
            ctx.add(new Package(name, evr, null, purl, src, null, null, at));
        }
        return true;
    }

    /** {@code openssl-3.0.7-27.el9.src.rpm} → {@code openssl}: the name before the version and release. */
    public static String sourceName(String srpm) {
        if (srpm == null || srpm.isBlank() || srpm.equals("(none)")) {
            return null;
        }
        String s = srpm.endsWith(".rpm") ? srpm.substring(0, srpm.length() - 4) : srpm;
        int dot = s.lastIndexOf('.');
        if (dot > 0 && (s.endsWith(".src") || s.endsWith(".nosrc"))) {
            s = s.substring(0, dot);
        }
        int rel = s.lastIndexOf('-');
        int ver = rel > 0 ? s.lastIndexOf('-', rel - 1) : -1;
        return ver > 0 ? s.substring(0, ver) : null;
    }

    /** The purl namespace of a distribution (purl-spec's rpm type: the vendor). */
    private static String purlNamespace(String id) {
        return switch (id.toLowerCase(Locale.ROOT)) {
            case "rhel" -> "redhat";
            case "centos" -> "centos";
            case "almalinux" -> "almalinux";
            case "rocky" -> "rocky";
            case "fedora" -> "fedora";
            case "amzn" -> "amazon";
            case "opensuse", "opensuse-leap", "sles" -> "opensuse";
            default -> id.toLowerCase(Locale.ROOT);
        };
    }
}
