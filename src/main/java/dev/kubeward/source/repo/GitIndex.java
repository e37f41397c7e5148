package dev.kubeward.source.repo;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The paths of a git index file ({@code .git/index}), per git's index format
 * (Documentation/gitformat-index.txt): a {@code DIRC} header with version 2, 3 or 4, then one
 * entry per path and stage. Version 2 and 3 entries end with a NUL-padded name (8-byte aligned);
 * version 3 adds a second flags word when the extended bit is set; version 4 compresses each name
 * against the previous one (a varint count of bytes to drop, then a NUL-terminated suffix).
 */
final class GitIndex {
    /** An index that does not follow the format. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }
    }

    private GitIndex() {}

    /**
     * Adds the paths of {@code data} to {@code paths}.
     *
     * @param hashSize 20 (SHA-1) or 32 (SHA-256)
     * @return the hex name of the shared index when this is a split index ({@code link}
     *     extension), else null
     */
    static String read(byte[] data, int hashSize, Set<String> paths) throws Malformed {
        if (data.length < 12 || data[0] != 'D' || data[1] != 'I' || data[2] != 'R' || data[3] != 'C') {
            throw new Malformed("no DIRC signature");
        }
        int version = int32(data, 4);
        if (version < 2 || version > 4) {
            throw new Malformed("unknown index version " + version);
        }
        long count = int32(data, 8) & 0xffffffffL;
        int pos = 12;
        byte[] previous = new byte[0];
        for (long i = 0; i < count; i++) {
            int entryStart = pos;
            pos += 40 + hashSize;
            need(data, pos + 2);
            int flags = ((data[pos] & 0xff) << 8) | (data[pos + 1] & 0xff);
            pos += 2;
            if (version >= 3 && (flags & 0x4000) != 0) {
                pos += 2;
            }
            byte[] name;
            if (version == 4) {
                long strip = 0;
                int c;
                need(data, pos + 1);
                c = data[pos++] & 0xff;
                strip = c & 127;
                while ((c & 128) != 0) {
                    need(data, pos + 1);
                    c = data[pos++] & 0xff;
                    strip = ((strip + 1) << 7) | (c & 127);
                    if (strip > Integer.MAX_VALUE) {
                        throw new Malformed("bad name prefix");
                    }
                }
                if (strip > previous.length) {
                    throw new Malformed("bad name prefix");
                }
                int end = nul(data, pos);
                int keep = previous.length - (int) strip;
                name = new byte[keep + (end - pos)];
                System.arraycopy(previous, 0, name, 0, keep);
                System.arraycopy(data, pos, name, keep, end - pos);
                pos = end + 1;
            } else {
                int length = flags & 0xfff;
                int end = length == 0xfff ? nul(data, pos) : pos + length;
                need(data, end + 1);
                name = java.util.Arrays.copyOfRange(data, pos, end);
                pos = end;
                int entryLength = pos - entryStart;
                pos += 8 - (entryLength % 8);
            }
            previous = name;
            paths.add(new String(name, StandardCharsets.UTF_8));
        }
        String shared = null;
        while (pos + 8 <= data.length - hashSize) {
            String signature = new String(data, pos, 4, StandardCharsets.ISO_8859_1);
            long size = int32(data, pos + 4) & 0xffffffffL;
            if (signature.equals("link") && size >= hashSize) {
                StringBuilder hex = new StringBuilder();
                for (int k = 0; k < hashSize; k++) {
                    hex.append(String.format("%02x", data[pos + 8 + k] & 0xff));
                }
                shared = hex.toString();
            }
            if (size > data.length) {
                break;
            }
            pos += 8 + (int) size;
        }
        return shared;
    }

    private static int nul(byte[] data, int from) throws Malformed {
        for (int i = from; i < data.length; i++) {
            if (data[i] == 0) {
                return i;
            }
        }
        throw new Malformed("unterminated name");
    }

    private static void need(byte[] data, int end) throws Malformed {
        if (end > data.length || end < 0) {
            throw new Malformed("truncated index");
        }
    }

    private static int int32(byte[] d, int at) {
        return ((d[at] & 0xff) << 24) | ((d[at + 1] & 0xff) << 16) | ((d[at + 2] & 0xff) << 8) | (d[at + 3] & 0xff);
    }
}
