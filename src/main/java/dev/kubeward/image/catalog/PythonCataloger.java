package dev.kubeward.image.catalog;

import dev.kubeward.image.Package;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Python distributions: {@code *.dist-info/METADATA} (wheels, pip), {@code *.egg-info/PKG-INFO}
 * and single-file {@code *.egg-info} (setuptools, distribution packages): the core metadata's
 * {@code Name} and {@code Version} headers, which come before the first blank line.
 */
public final class PythonCataloger implements Cataloger {
    private static final long MAX = 1 << 20;

    @Override
    public Kind kind() {
        return Kind.LANGUAGE;
    }

    @Override
    public boolean wants(String path, long size, int mode) {
        if (path.endsWith("/METADATA")) {
            return path.substring(0, path.length() - "/METADATA".length()).endsWith(".dist-info");
        }
        if (path.endsWith("/PKG-INFO")) {
            return path.substring(0, path.length() - "/PKG-INFO".length()).endsWith(".egg-info");
        }
        return path.endsWith(".egg-info") && path.contains("-packages/");
    }

    /** The headers only: the description after them can be long. */
    @Override
    public Object read(String path, long size, InputStream in) throws IOException {
        byte[] head = in.readNBytes((int) Math.min(MAX, Math.max(size, 0)));
        String text = new String(head, StandardCharsets.UTF_8);
        String name = null;
        String version = null;
        String expression = null;
        String license = null;
        for (String line : text.split("\n")) {
            String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (l.isEmpty()) {
                break;
            }
            if (l.regionMatches(true, 0, "Name:", 0, 5) && name == null) {
                name = l.substring(5).strip();
            } else if (l.regionMatches(true, 0, "Version:", 0, 8) && version == null) {
                version = l.substring(8).strip();
            } else if (l.regionMatches(true, 0, "License-Expression:", 0, 19) && expression == null) {
                expression = l.substring(19).strip();
            } else if (l.regionMatches(true, 0, "License:", 0, 8) && license == null) {
                license = l.substring(8).strip();
            }
        }
        if (name == null || name.isEmpty() || version == null || version.isEmpty()) {
            throw new Overlay.CatalogException("Python package metadata without Name or Version");
        }
        // Core metadata 2.4's License-Expression is an SPDX expression; the older License field is
        // free text, often UNKNOWN or a whole license text folded over lines (only its first is read).
        if (expression == null && license != null && (license.isEmpty() || license.equalsIgnoreCase("UNKNOWN"))) {
            license = null;
        }
        return new String[] {name, version, expression != null && !expression.isEmpty() ? expression : license};
    }

    @Override
    public void catalog(FileView files, CatalogContext ctx) {
        for (Map.Entry<String, Object> e : files.keptBy(this).entrySet()) {
            String[] nv = (String[]) e.getValue();
            String path = e.getKey();
            // A dpkg-installed distribution lists its metadata directory, not always the METADATA file in it.
            String owner = path.endsWith("/METADATA") || path.endsWith("/PKG-INFO")
                    ? path.substring(0, path.lastIndexOf('/')) : path;
            if (ctx.owned(owner)) {
                ctx.own(path);
            }
            ctx.add(Package.language(nv[0], nv[1], "PyPI", Purls.of("pypi", null, nv[0], nv[1]), path).withLicense(nv[2]));
        }
    }
}
