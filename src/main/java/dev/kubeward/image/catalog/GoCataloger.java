package dev.kubeward.image.catalog;

import dev.kubeward.image.Package;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Go binaries: the build information the Go linker writes into every executable (the
 * {@code .go.buildinfo} section), read as {@code go version -m} and {@code debug/buildinfo} read it:
 * the 32-byte header starting with {@code "\xff Go buildinf:"} at a 16-byte aligned offset, then,
 * for Go 1.18 and later (flag 2), the Go version and the module information as length-prefixed
 * strings. The module information's lines give the main module ({@code mod}), the dependencies
 * ({@code dep}) and their replacements ({@code =>}); the Go version is the standard library's
 * ({@code stdlib}). The executable is scanned as it streams by, never kept.
 */
public final class GoCataloger implements Cataloger {
    static final byte[] MAGIC = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
    private static final int ALIGN = 16;
    private static final int MAX_STRING = 1 << 20;

    /** A binary's build info: the Go version and the modules, or why it could not be read. */
    record BuildInfo(String goVersion, String mainPath, List<String[]> modules, String problem) {}

    @Override
    public Kind kind() {
        return Kind.LANGUAGE;
    }

    /** Executable files (any execute bit) large enough to be a program. */
    @Override
    public boolean wants(String path, long size, int mode) {
        return (mode & 0111) != 0 && (size < 0 || size >= 1024);
    }

    @Override
    public Object read(String path, long size, InputStream in) throws IOException {
        byte[] buf = new byte[1 << 16];
        int len = in.readNBytes(buf, 0, 4);
        if (len < 4 || buf[0] != 0x7f || buf[1] != 'E' || buf[2] != 'L' || buf[3] != 'F') {
            return null;
        }
        long base = 0;
        boolean eof = false;
        while (true) {
            if (!eof) {
                int n = in.read(buf, len, buf.length - len);
                if (n < 0) {
                    eof = true;
                } else {
                    len += n;
                }
            }
            int p = (int) ((ALIGN - base % ALIGN) % ALIGN);
            for (; p + MAGIC.length <= len; p += ALIGN) {
                if (buf[p] == MAGIC[0] && matches(buf, p)) {
                    InputStream rest = new SequenceInputStream(new ByteArrayInputStream(buf, p, len - p), in);
                    return parse(rest);
                }
            }
            if (eof) {
                return null;
            }
            // Keep the bytes from the first aligned position not yet checked whole.
            int keep = len - p;
            if (keep < 0) {
                keep = 0;
                p = len;
            }
            System.arraycopy(buf, p, buf, 0, keep);
            base += p;
            len = keep;
        }
    }

    private static boolean matches(byte[] buf, int p) {
        for (int i = 1; i < MAGIC.length; i++) {
            if (buf[p + i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    static BuildInfo parse(InputStream in) throws IOException {
        byte[] header = in.readNBytes(32);
        if (header.length < 32) {
            return new BuildInfo(null, null, List.of(), "its Go build information is cut short");
        }
        int flags = header[15] & 0xff;
        if ((flags & 2) == 0) {
            return new BuildInfo(null, null, List.of(),
                    "a Go binary built before Go 1.18 (build information by pointers): its modules are not read");
        }
        String version = string(in);
        String mod = string(in);
        if (version == null || mod == null) {
            return new BuildInfo(null, null, List.of(), "its Go build information is cut short");
        }
        // cmd/go wraps the module information in 16-byte sentinels.
        if (mod.length() >= 33 && mod.charAt(mod.length() - 17) == '\n') {
            mod = mod.substring(16, mod.length() - 16);
        } else {
            mod = "";
        }
        String main = null;
        List<String[]> modules = new ArrayList<>();
        for (String line : mod.split("\n")) {
            String[] f = line.split("\t", -1);
            switch (f[0]) {
                case "path" -> main = f.length > 1 ? f[1] : null;
                case "mod", "dep" -> {
                    if (f.length >= 3) {
                        modules.add(new String[] {f[0], f[1], f[2]});
                    }
                }
                case "=>" -> {
                    // The replacement is what is built in; a local directory (no version) is no module at all.
                    if (!modules.isEmpty()) {
                        String[] last = modules.get(modules.size() - 1);
                        if (f.length >= 3 && !f[2].isEmpty()) {
                            modules.set(modules.size() - 1, new String[] {last[0], f[1], f[2]});
                        } else {
                            modules.remove(modules.size() - 1);
                        }
                    }
                }
                default -> { }
            }
        }
        return new BuildInfo(version, main, List.copyOf(modules), null);
    }

    private static String string(InputStream in) throws IOException {
        long n = 0;
        int shift = 0;
        while (true) {
            int b = in.read();
            if (b < 0 || shift > 35) {
                return null;
            }
            n |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            shift += 7;
        }
        if (n > MAX_STRING) {
            return null;
        }
        byte[] s = in.readNBytes((int) n);
        return s.length == n ? new String(s, StandardCharsets.UTF_8) : null;
    }

    @Override
    public void catalog(FileView files, CatalogContext ctx) {
        for (Map.Entry<String, Object> e : files.keptBy(this).entrySet()) {
            BuildInfo b = (BuildInfo) e.getValue();
            String path = e.getKey();
            if (b.problem() != null) {
                ctx.problem(path + ": " + b.problem());
                continue;
            }
            String go = b.goVersion().strip();
            int sp = go.indexOf(' ');
            if (sp > 0) {
                go = go.substring(0, sp); // "go1.22.1 X:boringcrypto"
            }
            ctx.add(Package.language("stdlib", go, "Go", Purls.of("golang", null, "stdlib", go), path));
            for (String[] m : b.modules()) {
                if (m[0].equals("mod") && m[2].equals("(devel)")) {
                    continue; // the main module built from a checkout has no version to match
                }
                int slash = m[1].lastIndexOf('/');
                String ns = slash > 0 ? m[1].substring(0, slash) : null;
                String name = slash > 0 ? m[1].substring(slash + 1) : m[1];
                ctx.add(Package.language(m[1], m[2], "Go", Purls.of("golang", ns, name, m[2]), path));
            }
        }
    }
}
