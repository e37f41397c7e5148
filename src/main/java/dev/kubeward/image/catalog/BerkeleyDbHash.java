package dev.kubeward.image.catalog;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The values of a BerkeleyDB hash database, read by hand: rpm's {@code /var/lib/rpm/Packages} before
 * rpm 4.16 (RHEL/CentOS 7 and 8, Amazon Linux 2), whose keys are header numbers and values rpm
 * header blobs. The layout is BerkeleyDB's (db_page.h): page 0 the hash metadata (magic
 * {@code 0x061561}, in either byte order, which gives the file's; page size; last page, which the file must hold), every
 * page a 26-byte header (page number, previous, next, entries, free-area offset, level, type), a hash
 * page ({@code P_HASH} 13, or {@code P_HASH_UNSORTED} 2) an index of item offsets in key/data pairs,
 * an item {@code H_KEYDATA} (1: its bytes inline, up to the previous item) or {@code H_OFFPAGE}
 * (3: the first overflow page and the total length), an overflow page ({@code P_OVERFLOW} 7) its
 * length in the free-area field and its next page in the chain. Read-only and bounded: every
 * offset is checked, an overflow chain visits each page at most once. Duplicate sets (which rpm's
 * Packages never has) and encrypted databases are refused.
 */
final class BerkeleyDbHash {
    static final int HASH_MAGIC = 0x061561;
    private static final int PAGE_HEADER = 26;
    private static final int P_HASH_UNSORTED = 2;
    private static final int P_OVERFLOW = 7;
    private static final int P_HASHMETA = 8;
    private static final int P_HASH = 13;
    private static final int H_KEYDATA = 1;
    private static final int H_DUPLICATE = 2;
    private static final int H_OFFPAGE = 3;
    private static final int H_OFFDUP = 4;

    /** One key and its value. */
    record Entry(byte[] key, byte[] value) {}

    private final byte[] db;
    private final boolean little;
    private final int pageSize;
    private final int pages;

    BerkeleyDbHash(byte[] db) throws DatabaseException {
        this.db = db;
        if (db.length < 512) {
            throw new DatabaseException("not a BerkeleyDB database (" + db.length + " bytes)");
        }
        if (le32(12) == HASH_MAGIC) {
            little = true;
        } else if (be32(12) == HASH_MAGIC) {
            little = false;
        } else if (le32(12) == 0x053162 || be32(12) == 0x053162) {
            throw new DatabaseException("a BerkeleyDB B-tree database, not the hash database rpm writes");
        } else {
            throw new DatabaseException("not a BerkeleyDB hash database (no magic number 0x061561)");
        }
        long ps = u32(20);
        if (ps < 512 || ps > 65536 || Long.bitCount(ps) != 1) {
            throw new DatabaseException("a BerkeleyDB page size of " + ps + " bytes");
        }
        if ((db[25] & 0xff) != P_HASHMETA) {
            throw new DatabaseException("page 0 is not hash metadata (type " + (db[25] & 0xff) + ")");
        }
        if (db[24] != 0) {
            throw new DatabaseException("an encrypted BerkeleyDB database");
        }
        if ((db[26] & 0x01) != 0) {
            throw new DatabaseException("a BerkeleyDB database with page checksums, which rpm does not write");
        }
        pageSize = (int) ps;
        long last = u32(32);
        if ((last + 1) * pageSize > db.length) {
            throw new DatabaseException("truncated: its last page is " + last + " but the file holds " + db.length / pageSize
                    + " pages of " + pageSize + " bytes");
        }
        pages = (int) last + 1;
    }

    private long le32(int at) {
        return (db[at] & 0xffL) | (db[at + 1] & 0xffL) << 8 | (db[at + 2] & 0xffL) << 16 | (db[at + 3] & 0xffL) << 24;
    }

    private long be32(int at) {
        return (db[at] & 0xffL) << 24 | (db[at + 1] & 0xffL) << 16 | (db[at + 2] & 0xffL) << 8 | (db[at + 3] & 0xffL);
    }

