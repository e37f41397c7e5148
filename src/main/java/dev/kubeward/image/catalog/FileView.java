package dev.kubeward.image.catalog;

import dev.kubeward.image.oci.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;

/** The files kept by the catalogers in the merged filesystem, by clean absolute path. */
public final class FileView {
    private final SortedMap<String, Overlay.Kept> kept;

    FileView(SortedMap<String, Overlay.Kept> kept) {
        this.kept = kept;
    }

    /** What the cataloger kept at {@code path}, symbolic links followed (up to 16), or null. */
    public Object get(String path) {
        String p = path;
        for (int hops = 0; hops < 16; hops++) {
            Overlay.Kept k = kept.get(p);
            if (k == null) {
                return null;
            }
            if (k.linkTarget() == null) {
                return k.value();
            }
            p = Paths.resolveLink(p, k.linkTarget());
        }
        return null;
    }

    /** The index of the layer (from 0 at the base) that last wrote the file at {@code path} (links not followed), or -1. */
    public int layerOf(String path) {
        Overlay.Kept k = kept.get(path);
        return k == null ? -1 : k.layer();
    }

    /** Everything a cataloger kept, by path, in path order (links left out). */
    public Map<String, Object> keptBy(Cataloger c) {
        Map<String, Object> out = new LinkedHashMap<>();
        kept.forEach((p, k) -> {
            if (k.by() == c && k.linkTarget() == null) {
                out.put(p, k.value());
            }
        });
        return out;
    }
}
