package dev.kubeward.image.catalog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An rpm header as the rpm database stores it (rpm's {@code headerImport} of a blob without the
 * lead): the index length {@code il} and data length {@code dl} (big-endian 32-bit), {@code il}
 * index entries of tag, type, offset and count, then the data store. Only the tags the catalog
 * needs are decoded, each checked against the data store's bounds.
 */
final class RpmHeader {
    static final int NAME = 1000;
    static final int VERSION = 1001;
    static final int RELEASE = 1002;
    static final int EPOCH = 1003;
    static final int ARCH = 1022;
    static final int SOURCERPM = 1044;
    static final int DIRINDEXES = 1116;
    static final int BASENAMES = 1117;
    static final int DIRNAMES = 1118;
    static final int OLDFILENAMES = 1027;

    private static final int INT32 = 4;
    private static final int STRING = 6;
    private static final int STRING_ARRAY = 8;
    private static final int I18NSTRING = 9;

    private record Entry(int type, int offset, int count) {}

    private final byte[] blob;
    private final int dataStart;
    private final int dataLength;
    private final Map<Integer, Entry> entries = new HashMap<>();

    RpmHeader(byte[] blob) throws DatabaseException {
        this.blob = blob;
        if (blob.length < 8) {
            throw new DatabaseException("an rpm header shorter than 8 bytes");
        }
        long il = u32(0);
        long dl = u32(4);
        if (il < 1 || il > 0xffff || dl > 256L << 20 || 8 + il * 16 + dl > blob.length) {
            throw new DatabaseException("an rpm header whose index (" + il + " entries, " + dl
                    + " bytes of data) does not fit its " + blob.length + " bytes");
        }
        this.dataStart = (int) (8 + il * 16);
        this.dataLength = (int) dl;
        for (int i = 0; i < il; i++) {
            int at = 8 + i * 16;
            int tag = (int) u32(at);
            entries.putIfAbsent(tag, new Entry((int) u32(at + 4), (int) u32(at + 8), (int) u32(at + 12)));
        }
    }

    private long u32(int at) {
        return ((long) (blob[at] & 0xff) << 24) | ((blob[at + 1] & 0xff) << 16) | ((blob[at + 2] & 0xff) << 8) | (blob[at + 3] & 0xff);
    }

    /** A STRING (or the first of a STRING_ARRAY / I18NSTRING) tag, or null. */
    String string(int tag) {
        List<String> all = strings(tag);
        return all.isEmpty() ? null : all.get(0);
    }

    /** The strings of a tag: NUL-terminated, {@code count} of them for an array. */
    List<String> strings(int tag) {
        Entry e = entries.get(tag);
        List<String> out = new ArrayList<>();
        if (e == null || (e.type() != STRING && e.type() != STRING_ARRAY && e.type() != I18NSTRING)) {
            return out;
        }
        int n = e.type() == STRING ? 1 : e.count();
        int p = dataStart + e.offset();
        int end = dataStart + dataLength;
        if (e.offset() < 0 || p > end) {
            return out;
        }
        for (int i = 0; i < n && p < end; i++) {
            int z = p;
            while (z < end && blob[z] != 0) {
                z++;
            }
            out.add(new String(blob, p, z - p, StandardCharsets.UTF_8));
            p = z + 1;
        }
        return out;
    }

    /** An INT32 array tag, or an empty array. */
    int[] ints(int tag) {
        Entry e = entries.get(tag);
        if (e == null || e.type() != INT32 || e.offset() < 0 || e.count() < 0
                || (long) e.offset() + 4L * e.count() > dataLength) {
            return new int[0];
        }
        int[] out = new int[e.count()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) u32(dataStart + e.offset() + 4 * i);
        }
        return out;
    }

    /** The files of the package: dirnames by dirindexes plus basenames, or the old file names. */
    List<String> files() {
        List<String> base = strings(BASENAMES);
        List<String> dirs = strings(DIRNAMES);
        int[] idx = ints(DIRINDEXES);
        List<String> out = new ArrayList<>();
        if (!base.isEmpty() && idx.length == base.size()) {
            for (int i = 0; i < base.size(); i++) {
                if (idx[i] >= 0 && idx[i] < dirs.size()) {
                    out.add(dirs.get(idx[i]) + base.get(i));
                }
            }
            return out;
        }
        return strings(OLDFILENAMES);
    }
}
