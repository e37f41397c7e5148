package dev.kubeward.image.vuln;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One ecosystem's part of the index: an immutable file, memory-mapped for lookups.
 *
 * <p>Layout (big-endian): a 64-byte header; a string pool, sorted, each string stored once (an
 * offset table and the UTF-8 bytes); a record table and a key table of offsets into a data area of
 * varint-encoded blobs. A key is {@code name NUL ecosystem} (the name as {@link Names} normalizes
 * it), so that every affected entry of a package, whatever its release, sits in one run of the
 * sorted key table and is found by one binary search; a key's blob lists its affected entries
 * (record number, severities, ranges, and the {@code versions} list as sorted string numbers, so
 * that "is v listed" is two binary searches). Nothing is decoded until it is asked for.
 */
final class IndexFile implements AutoCloseable {
    static final byte[] MAGIC = "KWVULN\0\1".getBytes(StandardCharsets.ISO_8859_1);
    static final int FORMAT = 2;
    private static final int HEADER = 64;

    private final ByteBuffer buf;
    private final int nStrings;
    private final int nRecords;
    private final int nKeys;
    private final int poolOffsets;
    private final int poolData;
    private final int recordTable;
    private final int keyTable;
    private final int data;

    private IndexFile(ByteBuffer buf, Path path) throws IOException {
        this.buf = buf;
        byte[] magic = new byte[8];
        buf.get(0, magic);
        if (!Arrays.equals(magic, MAGIC) || buf.getInt(8) != FORMAT) {
            throw new IOException(path + ": not a kubeward vulnerability index of format " + FORMAT + " (re-import the data)");
        }
        nStrings = buf.getInt(12);
        nRecords = buf.getInt(16);
        nKeys = buf.getInt(20);
        poolOffsets = (int) buf.getLong(24);
        poolData = (int) buf.getLong(32);
        recordTable = (int) buf.getLong(40);
        keyTable = (int) buf.getLong(48);
        data = (int) buf.getLong(56);
    }

