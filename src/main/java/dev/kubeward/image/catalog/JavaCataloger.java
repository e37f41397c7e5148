package dev.kubeward.image.catalog;

import dev.kubeward.image.Package;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Java archives (jar, war, ear and the plugin formats built on them), read as they stream by: each
 * {@code META-INF/maven/GROUP/ARTIFACT/pom.properties} is a Maven package (a shaded jar has several);
 * an archive with none is named by its {@code MANIFEST.MF} ({@code Implementation-Vendor-Id} and
 * {@code Implementation-Title}/{@code Bundle-SymbolicName}, {@code Implementation-Version}/
 * {@code Bundle-Version}), else by its file name; archives nested in it ({@code BOOT-INF/lib/*.jar},
 * {@code WEB-INF/lib/*.jar}) are read the same way, to a depth of {@value #MAX_DEPTH}. A package
 * without a group id cannot be matched (OSV names Maven packages {@code group:artifact}) and is
 * listed with that reason.
 */
public final class JavaCataloger implements Cataloger {
    static final int MAX_DEPTH = 4;
    private static final long MAX_SMALL = 1 << 20;

    /** One package of an archive: coordinates, and the archive's path ({@code /app.jar!/BOOT-INF/lib/x.jar}). */
    record Found(String group, String artifact, String version, String path) {}

    @Override
    public Kind kind() {
        return Kind.LANGUAGE;
    }

    static boolean isArchive(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".jar") || n.endsWith(".war") || n.endsWith(".ear") || n.endsWith(".jpi") || n.endsWith(".hpi")
                || n.endsWith(".par") || n.endsWith(".sar") || n.endsWith(".nar") || n.endsWith(".kar");
    }

    @Override
    public boolean wants(String path, long size, int mode) {
        return isArchive(path);
    }

    @Override
    public Object read(String path, long size, InputStream in) throws IOException {
        List<Found> out = new ArrayList<>();
        try {
            if (archive(in, path, 1, out) == 0) {
                throw new Overlay.CatalogException("not a readable Java archive (no zip entries)");
            }
        } catch (ZipException | IllegalArgumentException e) {
            throw new Overlay.CatalogException("not a readable Java archive (" + e.getMessage() + ")");
        }
        return List.copyOf(out);
    }

    /** Reads one archive; gives how many entries it has. */
    private static int archive(InputStream in, String path, int depth, List<Found> out) throws IOException {
        ZipInputStream zip = new ZipInputStream(new FilterInputStream(in) {
            @Override
            public void close() {
                // the caller's stream stays open
            }
        });
        List<Found> poms = new ArrayList<>();
        Manifest manifest = null;
        ZipEntry e;
        int count = 0;
        while ((e = zip.getNextEntry()) != null) {
            count++;
            String name = e.getName();
            if (e.isDirectory()) {
                continue;
            }
            if (name.startsWith("META-INF/maven/") && name.endsWith("/pom.properties")) {
                Properties p = new Properties();
                p.load(new ByteArrayInputStream(zip.readNBytes((int) MAX_SMALL)));
                String g = p.getProperty("groupId");
                String a = p.getProperty("artifactId");
                String v = p.getProperty("version");
                if (g != null && a != null && v != null && !g.isBlank() && !a.isBlank() && !v.isBlank()) {
                    poms.add(new Found(g.strip(), a.strip(), v.strip(), path));
                }
            } else if (name.equalsIgnoreCase("META-INF/MANIFEST.MF")) {
                manifest = new Manifest(new ByteArrayInputStream(zip.readNBytes((int) MAX_SMALL)));
            } else if (isArchive(name) && depth < MAX_DEPTH) {
                archive(zip, path + "!/" + name, depth + 1, out);
            }
        }
        if (!poms.isEmpty()) {
            out.addAll(poms);
            return count;
        }
        Found f = fromManifest(manifest, path);
        if (f != null) {
            out.add(f);
        }
        return count;
    }

    /** An archive without pom.properties: its manifest, else its file name ({@code commons-io-2.16.1.jar}). */
    static Found fromManifest(Manifest manifest, String path) {
        String file = path.substring(path.lastIndexOf('/') + 1);
        String stem = file.contains(".") ? file.substring(0, file.lastIndexOf('.')) : file;
        String nameFromFile = stem;
        String versionFromFile = null;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(.+?)-(\\d[\\w.\\-]*)$").matcher(stem);
        if (m.matches()) {
            nameFromFile = m.group(1);
            versionFromFile = m.group(2);
        }
        Attributes a = manifest == null ? new Attributes() : manifest.getMainAttributes();
        String group = a.getValue("Implementation-Vendor-Id");
        String artifact = firstOf(a.getValue("Implementation-Title"), a.getValue("Bundle-SymbolicName"), nameFromFile);
        if (artifact != null && artifact.contains(";")) {
            artifact = artifact.substring(0, artifact.indexOf(';')).strip();
        }
        String version = firstOf(a.getValue("Implementation-Version"), a.getValue("Bundle-Version"), versionFromFile);
        if (artifact == null || version == null) {
            return null;
        }
        return new Found(group == null || group.isBlank() ? null : group.strip(), artifact, version, path);
    }

    private static String firstOf(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void catalog(FileView files, CatalogContext ctx) {
        int noGroup = 0;
        for (Map.Entry<String, Object> e : files.keptBy(this).entrySet()) {
            for (Found f : (List<Found>) e.getValue()) {
                String name = f.group() == null ? f.artifact() : f.group() + ":" + f.artifact();
                if (f.group() == null) {
                    noGroup++;
                }
                ctx.add(Package.language(name, f.version(), f.group() == null ? null : "Maven",
                        Purls.of("maven", f.group(), f.artifact(), f.version()), f.path()));
            }
        }
        if (noGroup > 0) {
            ctx.problem(noGroup + " Java archive" + (noGroup == 1 ? " has" : "s have")
                    + " no Maven coordinates (no pom.properties, no Implementation-Vendor-Id): listed, not matched");
        }
    }
}
