package dev.kubeward.image.oci;

import java.io.IOException;
import java.io.InputStream;

/**
 * What an image's filesystem is made of, layer by layer, as {@link Image#walk} reads it (and
 * {@link RootFs} for an unpacked directory, as one layer). Paths are absolute and clean
 * ({@code /etc/os-release}): no {@code .} or {@code ..} parts, nothing outside the root. Whiteouts are
 * given as what they mean, not as the {@code .wh.} files that carry them: they remove paths of the
 * layers below, never of the layer they are in.
 */
public interface LayerVisitor {
    /** A layer starts ({@code index} from 0 at the base). */
    void layer(int index, int count);

    /** {@code .wh.NAME}: the path and everything under it are deleted from the layers below. */
    void whiteout(String path);

    /** {@code DIR/.wh..wh..opq}: everything under the directory from the layers below is deleted. */
    void opaque(String dir);

    void directory(String path);

    /**
     * A regular file; {@code content} may be read (or not) before the call returns, never after.
     *
     * @param mode the permission bits ({@code 0755})
     */
    void file(String path, long size, int mode, InputStream content) throws IOException;

    void symlink(String path, String target);

    /** A hard link to {@code target}, a file of this layer or of one below. */
    void hardlink(String path, String target);

    /** A device, a FIFO or another kind of entry: it hides what the layers below have at that path. */
    void other(String path);
}
