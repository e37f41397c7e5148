package dev.kubeward.image.catalog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Reads the rows of one table of an SQLite database file held in memory, as the file format
 * (sqlite.org/fileformat.html) lays them out: the 100-byte header (page size, reserved bytes),
 * {@code sqlite_schema} on page 1 for the table's root page, the table b-tree walked from its root
 * (interior pages 0x05 to their children, leaf pages 0x0d for the cells), each cell's payload with
 * its overflow pages, and the record format's serial types. Read-only and bounded: every offset is
 * checked against the file, every page is visited at most once, so a hostile file ends in an
 * error, not a loop or a crash. The write-ahead log ({@code -wal}) is not read: an image's
 * database has been checkpointed when the image was built.
 */
final class Sqlite {

    private final byte[] db;
    private final int pageSize;
    private final int usable;

    Sqlite(byte[] db) throws DatabaseException {
        this.db = db;
        if (db.length < 100 || !new String(db, 0, 16, StandardCharsets.ISO_8859_1).equals("SQLite format 3\0")) {
            throw new DatabaseException("not an SQLite 3 database");
        }
        int ps = u16(16);
        this.pageSize = ps == 1 ? 65536 : ps;
        if (pageSize < 512 || (pageSize & (pageSize - 1)) != 0) {
            throw new DatabaseException("page size " + pageSize + " is not a power of two from 512 to 65536");
        }
        this.usable = pageSize - (db[20] & 0xff);
        if (usable < 480) {
            throw new DatabaseException("usable page size " + usable + " is below 480");
        }
    }

    /** Every row of the table (its columns as Long, Double, String, byte[] or null), in rowid order. */
    List<Object[]> rows(String table) throws DatabaseException {
        Long root = null;
        for (Object[] r : tableRows(1)) {
            if (r.length >= 4 && "table".equals(r[0]) && table.equalsIgnoreCase(String.valueOf(r[1])) && r[3] instanceof Long l) {
                root = l;
            }
        }
        if (root == null) {
            throw new DatabaseException("no table " + table);
        }
        return tableRows(root);
    }

    private List<Object[]> tableRows(long root) throws DatabaseException {
        List<Object[]> out = new ArrayList<>();
        BitSet seen = new BitSet();
        walk(root, out, seen, 0);
        return out;
    }

    private void walk(long page, List<Object[]> out, BitSet seen, int depth) throws DatabaseException {
        if (page < 1 || (page - 1) * (long) pageSize >= db.length) {
            throw new DatabaseException("page " + page + " is outside the file");
        }
        if (seen.get((int) page) || depth > 64) {
            throw new DatabaseException("page " + page + " is reached twice: the b-tree is damaged");
        }
        seen.set((int) page);
        int start = (int) ((page - 1) * pageSize);
        int hdr = page == 1 ? start + 100 : start;
        int type = u8(hdr);
        int cells = u16(hdr + 3);
        if (type == 0x05) {
            for (int i = 0; i < cells; i++) {
                int cell = start + u16(hdr + 12 + 2 * i);
                walk(u32(cell), out, seen, depth + 1);
            }
            walk(u32(hdr + 8), out, seen, depth + 1);
        } else if (type == 0x0d) {
            for (int i = 0; i < cells; i++) {
                int cell = start + u16(hdr + 8 + 2 * i);
                out.add(record(leafPayload(cell, seen)));
            }
        } else {
            throw new DatabaseException("page " + page + " is not a table b-tree page (type " + type + ")");
        }
    }

