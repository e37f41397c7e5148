package dev.kubeward.image.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubeward.image.Package;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * npm packages installed in {@code node_modules}: every {@code node_modules/NAME/package.json} and
 * {@code node_modules/@SCOPE/NAME/package.json}, nested ones included, with its {@code name} and
 * {@code version}. An application's own {@code package.json} (not under {@code node_modules}) is
 * not a dependency and is not read.
 */
public final class NpmCataloger implements Cataloger {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX = 4L << 20;

    @Override
    public Kind kind() {
        return Kind.LANGUAGE;
    }

    @Override
    public boolean wants(String path, long size, int mode) {
        if (!path.endsWith("/package.json")) {
            return false;
        }
        String dir = path.substring(0, path.length() - "/package.json".length());
        int nm = dir.lastIndexOf("/node_modules/");
        if (nm < 0) {
            return false;
        }
        String rest = dir.substring(nm + "/node_modules/".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? !rest.isEmpty() && !rest.startsWith(".") : rest.startsWith("@") && rest.indexOf('/', slash + 1) < 0;
    }

    @Override
    public Object read(String path, long size, InputStream in) throws IOException {
        byte[] b = Bytes.read(in, size, MAX);
        JsonNode root;
        try {
            root = JSON.readTree(b);
        } catch (JsonProcessingException e) {
            throw new Overlay.CatalogException("not JSON (" + e.getOriginalMessage() + ")");
        }
        String name = root == null ? null : root.path("name").asText(null);
        String version = root == null ? null : root.path("version").asText(null);
        if (name == null || version == null || name.isBlank() || version.isBlank()) {
            // npm itself leaves such directories alone; they are not packages.
            return null;
        }
        return new String[] {name, version, license(root)};
    }

    /** {@code license} (an SPDX expression), or the deprecated {@code {"type": …}} and {@code licenses[]} forms npm still reads. */
    static String license(JsonNode root) {
        JsonNode l = root.path("license");
        if (l.isTextual() && !l.asText().isBlank()) {
            return l.asText().strip();
        }
        if (l.path("type").isTextual()) {
            return l.path("type").asText().strip();
        }
        java.util.List<String> types = new java.util.ArrayList<>();
        for (JsonNode e : root.path("licenses")) {
            String t = e.isTextual() ? e.asText() : e.path("type").asText(null);
            if (t != null && !t.isBlank()) {
                types.add(t.strip());
            }
        }
        return types.isEmpty() ? null : types.size() == 1 ? types.get(0) : "(" + String.join(" OR ", types) + ")";
    }

    @Override
    public void catalog(FileView files, CatalogContext ctx) {
        for (Map.Entry<String, Object> e : files.keptBy(this).entrySet()) {
            String[] nv = (String[]) e.getValue();
            String name = nv[0];
            String ns = null;
            String n = name;
            if (name.startsWith("@") && name.contains("/")) {
                ns = name.substring(0, name.indexOf('/'));
                n = name.substring(name.indexOf('/') + 1);
            }
            ctx.add(Package.language(name, nv[1], "npm", Purls.of("npm", ns, n, nv[1]), e.getKey()).withLicense(nv[2]));
        }
    }
}
