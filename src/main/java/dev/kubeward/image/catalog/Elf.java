package dev.kubeward.image.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * What the Go cataloger needs of an ELF file to read build information stored by pointers (Go
 * 1.13–1.17): its byte order, word size, the file ranges and virtual addresses of its loadable
 * segments (PT_LOAD) and where its notes are (PT_NOTE), from the header and program headers.
 * Addresses are turned into file offsets through the segments, as Go's debug/buildinfo does.
 */
record Elf(boolean bigEndian, boolean is64, List<Segment> loads, List<Segment> notes) {
    static final int PT_LOAD = 1;
    static final int PT_NOTE = 4;
    /** More program headers than any linker writes: a header claiming more is not believed. */
    static final int MAX_PROGRAM_HEADERS = 1024;

    /** A segment's bytes in the file and where they are mapped. */
    record Segment(long offset, long vaddr, long filesz) {
        boolean containsAddress(long addr) {
            return filesz > 0 && Long.compareUnsigned(addr, vaddr) >= 0 && Long.compareUnsigned(addr - vaddr, filesz) < 0;
        }
    }

    /** Where the program headers are, from the ELF header ({@code start}: its first 64 bytes); null when it is no ELF file we read. */
    static long[] programHeaders(byte[] start, int len) {
        if (len < 52 || start[0] != 0x7f || start[1] != 'E' || start[2] != 'L' || start[3] != 'F') {
            return null;
        }
        int cls = start[4];
        int data = start[5];
        if ((cls != 1 && cls != 2) || (data != 1 && data != 2) || (cls == 2 && len < 64)) {
            return null;
        }
        boolean be = data == 2;
        boolean is64 = cls == 2;
        long phoff = is64 ? word(start, 32, 8, be) : word(start, 28, 4, be);
        int phentsize = (int) (is64 ? word(start, 54, 2, be) : word(start, 42, 2, be));
        int phnum = (int) (is64 ? word(start, 56, 2, be) : word(start, 44, 2, be));
        int want = is64 ? 56 : 32;
        if (phnum == 0 || phnum > MAX_PROGRAM_HEADERS || phentsize < want || phoff < 0) {
            return null;
        }
        return new long[] {phoff, phentsize, phnum, be ? 1 : 0, is64 ? 1 : 0};
    }

    /** The segments, from the program header table's bytes. */
    static Elf of(long[] where, byte[] table) {
        boolean be = where[3] == 1;
        boolean is64 = where[4] == 1;
        int size = (int) where[1];
        List<Segment> loads = new ArrayList<>();
        List<Segment> notes = new ArrayList<>();
        for (int i = 0; i < where[2]; i++) {
            int p = i * size;
            int type = (int) word(table, p, 4, be);
            long offset = is64 ? word(table, p + 8, 8, be) : word(table, p + 4, 4, be);
            long vaddr = is64 ? word(table, p + 16, 8, be) : word(table, p + 8, 4, be);
            long filesz = is64 ? word(table, p + 32, 8, be) : word(table, p + 16, 4, be);
            if (offset < 0 || filesz < 0) {
                continue; // beyond what a Java array could address: not a segment we can keep
            }
            if (type == PT_LOAD) {
                loads.add(new Segment(offset, vaddr, filesz));
            } else if (type == PT_NOTE) {
                notes.add(new Segment(offset, vaddr, filesz));
            }
        }
        return new Elf(be, is64, List.copyOf(loads), List.copyOf(notes));
    }

    /** An unsigned integer of {@code n} bytes (a 64-bit one may come out negative: callers check). */
    static long word(byte[] b, int p, int n, boolean bigEndian) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            int shift = bigEndian ? 8 * (n - 1 - i) : 8 * i;
            v |= (long) (b[p + i] & 0xff) << shift;
        }
        return v;
    }
}
