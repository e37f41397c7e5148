package dev.kubeward.image.catalog;

import dev.kubeward.image.Package;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * Debian and Ubuntu packages: {@code /var/lib/dpkg/status} (and distroless's {@code status.d/},
 * one file per package), with the files each package owns from {@code info/*.list} (and
 * distroless's {@code status.d/*.md5sums}). A package is its binary name and version; its
 * {@code Source:} field, {@code name} or {@code name (version)} after a binNMU, names the source
 * package that the OSV records of Debian and Ubuntu are written for.
 */
public final class DpkgCataloger implements Cataloger {
    static final String STATUS = "/var/lib/dpkg/status";
    static final String STATUS_D = "/var/lib/dpkg/status.d/";
    static final String INFO = "/var/lib/dpkg/info/";

    /** The states in which a package's files are on disk (dpkg(1)): not "not-installed" or "config-files". */
    private static final Set<String> ON_DISK = Set.of("installed", "half-configured", "unpacked", "half-installed",
            "triggers-awaited", "triggers-pending");

    @Override
    public Kind kind() {
        return Kind.OS;
    }

    @Override
    public boolean wants(String path, long size, int mode) {
        return path.equals(STATUS) || (path.startsWith(STATUS_D) && path.indexOf('/', STATUS_D.length()) < 0)
                || (path.startsWith(INFO) && path.endsWith(".list") && path.indexOf('/', INFO.length()) < 0);
    }

    @Override
    public Object read(String path, long size, InputStream in) throws IOException {
        return Bytes.read(in, size, Bytes.MAX_DATABASE);
    }

    @Override
    public void catalog(FileView files, CatalogContext ctx) {
        Map<String, Object> kept = files.keptBy(this);
        boolean any = false;
        for (Map.Entry<String, Object> e : kept.entrySet()) {
            String path = e.getKey();
            byte[] bytes = (byte[]) e.getValue();
            if (path.endsWith(".list") && path.startsWith(INFO) || path.endsWith(".md5sums")) {
                for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                    String f = path.endsWith(".md5sums") ? afterHash(line) : line.strip();
                    if (!f.isEmpty()) {
                        ctx.own(f.startsWith("/") ? f : "/" + f);
                    }
                }
                continue;
            }
            if (path.equals(STATUS) || path.startsWith(STATUS_D)) {
                for (Stanzas.Paragraph p : Stanzas.parse(bytes)) {
                    any |= add(p, path, ctx);
                }
            }
        }
        if (any && (ctx.os() == null || ctx.os().release() == null)) {
            ctx.problem("dpkg packages found, but " + (ctx.os() == null ? "no /etc/os-release says which release"
                    : "the OS '" + ctx.os().describe() + "' is not one OSV has data for")
                    + ": they are listed but not matched");
        }
    }

    private static String afterHash(String line) {
        String l = line.strip();
        int sp = l.indexOf(' ');
        return sp < 0 ? "" : l.substring(sp).strip();
    }

    private static boolean add(Stanzas.Paragraph p, String path, CatalogContext ctx) {
        String name = p.get("Package");
        String version = p.get("Version");
        if (name == null || version == null) {
            return false;
        }
        String status = p.get("Status");
        if (status != null) {
            String[] words = status.strip().split("\\s+");
            if (!ON_DISK.contains(words[words.length - 1])) {
                return false;
            }
        }
        String source = p.get("Source");
        String sourceName = null;
        String sourceVersion = null;
        if (source != null && !source.isBlank()) {
            String s = source.strip();
            int paren = s.indexOf('(');
            if (paren > 0 && s.endsWith(")")) {
                sourceName = s.substring(0, paren).strip();
                sourceVersion = s.substring(paren + 1, s.length() - 1).strip();
            } else {
                sourceName = s;
            }
            if (sourceVersion != null && sourceVersion.equals(version)) {
                sourceVersion = null;
            }
        }
        OsInfo os = ctx.os();
        String distroNs = os != null && os.id() != null ? os.id().toLowerCase(java.util.Locale.ROOT) : "debian";
        String distro = os != null && os.versionId() != null ? distroNs + "-" + os.versionId() : null;
        String upstream = sourceName == null ? null : sourceVersion == null ? sourceName : sourceName + "@" + sourceVersion;
        String purl = Purls.of("deb", distroNs, name, version, "arch", p.get("Architecture"), "distro", distro,
                "upstream", upstream);
        String at = path + ":" + p.line();
        if (os != null && os.release() != null) {
            ctx.add(Package.os(name, version, os.release(), sourceName, sourceVersion, purl, at));
        } else {
            ctx.add(new Package(name, version, null, purl, sourceName, sourceVersion, null, at));
        }
        return true;
    }
}