    static IndexFile open(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) {
                throw new IOException(path + ": index file larger than 2 GiB");
            }
            if (size < HEADER) {
                throw new IOException(path + ": truncated index file");
            }
            MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            return new IndexFile(m, path);
        }
    }

    @Override
    public void close() {
        // The mapping is released by the garbage collector; nothing else is held.
    }

    int recordCount() {
        return nRecords;
    }

    int keyCount() {
        return nKeys;
    }

    String string(int id) {
        int from = buf.getInt(poolOffsets + 4 * id);
        int to = buf.getInt(poolOffsets + 4 * (id + 1));
        byte[] b = new byte[to - from];
        buf.get(poolData + from, b);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Pool string {@code id} against {@code probe}, by unsigned bytes (the pool's order), without decoding. */
    private int compareAt(int id, byte[] probe, boolean prefixOnly) {
        int from = poolData + buf.getInt(poolOffsets + 4 * id);
        int len = buf.getInt(poolOffsets + 4 * (id + 1)) - buf.getInt(poolOffsets + 4 * id);
        int n = Math.min(len, probe.length);
        for (int i = 0; i < n; i++) {
            int c = (buf.get(from + i) & 0xff) - (probe[i] & 0xff);
            if (c != 0) {
                return c;
            }
        }
        if (prefixOnly && len >= probe.length) {
            return 0;
        }
        return len - probe.length;
    }

    /** The number of a string in the pool, or -1. */
    int find(String s) {
        byte[] probe = s.getBytes(StandardCharsets.UTF_8);
        int lo = 0;
        int hi = nStrings - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = compareAt(mid, probe, false);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** The key numbers whose key starts with {@code name NUL}. */
    int[] keysOf(String normalizedName) {
        byte[] prefix = (normalizedName + '\0').getBytes(StandardCharsets.UTF_8);
        int lo = 0;
        int hi = nKeys;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (compareAt(buf.getInt(keyTable + 8 * mid), prefix, false) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int end = lo;
        while (end < nKeys && compareAt(buf.getInt(keyTable + 8 * end), prefix, true) == 0) {
            end++;
        }
        int[] out = new int[end - lo];
        for (int i = 0; i < out.length; i++) {
            out[i] = lo + i;
        }
        return out;
    }

    /** The ecosystem a key is for (the part after its NUL), without decoding its entries. */
    String keyEcosystem(int k) {
        String key = string(buf.getInt(keyTable + 8 * k));
        return key.substring(key.indexOf('\0') + 1);
    }

    /** A cursor over varints in the data area. */
    private final class Reader {
        int pos;

        Reader(int pos) {
            this.pos = pos;
        }

        long varlong() {
            long v = 0;
            int shift = 0;
            while (true) {
                byte b = buf.get(pos++);
                v |= (long) (b & 0x7f) << shift;
                if (b >= 0) {
                    return v;
                }
                shift += 7;
            }
        }

        int varint() {
            return (int) varlong();
        }

        String str() {
            return string(varint());
        }

        String optStr() {
            int v = varint();
            return v == 0 ? null : string(v - 1);
        }

        List<String> strs() {
            int n = varint();
            List<String> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(str());
            }
            return out;
        }

        List<OsvRecord.Score> scores() {
            int n = varint();
            List<OsvRecord.Score> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(new OsvRecord.Score(str(), str()));
            }
            return out;
        }
    }

    /** Record {@code i} without its affected entries (they live under the keys). */
    OsvRecord record(int i) {
        Reader r = new Reader(data + buf.getInt(recordTable + 4 * i));
        String id = r.str();
        long modified = r.varlong();
        long withdrawn = r.varlong();
        String summary = r.optStr();
        List<String> aliases = r.strs();
        List<String> upstream = r.strs();
        List<OsvRecord.Score> severity = r.scores();
        String db = r.optStr();
        return new OsvRecord(id, modified, withdrawn, aliases, upstream, summary, severity, db, List.of());
    }

    /**
     * An affected entry as stored: the record it belongs to, the entry, and whether one of the
     * versions asked about is in its {@code versions} list.
     */
    record Entry(int record, OsvRecord.Affected affected, boolean listed) {}

    /**
     * The affected entries of key {@code k}. {@code listedIds} are pool numbers of versions to test
     * against each entry's {@code versions} list (see {@link #find}); {@code withVersions} decodes
     * the list as strings too (for merging an import), otherwise a list is skipped unread when
     * there is nothing to test.
     */
    List<Entry> entries(int k, int[] listedIds, boolean withVersions) {
        Reader r = new Reader(data + buf.getInt(keyTable + 8 * k + 4));
        String ecosystem = r.str();
        String name = r.str();
        int n = r.varint();
        List<Entry> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int rec = r.varint();
            List<OsvRecord.Score> sev = r.scores();
            String eco = r.optStr();
            int nr = r.varint();
            List<OsvRecord.Range> ranges = new ArrayList<>(nr);
            for (int j = 0; j < nr; j++) {
                OsvRecord.RangeType type = OsvRecord.RangeType.values()[r.varint()];
                int ne = r.varint();
                List<OsvRecord.Event> events = new ArrayList<>(ne);
                for (int e = 0; e < ne; e++) {
                    OsvRecord.EventKind kind = OsvRecord.EventKind.values()[r.varint()];
                    events.add(new OsvRecord.Event(kind, r.str()));
                }
                ranges.add(new OsvRecord.Range(type, events));
            }
            int bytes = r.varint();
            int end = r.pos + bytes;
            boolean listed = false;
            List<String> versions = List.of();
            if (withVersions || listedIds.length > 0) {
                int nv = r.varint();
                int prev = 0;
                if (withVersions) {
                    versions = new ArrayList<>(nv);
                }
                for (int v = 0; v < nv; v++) {
                    prev += r.varint();
                    for (int id : listedIds) {
                        listed |= id == prev;
                    }
                    if (withVersions) {
                        versions.add(string(prev));
                    }
                }
            }
            r.pos = end;
            out.add(new Entry(rec, new OsvRecord.Affected(ecosystem, name, sev, eco, ranges, versions), listed));
        }
        return out;
    }

    /** Every record with its affected entries, as they were imported (for merging a re-import). */
    List<OsvRecord> allRecords() {
        List<List<OsvRecord.Affected>> affected = new ArrayList<>(nRecords);
        for (int i = 0; i < nRecords; i++) {
            affected.add(new ArrayList<>());
        }
        for (int k = 0; k < nKeys; k++) {
            for (Entry e : entries(k, new int[0], true)) {
                affected.get(e.record).add(e.affected);
            }
        }
        List<OsvRecord> out = new ArrayList<>(nRecords);
        for (int i = 0; i < nRecords; i++) {
            OsvRecord r = record(i);
            out.add(new OsvRecord(r.id(), r.modified(), r.withdrawn(), r.aliases(), r.upstream(), r.summary(),
                    r.severity(), r.dbSeverity(), affected.get(i)));
        }
        return out;
    }

    // ---- writing ----

    /** Growable byte buffer with varints. */
    private static final class Out {
        byte[] b = new byte[256];
        int n;

        void ensure(int more) {
            if (n + more > b.length) {
                long cap = Math.max((long) b.length * 2, (long) n + more);
                if (cap > Integer.MAX_VALUE - 16) {
                    throw new IllegalStateException("index shard larger than 2 GiB");
                }
                b = Arrays.copyOf(b, (int) cap);
            }
        }

        void varlong(long v) {
            ensure(10);
            while ((v & ~0x7fL) != 0) {
                b[n++] = (byte) ((v & 0x7f) | 0x80);
                v >>>= 7;
            }
            b[n++] = (byte) v;
        }

        void varint(int v) {
            varlong(v & 0xffffffffL);
        }
    }

    /**
     * Writes the records of one ecosystem (each with only that ecosystem's affected entries) to
     * {@code path}. Keys use {@link Names#normalize} of the ecosystem base.
     */
    static void write(Path path, List<OsvRecord> records, String base) throws IOException {
        // The pool: every string, once, sorted.
        Map<String, Integer> ids = new HashMap<>();
        List<String[]> keyOf = new ArrayList<>();
        for (OsvRecord r : records) {
            add(ids, r.id());
            add(ids, r.summary());
            r.aliases().forEach(s -> add(ids, s));
            r.upstream().forEach(s -> add(ids, s));
            r.severity().forEach(s -> {
                add(ids, s.type());
                add(ids, s.score());
            });
            add(ids, r.dbSeverity());
            for (OsvRecord.Affected a : r.affected()) {
                add(ids, a.ecosystem());
                add(ids, a.name());
                add(ids, a.ecoSeverity());
                a.severity().forEach(s -> {
                    add(ids, s.type());
                    add(ids, s.score());
                });
                a.ranges().forEach(g -> g.events().forEach(e -> add(ids, e.version())));
                a.versions().forEach(v -> add(ids, v));
                add(ids, key(base, a));
            }
        }
        String[] pool = ids.keySet().toArray(String[]::new);
        Arrays.sort(pool, IndexFile::utf8Order);
        for (int i = 0; i < pool.length; i++) {
            ids.put(pool[i], i);
        }
        // Group affected entries by key.
        Map<String, List<int[]>> byKey = new HashMap<>();
        for (int ri = 0; ri < records.size(); ri++) {
            List<OsvRecord.Affected> aff = records.get(ri).affected();
            for (int ai = 0; ai < aff.size(); ai++) {
                byKey.computeIfAbsent(key(base, aff.get(ai)), k -> new ArrayList<>()).add(new int[] {ri, ai});
            }
        }
        String[] keys = byKey.keySet().toArray(String[]::new);
        Arrays.sort(keys, IndexFile::utf8Order);

        Out d = new Out();
        int[] recordOffsets = new int[records.size()];
        for (int ri = 0; ri < records.size(); ri++) {
            OsvRecord r = records.get(ri);
            recordOffsets[ri] = d.n;
            d.varint(ids.get(r.id()));
            d.varlong(r.modified());
            d.varlong(r.withdrawn());
            opt(d, ids, r.summary());
            strs(d, ids, r.aliases());
            strs(d, ids, r.upstream());
            scores(d, ids, r.severity());
            opt(d, ids, r.dbSeverity());
        }
        int[] keyOffsets = new int[keys.length];
        for (int k = 0; k < keys.length; k++) {
            keyOffsets[k] = d.n;
            List<int[]> list = byKey.get(keys[k]);
            OsvRecord.Affected first = records.get(list.get(0)[0]).affected().get(list.get(0)[1]);
            d.varint(ids.get(first.ecosystem()));
            d.varint(ids.get(first.name()));
            d.varint(list.size());
            for (int[] ra : list) {
                OsvRecord.Affected a = records.get(ra[0]).affected().get(ra[1]);
                d.varint(ra[0]);
                scores(d, ids, a.severity());
                opt(d, ids, a.ecoSeverity());
                d.varint(a.ranges().size());
                for (OsvRecord.Range g : a.ranges()) {
                    d.varint(g.type().ordinal());
                    d.varint(g.events().size());
                    for (OsvRecord.Event e : g.events()) {
                        d.varint(e.kind().ordinal());
                        d.varint(ids.get(e.version()));
                    }
                }
                int[] vs = a.versions().stream().mapToInt(ids::get).distinct().sorted().toArray();
                Out vl = new Out();
                vl.varint(vs.length);
                int prev = 0;
                for (int v : vs) {
                    vl.varint(v - prev);
                    prev = v;
                }
                d.varint(vl.n);
                d.ensure(vl.n);
                System.arraycopy(vl.b, 0, d.b, d.n, vl.n);
                d.n += vl.n;
            }
        }
        // Pool bytes.
        byte[][] enc = new byte[pool.length][];
        long poolBytes = 0;
        for (int i = 0; i < pool.length; i++) {
            enc[i] = pool[i].getBytes(StandardCharsets.UTF_8);
            poolBytes += enc[i].length;
        }
        long poolOffsetsPos = HEADER;
        long poolDataPos = poolOffsetsPos + 4L * (pool.length + 1);
        long recordTablePos = poolDataPos + poolBytes;
        long keyTablePos = recordTablePos + 4L * records.size();
        long dataPos = keyTablePos + 8L * keys.length;
        long total = dataPos + d.n;
        if (total > Integer.MAX_VALUE) {
            throw new IOException(path + ": index shard would be larger than 2 GiB");
        }
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
            ByteBuffer h = ByteBuffer.allocate(HEADER);
            h.put(MAGIC).putInt(FORMAT).putInt(pool.length).putInt(records.size()).putInt(keys.length)
                    .putLong(poolOffsetsPos).putLong(poolDataPos).putLong(recordTablePos).putLong(keyTablePos).putLong(dataPos);
            out.write(h.array());
            ByteBuffer ints = ByteBuffer.allocate(4 * (pool.length + 1));
            int off = 0;
            for (byte[] e : enc) {
                ints.putInt(off);
                off += e.length;
            }
            ints.putInt(off);
            out.write(ints.array());
            for (byte[] e : enc) {
                out.write(e);
            }
            ByteBuffer rt = ByteBuffer.allocate(4 * records.size());
            for (int o : recordOffsets) {
                rt.putInt(o);
            }
            out.write(rt.array());
            ByteBuffer kt = ByteBuffer.allocate(8 * keys.length);
            for (int k = 0; k < keys.length; k++) {
                kt.putInt(ids.get(keys[k])).putInt(keyOffsets[k]);
            }
            out.write(kt.array());
            out.write(d.b, 0, d.n);
        }
        Files.move(tmp, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The order of UTF-8 bytes, unsigned (which, unlike String's, puts supplementary characters last). */
    static int utf8Order(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    static String key(String base, OsvRecord.Affected a) {
        return Names.normalize(base, a.name()) + '\0' + a.ecosystem();
    }

    private static void add(Map<String, Integer> ids, String s) {
        if (s != null) {
            ids.putIfAbsent(s, 0);
        }
    }

    private static void opt(Out d, Map<String, Integer> ids, String s) {
        d.varint(s == null ? 0 : ids.get(s) + 1);
    }

    private static void strs(Out d, Map<String, Integer> ids, List<String> l) {
        d.varint(l.size());
        for (String s : l) {
            d.varint(ids.get(s));
        }
    }

    private static void scores(Out d, Map<String, Integer> ids, List<OsvRecord.Score> l) {
        d.varint(l.size());
        for (OsvRecord.Score s : l) {
            d.varint(ids.get(s.type()));
            d.varint(ids.get(s.score()));
        }
    }
}
