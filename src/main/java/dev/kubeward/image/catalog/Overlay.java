package dev.kubeward.image.catalog;

import dev.kubeward.image.oci.LayerVisitor;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The files the catalogers need, as the merged filesystem of all layers has them: the union of the
 * layers the way overlayfs (and every container runtime) presents it. A path of a layer replaces the
 * same path below; a file, link or device replaces a directory below with everything in it; a
 * whiteout ({@code .wh.NAME}) deletes the path and all beneath it from the layers below, an opaque
 * marker ({@code .wh..wh..opq}) everything beneath its directory from the layers below. Neither
 * touches the layer it is in, whatever the order of its entries, because the layer's own entries are
 * kept apart until it ends.
 */
public final class Overlay implements LayerVisitor {
    /** What is kept at a path: a cataloger's reading of a file, or a symbolic link's target. */
    record Kept(Cataloger by, Object value, String linkTarget, int layer) {}

    private final List<Cataloger> catalogers;
    private final TreeMap<String, Kept> lower = new TreeMap<>();
    private final Map<String, Kept> current = new HashMap<>();
    private final List<String> problems = new ArrayList<>();
    private long files;
    private int layer = -1;

    public Overlay(List<Cataloger> catalogers) {
        this.catalogers = List.copyOf(catalogers);
    }

    @Override
    public void layer(int index, int count) {
        flush();
        layer = index;
    }

    private void flush() {
        lower.putAll(current);
        current.clear();
    }

    private static void removeTree(NavigableMap<String, Kept> map, String path) {
        map.remove(path);
        String prefix = path.equals("/") ? "/" : path + "/";
        map.subMap(prefix, true, prefix.substring(0, prefix.length() - 1) + "0", false).clear();
    }

    @Override
    public void whiteout(String path) {
        removeTree(lower, path);
    }

    @Override
    public void opaque(String dir) {
        String prefix = dir.equals("/") ? "/" : dir + "/";
        lower.subMap(prefix, true, prefix.substring(0, prefix.length() - 1) + "0", false).clear();
    }

    @Override
    public void directory(String path) {
        // A directory over a file of a lower layer replaces the file; over a directory, it merges.
        lower.remove(path);
        current.remove(path);
    }

    @Override
    public void file(String path, long size, int mode, InputStream content) throws IOException {
        Read r = read(catalogers, path, size, mode, content, layer);
        putFile(path, r.kept(), r.problem());
    }

    /** What the catalogers keep of a file (a kept value, or a problem, or neither). */
    private record Read(Kept kept, String problem) {
        static final Read NOTHING = new Read(null, null);
    }

    private static Read read(List<Cataloger> catalogers, String path, long size, int mode, InputStream content, int layer)
            throws IOException {
        for (Cataloger c : catalogers) {
            if (c.wants(path, size, mode)) {
                try {
                    Object v = c.read(path, size, content);
                    return v == null ? Read.NOTHING : new Read(new Kept(c, v, null, layer), null);
                } catch (CatalogException e) {
                    return new Read(null, path + ": " + e.getMessage());
                }
            }
        }
        return Read.NOTHING;
    }

    private void putFile(String path, Kept kept, String problem) {
        files++;
        replace(path);
        if (kept != null) {
            current.put(path, kept);
        }
        if (problem != null) {
            problems.add(problem);
        }
    }

    private void replace(String path) {
        removeTree(lower, path);
        current.remove(path);
    }

    @Override
    public void symlink(String path, String target) {
        replace(path);
        for (Cataloger c : catalogers) {
            if (c.wantsLink(path)) {
                current.put(path, new Kept(c, null, target, layer));
                return;
            }
        }
    }

    /**
     * A visitor for one layer read apart from the others, on any thread ({@code Image.walk} with
     * threads): the catalogers read its files as they stream by, and what the layer holds is
     * recorded in its order, to be {@linkplain #apply applied} to this overlay later, layer by
     * layer from the base up. Applying the readings of layers 0..n in order gives the overlay that
     * visiting them one by one gives.
     */
    public LayerReading reading() {
        return new LayerReading(catalogers);
    }

    /** Applies one layer's reading, as if its entries were visited now; layers must come in order, base first. */
    public void apply(LayerReading r) {
        layer(r.index, r.count);
        for (LayerReading.Op op : r.ops) {
            switch (op.kind()) {
                case WHITEOUT -> whiteout(op.path());
                case OPAQUE -> opaque(op.path());
                case DIRECTORY -> directory(op.path());
                case FILE -> putFile(op.path(), op.kept(), op.target());
                case SYMLINK -> symlink(op.path(), op.target());
                case HARDLINK -> hardlink(op.path(), op.target());
                case OTHER -> other(op.path());
            }
        }
    }

    /** One layer's entries, in order, with what the catalogers read of its files. */
    public static final class LayerReading implements LayerVisitor {
        enum Kind { WHITEOUT, OPAQUE, DIRECTORY, FILE, SYMLINK, HARDLINK, OTHER }

        /** An entry; for a file, {@code target} is the problem reading it, if any. */
        record Op(Kind kind, String path, String target, Kept kept) {}

        private final List<Cataloger> catalogers;
        private final List<Op> ops = new ArrayList<>();
        private int index = -1;
        private int count;

        private LayerReading(List<Cataloger> catalogers) {
            this.catalogers = catalogers;
        }

        @Override
        public void layer(int index, int count) {
            this.index = index;
            this.count = count;
        }

        @Override
        public void whiteout(String path) {
            ops.add(new Op(Kind.WHITEOUT, path, null, null));
        }

        @Override
        public void opaque(String dir) {
            ops.add(new Op(Kind.OPAQUE, dir, null, null));
        }

        @Override
        public void directory(String path) {
            ops.add(new Op(Kind.DIRECTORY, path, null, null));
        }

        @Override
        public void file(String path, long size, int mode, InputStream content) throws IOException {
            Read r = read(catalogers, path, size, mode, content, index);
            ops.add(new Op(Kind.FILE, path, r.problem(), r.kept()));
        }

        @Override
        public void symlink(String path, String target) {
            ops.add(new Op(Kind.SYMLINK, path, target, null));
        }

        @Override
        public void hardlink(String path, String target) {
            ops.add(new Op(Kind.HARDLINK, path, target, null));
        }

        @Override
        public void other(String path) {
            ops.add(new Op(Kind.OTHER, path, null, null));
        }
    }

    @Override
    public void hardlink(String path, String target) {
        replace(path);
        Kept t = current.containsKey(target) ? current.get(target) : lower.get(target);
        if (t != null && t.linkTarget() == null && t.by().wants(path, -1, 0755)) {
            current.put(path, new Kept(t.by(), t.value(), null, layer));
        }
    }

    @Override
    public void other(String path) {
        replace(path);
    }

    /** How many regular files the layers held (every layer counted). */
    public long fileCount() {
        return files;
    }

    /** Files that a cataloger could not read (too large, malformed), with the reason. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** The kept files of the merged filesystem, after the last layer. */
    public FileView view() {
        flush();
        return new FileView(new TreeMap<>(lower));
    }

    /** Used by catalogers to refuse a file: the file is said in the problems and the scan goes on. */
    public static final class CatalogException extends IOException {
        private static final long serialVersionUID = 1L;

        public CatalogException(String message) {
            super(message);
        }
    }
}
