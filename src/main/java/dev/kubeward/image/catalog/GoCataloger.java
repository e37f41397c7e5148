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
 * strings; before (Go 1.13–1.17), the addresses of the two Go strings runtime.buildVersion and
 * runtime.modinfo, read through the ELF program headers: the loadable segments of a file with the
 * Go build ID note are kept as it streams by (up to {@link #MAX_KEPT}), every other executable's
 * dropped as soon as its notes have gone by. The module information's lines give the main module ({@code mod}), the dependencies
 * ({@code dep}) and their replacements ({@code =>}); the Go version is the standard library's
 * ({@code stdlib}). The executable is scanned as it streams by.
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

    /** The bytes of loadable segments kept for build information stored by pointers, at most. */
    static final long MAX_KEPT = 64L << 20;
    /** The notes a Go binary is told apart by are small; larger note segments are not kept. */
    private static final int MAX_NOTES = 1 << 16;
    /** Where the program header table may be for it to be read before the scan (it follows the ELF header). */
    private static final int MAX_HEADERS = 1 << 16;

    @Override
    public Object read(String path, long size, InputStream in) throws IOException {
        byte[] buf = new byte[1 << 16];
        int len = in.readNBytes(buf, 0, 64);
        if (len < 4 || buf[0] != 0x7f || buf[1] != 'E' || buf[2] != 'L' || buf[3] != 'F') {
            return null;
        }
        Segments kept = null;
        long[] ph = Elf.programHeaders(buf, len);
        if (ph != null && ph[0] + ph[1] * ph[2] <= MAX_HEADERS) {
            int end = (int) (ph[0] + ph[1] * ph[2]);
            if (end > buf.length) {
                buf = java.util.Arrays.copyOf(buf, end);
            }
            len += in.readNBytes(buf, len, Math.max(0, end - len));
            if (len >= end) {
                kept = new Segments(Elf.of(ph, java.util.Arrays.copyOfRange(buf, (int) ph[0], end)));
                kept.accept(0, buf, 0, len);
            }
        }
        long base = 0;
        boolean eof = false;
        while (true) {
            if (!eof) {
                if (len == buf.length) {
                    buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                }
                int n = in.read(buf, len, buf.length - len);
                if (n < 0) {
                    eof = true;
                } else {
                    if (kept != null) {
                        kept.accept(base + len, buf, len, n);
                    }
                    len += n;
                }
            }
            int p = (int) ((ALIGN - base % ALIGN) % ALIGN);
            for (; p + MAGIC.length <= len; p += ALIGN) {
                if (buf[p] == MAGIC[0] && matches(buf, p)) {
                    InputStream rest = new SequenceInputStream(new ByteArrayInputStream(buf, p, len - p), in);
                    byte[] header = rest.readNBytes(32);
                    if (header.length < 32) {
                        return new BuildInfo(null, null, List.of(), "its Go build information is cut short");
                    }
                    if ((header[15] & 2) != 0) {
                        return parse(new SequenceInputStream(new ByteArrayInputStream(header), rest));
                    }
                    // Pointers into the data segment (Go 1.13-1.17): read the rest of the file, keeping its segments.
                    int consumed = Math.max(0, 32 - (len - p)); // header bytes taken from the stream itself
                    if (kept != null && consumed > 0) {
                        kept.accept(base + len, header, 32 - consumed, consumed);
                    }
                    long at = base + len + consumed;
                    byte[] chunk = new byte[1 << 16];
                    for (int n; (n = in.read(chunk)) > 0; at += n) {
                        if (kept != null) {
                            kept.accept(at, chunk, 0, n);
                        }
                    }
                    return byPointers(header, kept);
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
            if (buf.length > 1 << 16 && keep < 1 << 15) {
                buf = java.util.Arrays.copyOf(buf, 1 << 16);
            }
            base += p;
            len = keep;
        }
    }

    /**
     * Build information stored by pointers: after the header's pointer size and byte order, the
     * addresses of two Go string headers (data pointer, length), runtime.buildVersion and
     * runtime.modinfo, each resolved through the ELF's loadable segments as debug/buildinfo does.
     */
    static BuildInfo byPointers(byte[] header, Segments kept) {
        int ptrSize = header[14];
        if (ptrSize != 4 && ptrSize != 8) {
            return new BuildInfo(null, null, List.of(), "its Go build information (before Go 1.18) has a pointer size of "
                    + ptrSize + ", not 4 or 8: not read");
        }
        if (kept == null || !kept.goBinary()) {
            return new BuildInfo(null, null, List.of(), "a Go binary built before Go 1.18 (build information by pointers) "
                    + "without the ELF program headers and Go build ID note that locate it: its modules are not read");
        }
        boolean be = (header[15] & 1) != 0;
        long versionAt = Elf.word(header, 16, ptrSize, be);
        long modAt = Elf.word(header, 16 + ptrSize, ptrSize, be);
        String version = kept.goString(versionAt, ptrSize, be);
        if (version == null || version.isEmpty()) {
            return new BuildInfo(null, null, List.of(), "its Go build information (before Go 1.18) points outside the "
                    + "file's loadable segments" + (kept.truncated() ? " that were kept (" + (MAX_KEPT >> 20) + " MiB)" : "")
                    + ": not read");
        }
        String mod = kept.goString(modAt, ptrSize, be);
        return fromStrings(version, mod == null ? "" : mod);
    }

    /** The loadable segments' bytes as the file streams by, up to {@link #MAX_KEPT}, and its notes. */
    static final class Segments {
        private final Elf elf;
        private final byte[][] loads;
        private final byte[][] notes;
        private final long[] filled;
        private long budget = MAX_KEPT;
        private boolean truncated;
        /** Set once the notes have gone by without the Go one: nothing more is kept. */
        private boolean notGo;
        private final long notesEnd;
        private boolean isGo;

        Segments(Elf elf) {
            this.elf = elf;
            this.loads = new byte[elf.loads().size()][];
            this.filled = new long[loads.length];
            this.notes = new byte[elf.notes().size()][];
            long end = 0;
            for (Elf.Segment s : elf.notes()) {
                end = Math.max(end, s.offset() + s.filesz());
            }
            this.notesEnd = end;
            this.notGo = elf.notes().isEmpty();
        }

        /** Bytes {@code b[from, from+n)} lie at file offset {@code at}; they come in file order. */
        void accept(long at, byte[] b, int from, int n) {
            if (notGo) {
                return;
            }
            for (int i = 0; i < notes.length; i++) {
                Elf.Segment s = elf.notes().get(i);
                if (notes[i] == null && s.filesz() <= MAX_NOTES && overlaps(s, at, n)) {
                    notes[i] = new byte[(int) s.filesz()];
                }
                copy(s, notes[i], at, b, from, n);
            }
            if (!isGo && at + n >= notesEnd && !(isGo = goBinary())) {
                // Not a Go binary: what was kept is dropped and nothing more is (every executable streams by here).
                notGo = true;
                java.util.Arrays.fill(loads, null);
                return;
            }
            for (int i = 0; i < loads.length; i++) {
                Elf.Segment s = elf.loads().get(i);
                if (loads[i] == null && overlaps(s, at, n)) {
                    long want = Math.min(s.filesz(), budget);
                    truncated |= want < s.filesz();
                    budget -= want;
                    loads[i] = new byte[(int) want];
                }
                if (copy(s, loads[i], at, b, from, n)) {
                    filled[i] = Math.max(filled[i], Math.min(at + n, s.offset() + loads[i].length) - s.offset());
                }
            }
        }

        private static boolean overlaps(Elf.Segment s, long at, int n) {
            return s.filesz() > 0 && at < s.offset() + s.filesz() && at + n > s.offset();
        }

        /** Copies what of the bytes falls into the segment; whether any did. */
        private static boolean copy(Elf.Segment s, byte[] into, long at, byte[] b, int from, int n) {
            if (into == null) {
                return false;
            }
            long start = Math.max(at, s.offset());
            long end = Math.min(at + n, s.offset() + into.length);
            if (start < end) {
                System.arraycopy(b, (int) (from + start - at), into, (int) (start - s.offset()), (int) (end - start));
                return true;
            }
            return false;
        }

        boolean truncated() {
            return truncated;
        }

        /** Whether a note segment holds the Go build ID note (name "Go", type 4), which every Go ELF binary carries. */
        boolean goBinary() {
            if (notGo && notes.length == 0) {
                return false;
            }
            for (byte[] n : notes) {
                for (int p = 0; n != null && p + 12 <= n.length; ) {
                    long namesz = Elf.word(n, p, 4, elf.bigEndian());
                    long descsz = Elf.word(n, p + 4, 4, elf.bigEndian());
                    long type = Elf.word(n, p + 8, 4, elf.bigEndian());
                    long nameEnd = p + 12 + ((namesz + 3) & ~3L);
                    if (namesz == 4 && type == 4 && p + 16 <= n.length && n[p + 12] == 'G' && n[p + 13] == 'o' && n[p + 14] == 0) {
                        return true;
                    }
                    long next = nameEnd + ((descsz + 3) & ~3L);
                    if (namesz > n.length || descsz > n.length || next > n.length) {
                        break;
                    }
                    p = (int) next;
                }
            }
            return false;
        }

        /** {@code n} bytes at virtual address {@code addr}, or null when a kept segment does not hold them all. */
        byte[] read(long addr, long n) {
            for (int i = 0; i < loads.length; i++) {
                Elf.Segment s = elf.loads().get(i);
                if (loads[i] != null && s.containsAddress(addr)) {
                    long off = addr - s.vaddr();
                    if (n < 0 || off + n > filled[i]) {
                        return null;
                    }
                    return java.util.Arrays.copyOfRange(loads[i], (int) off, (int) (off + n));
                }
            }
            return null;
        }

        /** The Go string whose header (data pointer, length) is at {@code addr}. */
        String goString(long addr, int ptrSize, boolean be) {
            byte[] hdr = read(addr, 2L * ptrSize);
            if (hdr == null) {
                return null;
            }
            long data = Elf.word(hdr, 0, ptrSize, be);
            long n = Elf.word(hdr, ptrSize, ptrSize, be);
            if (n < 0 || n > MAX_STRING) {
                return null;
            }
            byte[] s = read(data, n);
            return s == null ? null : new String(s, StandardCharsets.UTF_8);
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
            return byPointers(header, null);
        }
        String version = string(in);
        String mod = string(in);
        if (version == null || mod == null) {
            return new BuildInfo(null, null, List.of(), "its Go build information is cut short");
        }
        return fromStrings(version, mod);
    }

    /** The build information from the Go version and the module information (still in its sentinels). */
    static BuildInfo fromStrings(String version, String mod) {
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