    private long u32(int at) {
        return little ? le32(at) : be32(at);
    }

    private int u16(int at) {
        return little ? (db[at] & 0xff) | (db[at + 1] & 0xff) << 8 : (db[at] & 0xff) << 8 | (db[at + 1] & 0xff);
    }

    /** Every key/data pair of every hash page, in page order. */
    List<Entry> entries() throws DatabaseException {
        List<Entry> out = new ArrayList<>();
        for (int p = 1; p < pages; p++) {
            int base = p * pageSize;
            int type = db[base + 25] & 0xff;
            if (type != P_HASH && type != P_HASH_UNSORTED) {
                continue;
            }
            int n = u16(base + 20);
            if (PAGE_HEADER + 2L * n > pageSize) {
                throw new DatabaseException("page " + p + " lists " + n + " items, more than fit");
            }
            for (int i = 0; i + 1 < n; i += 2) {
                byte[] key = item(p, base, n, i);
                byte[] value = item(p, base, n, i + 1);
                out.add(new Entry(key, value));
            }
        }
        return out;
    }

    /** Item {@code i} of a hash page: inline bytes, or the overflow chain it points to. */
    private byte[] item(int p, int base, int n, int i) throws DatabaseException {
        int off = u16(base + PAGE_HEADER + 2 * i);
        int end = i == 0 ? pageSize : u16(base + PAGE_HEADER + 2 * (i - 1));
        if (off < PAGE_HEADER + 2 * n || off >= pageSize || end > pageSize || end <= off) {
            throw new DatabaseException("page " + p + ": item " + i + " at offset " + off + " is outside the page");
        }
        int type = db[base + off] & 0xff;
        switch (type) {
            case H_KEYDATA -> {
                byte[] b = new byte[end - off - 1];
                System.arraycopy(db, base + off + 1, b, 0, b.length);
                return b;
            }
            case H_OFFPAGE -> {
                if (end - off < 12) {
                    throw new DatabaseException("page " + p + ": item " + i + " is too short for an overflow reference");
                }
                return overflow(u32(base + off + 4), u32(base + off + 8), p);
            }
            case H_DUPLICATE, H_OFFDUP -> throw new DatabaseException("page " + p + ": a duplicate set, which rpm's database never holds");
            default -> throw new DatabaseException("page " + p + ": item " + i + " has the unknown type " + type);
        }
    }

    private byte[] overflow(long first, long total, int from) throws DatabaseException {
        if (total > db.length) {
            throw new DatabaseException("page " + from + ": an overflow item of " + total + " bytes, more than the file");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) total);
        BitSet seen = new BitSet(pages);
        long pg = first;
        while (out.size() < total) {
            if (pg <= 0 || pg >= pages) {
                throw new DatabaseException("page " + from + ": an overflow chain reaches page " + pg + ", outside the file");
            }
            if (seen.get((int) pg)) {
                throw new DatabaseException("page " + from + ": an overflow chain loops at page " + pg);
            }
            seen.set((int) pg);
            int base = (int) pg * pageSize;
            if ((db[base + 25] & 0xff) != P_OVERFLOW) {
                throw new DatabaseException("page " + pg + " is not an overflow page (type " + (db[base + 25] & 0xff) + ")");
            }
            int len = u16(base + 22);
            if (len > pageSize - PAGE_HEADER) {
                throw new DatabaseException("overflow page " + pg + " says it holds " + len + " bytes, more than fit");
            }
            out.write(db, base + PAGE_HEADER, (int) Math.min(len, total - out.size()));
            long next = u32(base + 16);
            if (len == 0 || next == 0 && out.size() < total) {
                if (out.size() < total) {
                    throw new DatabaseException("page " + from + ": an overflow chain ends after " + out.size() + " of " + total + " bytes");
                }
            }
            pg = next;
        }
        return out.toByteArray();
    }
}