    /** A table leaf cell's payload: the local part and its overflow pages. */
    private byte[] leafPayload(int cell, BitSet seen) throws DatabaseException {
        long[] v = varint(cell);
        long size = v[0];
        int p = cell + (int) v[1];
        p += (int) varint(p)[1]; // the rowid
        if (size < 0 || size > db.length) {
            throw new DatabaseException("a cell's payload of " + size + " bytes is larger than the file");
        }
        int x = usable - 35;
        int local;
        if (size <= x) {
            local = (int) size;
        } else {
            int m = ((usable - 12) * 32 / 255) - 23;
            int k = (int) (m + ((size - m) % (usable - 4)));
            local = k <= x ? k : m;
        }
        byte[] payload = new byte[(int) size];
        check(p, local);
        System.arraycopy(db, p, payload, 0, local);
        int have = local;
        long next = local < size ? u32(p + local) : 0;
        while (have < size) {
            if (next < 1 || (next - 1) * (long) pageSize >= db.length || seen.get((int) next)) {
                throw new DatabaseException("an overflow chain is damaged at page " + next);
            }
            seen.set((int) next);
            int op = (int) ((next - 1) * pageSize);
            int n = (int) Math.min(usable - 4, size - have);
            check(op + 4, n);
            System.arraycopy(db, op + 4, payload, have, n);
            have += n;
            next = u32(op);
        }
        return payload;
    }

    private Object[] record(byte[] r) throws DatabaseException {
        long[] h = varint(r, 0);
        int headerSize = (int) h[0];
        if (headerSize < 1 || headerSize > r.length) {
            throw new DatabaseException("a record's header is damaged");
        }
        List<Long> types = new ArrayList<>();
        int p = (int) h[1];
        while (p < headerSize) {
            long[] t = varint(r, p);
            types.add(t[0]);
            p += (int) t[1];
        }
        Object[] cols = new Object[types.size()];
        int d = headerSize;
        for (int i = 0; i < cols.length; i++) {
            long t = types.get(i);
            int n = t >= 12 ? (int) ((t - (t % 2 == 0 ? 12 : 13)) / 2)
                    : switch ((int) t) { case 1 -> 1; case 2 -> 2; case 3 -> 3; case 4 -> 4; case 5 -> 6; case 6, 7 -> 8; default -> 0; };
            if (d + n > r.length || n < 0) {
                throw new DatabaseException("a record's values run past its end");
            }
            if (t == 0 || t == 10 || t == 11) {
                cols[i] = null;
            } else if (t == 8 || t == 9) {
                cols[i] = t - 8;
            } else if (t == 7) {
                long bits = 0;
                for (int j = 0; j < 8; j++) {
                    bits = (bits << 8) | (r[d + j] & 0xff);
                }
                cols[i] = Double.longBitsToDouble(bits);
            } else if (t < 7) {
                long val = r[d]; // sign-extended
                for (int j = 1; j < n; j++) {
                    val = (val << 8) | (r[d + j] & 0xff);
                }
                cols[i] = val;
            } else if (t % 2 == 0) {
                byte[] b = new byte[n];
                System.arraycopy(r, d, b, 0, n);
                cols[i] = b;
            } else {
                cols[i] = new String(r, d, n, StandardCharsets.UTF_8);
            }
            d += n;
        }
        return cols;
    }

    private long[] varint(int at) throws DatabaseException {
        return varint(db, at);
    }

    /** An SQLite varint at {@code at}: the value and its length (1 to 9 bytes, the ninth whole). */
    private static long[] varint(byte[] b, int at) throws DatabaseException {
        long v = 0;
        for (int i = 0; i < 9; i++) {
            if (at + i >= b.length) {
                throw new DatabaseException("a varint runs past the end");
            }
            int c = b[at + i] & 0xff;
            if (i == 8) {
                return new long[] {(v << 8) | c, 9};
            }
            v = (v << 7) | (c & 0x7f);
            if ((c & 0x80) == 0) {
                return new long[] {v, i + 1};
            }
        }
        throw new IllegalStateException();
    }

    private void check(int at, int n) throws DatabaseException {
        if (at < 0 || n < 0 || at + (long) n > db.length) {
            throw new DatabaseException("an offset runs past the end of the file");
        }
    }

    private int u8(int at) throws DatabaseException {
        check(at, 1);
        return db[at] & 0xff;
    }

    private int u16(int at) throws DatabaseException {
        check(at, 2);
        return ((db[at] & 0xff) << 8) | (db[at + 1] & 0xff);
    }

    private long u32(int at) throws DatabaseException {
        check(at, 4);
        return ((long) (db[at] & 0xff) << 24) | ((db[at + 1] & 0xff) << 16) | ((db[at + 2] & 0xff) << 8) | (db[at + 3] & 0xff);
    }
}
