package dev.kubeward.image.oci;

import dev.kubeward.model.UnixPath;

/** Parts of clean paths in an image ({@link UnixPath#clean} makes them), and symbolic links resolved among them. */
public final class Paths {
    private Paths() {}

    /** The directory of a clean path ({@code /} for a top-level one). */
    public static String parent(String clean) {
        int slash = clean.lastIndexOf('/');
        return slash <= 0 ? "/" : clean.substring(0, slash);
    }

    /** The last part of a clean path. */
    public static String fileName(String clean) {
        return clean.substring(clean.lastIndexOf('/') + 1);
    }

    /** {@code target} of a symbolic link at {@code link}, as a clean absolute path (an absolute target is from the root). */
    public static String resolveLink(String link, String target) {
        return target.startsWith("/") ? UnixPath.clean(target) : UnixPath.clean(parent(link) + "/" + target);
    }
}
