package dev.kubeward.image.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * rpm's NDB database ({@code Packages.db}, rpm 4.16+'s own format, openSUSE and SLES 15), read by
 * hand as rpm's {@code backend/ndb/rpmpkg.c} reads it, little-endian: a 32-byte header (magic
 * {@code RpmP}, version 0, generation, the number of 4096-byte slot pages, the next package
 * index), then 16-byte slots (magic {@code Slot}, package index, block offset, block count) to the
 * end of the slot pages, a slot with block offset 0 free; each used slot points to a blob at block
 * offset × 16, after the slot pages: a 16-byte head (magic {@code BlbS}, the same package index,
 * generation, length), the rpm header, padding to the block, and a 12-byte tail (adler32, the
 * length again, magic {@code BlbE}); the block count must be the blob's. Every check rpm makes when
 * it reads a package is made here (rpm does not recompute the adler32 on a read, nor does this);
 * a failed one is an error naming the package, never a crash.
 */
final class RpmNdb {
    static final int HEADER_MAGIC = 'R' | 'p' << 8 | 'm' << 16 | 'P' << 24;
    static final int SLOT_MAGIC = 'S' | 'l' << 8 | 'o' << 16 | 't' << 24;
    static final int BLOB_MAGIC = 'B' | 'l' << 8 | 'b' << 16 | 'S' << 24;
    static final int TAIL_MAGIC = 'B' | 'l' << 8 | 'b' << 16 | 'E' << 24;
    static final int PAGE = 4096;
    static final int SLOT = 16;
    static final int BLOCK = 16;
    static final int HEAD = 16;
    static final int TAIL = 12;

    /** One package: its index in the database and its header blob. */
    record Blob(long index, byte[] header) {}

    private RpmNdb() {}

    private static long u32(byte[] b, int at) {
        return (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16 | (b[at + 3] & 0xffL) << 24;
    }

    private static long magic(int m) {
        return m & 0xffffffffL;
    }

    static List<Blob> read(byte[] db) throws DatabaseException {
        if (db.length < 32 || u32(db, 0) != magic(HEADER_MAGIC)) {
            throw new DatabaseException("not an rpm NDB database (no RpmP magic)");
        }
        if (u32(db, 4) != 0) {
            throw new DatabaseException("NDB version " + u32(db, 4) + ", not 0");
        }
        if (db.length % BLOCK != 0) {
            throw new DatabaseException("an NDB file of " + db.length + " bytes, not whole 16-byte blocks");
        }
        long slotPages = u32(db, 12);
        if (slotPages < 1 || slotPages * PAGE > db.length) {
            throw new DatabaseException("NDB says it has " + slotPages + " slot pages, which the file does not hold");
        }
        long fileBlocks = db.length / BLOCK;
        long minBlock = slotPages * (PAGE / BLOCK);
        List<Blob> out = new ArrayList<>();
        int end = (int) (slotPages * PAGE);
        for (int at = 32; at + SLOT <= end; at += SLOT) {
            if (u32(db, at) != magic(SLOT_MAGIC)) {
                throw new DatabaseException("the slot at offset " + at + " has no Slot magic");
            }
            long blk = u32(db, at + 8);
            if (blk == 0) {
                continue; // a free slot
            }
            long pkg = u32(db, at + 4);
            long cnt = u32(db, at + 12);
            if (blk + cnt > fileBlocks) {
                throw new DatabaseException("package " + pkg + ": its blob (block " + blk + ", " + cnt
                        + " blocks) is past the end of the file");
            }
            if (pkg == 0 || cnt == 0 || blk < minBlock) {
                throw new DatabaseException("the slot at offset " + at + " is not a valid entry (package " + pkg + ", block "
                        + blk + ", " + cnt + " blocks)");
            }
            out.add(new Blob(pkg, blob(db, pkg, (int) (blk * BLOCK), cnt)));
        }
        return out;
    }

    private static byte[] blob(byte[] db, long pkg, int o, long cnt) throws DatabaseException {
        if (cnt < (HEAD + TAIL + BLOCK - 1) / BLOCK) {
            throw new DatabaseException("package " + pkg + ": a blob of " + cnt + " blocks is too small");
        }
        if (u32(db, o) != magic(BLOB_MAGIC)) {
            throw new DatabaseException("package " + pkg + ": no BlbS magic at offset " + o);
        }
        if (u32(db, o + 4) != pkg) {
            throw new DatabaseException("package " + pkg + ": its blob says it is package " + u32(db, o + 4));
        }
        long len = u32(db, o + 12);
        if (cnt != (HEAD + len + TAIL + BLOCK - 1) / BLOCK) {
            throw new DatabaseException("package " + pkg + ": a blob of " + len + " bytes does not take " + cnt + " blocks");
        }
        int tail = (int) (o + cnt * BLOCK - TAIL);
        if (u32(db, tail + 4) != len || u32(db, tail + 8) != magic(TAIL_MAGIC)) {
            throw new DatabaseException("package " + pkg + ": the blob's tail (length, BlbE magic) is damaged");
        }
        byte[] h = new byte[(int) len];
        System.arraycopy(db, o + HEAD, h, 0, h.length);
        return h;
    }
}
