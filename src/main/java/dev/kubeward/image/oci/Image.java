package dev.kubeward.image.oci;

import dev.kubeward.model.UnixPath;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import io.airlift.compress.zstd.ZstdInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * One image: its manifest, its configuration and its layers, read from an OCI image layout, an
 * archive of one, a {@code docker save} archive or a registry ({@link ImageLoader}). Nothing is
 * unpacked: {@link #walk} streams each layer through its digest check and its decompressor into a
 * tar reader and tells a {@link LayerVisitor} what each entry is.
 */
public final class Image implements Closeable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One layer: the blob's digest and size (what the manifest says), and the digest of its uncompressed tar. */
    public record Layer(Digest digest, String mediaType, long size, String path, Digest diffId) {}

    private final String reference;
    private final String name;
    private final Digest manifestDigest;
    private final Digest configDigest;
    private final JsonNode config;
    private final List<Layer> layers;
    private final Map<String, String> annotations;
    private final BlobSource source;

    Image(String reference, String name, Digest manifestDigest, Digest configDigest, JsonNode config, List<Layer> layers,
          Map<String, String> annotations, BlobSource source) {
        this.reference = reference;
        this.name = name;
        this.manifestDigest = manifestDigest;
        this.configDigest = configDigest;
        this.config = config;
        this.layers = List.copyOf(layers);
        this.annotations = Map.copyOf(annotations);
        this.source = source;
    }

    /** The reference as the user gave it ({@code oci:build/layout:v1}). */
    public String reference() {
        return reference;
    }

    /** The image's name when the source gives one (an OCI ref name, a docker-archive tag), else null. */
    public String name() {
        return name;
    }

    /** The manifest's digest (the image's identity in a registry), or null for a docker-archive (use the config digest). */
    public Digest manifestDigest() {
        return manifestDigest;
    }

    /** The configuration blob's digest (docker's image id). */
    public Digest configDigest() {
        return configDigest;
    }

    /** The image configuration (architecture, os, config.User, config.Labels, rootfs.diff_ids, …). */
    public JsonNode config() {
        return config;
    }

    public List<Layer> layers() {
        return layers;
    }

    /** The manifest's annotations. */
    public Map<String, String> annotations() {
        return annotations;
    }

    /** The configuration's labels ({@code config.Labels}). */
    public Map<String, String> labels() {
        Map<String, String> out = new TreeMap<>();
        config.path("config").path("Labels").fields().forEachRemaining(e -> {
            if (e.getValue().isTextual()) {
                out.put(e.getKey(), e.getValue().textValue());
            }
        });
        return out;
    }

    /**
     * Reads every layer from the base up and tells the visitor what it holds. Each layer's blob is
     * checked against its digest (the manifest's; for a docker-archive, the configuration's
     * {@code rootfs.diff_ids}) after it has been read to its very end; a mismatch fails the walk.
     */
    public void walk(LayerVisitor visitor) throws ImageException {
        for (int i = 0; i < layers.size(); i++) {
            visitor.layer(i, layers.size());
            readLayer(i, visitor);
        }
    }

    /**
     * Reads the layers on up to {@code threads} threads at once, each into the visitor
     * {@code reader} gives for it, and hands each layer's visitor to {@code apply} on the calling
     * thread in layer order, base first, once that layer and every one below it have been read
     * (so a later layer's whiteouts apply after what they hide). Reading a layer is its digest,
     * its decompression and its tar: on an image of several large layers these are what a scan
     * costs, and they are independent. The first layer that fails (in layer order) fails the walk;
     * the layers still being read are then abandoned.
     *
     * @param reader  the visitor for layer i (told {@link LayerVisitor#layer} before anything else)
     * @param apply   called with i and its reader, in order
     * @param threads at most this many layers read at once (1 reads them one by one on the calling thread)
     */
    public <V extends LayerVisitor> void walk(java.util.function.IntFunction<V> reader,
                                              java.util.function.ObjIntConsumer<V> apply, int threads) throws ImageException {
        int n = layers.size();
        if (threads <= 1 || n <= 1) {
            for (int i = 0; i < n; i++) {
                V v = reader.apply(i);
                v.layer(i, n);
                readLayer(i, v);
                apply.accept(v, i);
            }
            return;
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(Math.min(threads, n), r -> {
            Thread t = new Thread(r, "kubeward-layer");
            t.setDaemon(true);
            return t;
        });
        try {
            List<java.util.concurrent.Future<V>> read = new java.util.ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int index = i;
                read.add(pool.submit(() -> {
                    V v = reader.apply(index);
                    v.layer(index, n);
                    readLayer(index, v);
                    return v;
                }));
            }
            for (int i = 0; i < n; i++) {
                V v;
                try {
                    v = read.get(i).get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof ImageException ie) {
                        throw ie;
                    }
                    throw new ImageException(source.name() + ": layer " + (i + 1) + " of " + n + ": " + e.getCause(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ImageException(source.name() + ": interrupted while reading layer " + (i + 1) + " of " + n, e);
                }
                apply.accept(v, i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void readLayer(int i, LayerVisitor visitor) throws ImageException {
        Layer l = layers.get(i);
        String what = source.name() + ": layer " + (i + 1) + " of " + layers.size() + " (" + l.path() + ")";
        try (InputStream raw = source.open(l.path())) {
            walkLayer(raw, l, what, visitor);
        } catch (VerifyingInputStream.BlobMismatchException e) {
            throw new ImageException(e.getMessage(), e);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ImageException(what + ": the blob is missing");
        } catch (IOException e) {
            throw new ImageException(what + ": unreadable (" + e.getMessage() + ")", e);
        }
    }

    private static void walkLayer(InputStream raw, Layer l, String what, LayerVisitor visitor) throws IOException {
        VerifyingInputStream blob = l.digest() == null ? null : new VerifyingInputStream(raw, l.digest(), l.size(), what);
        try {
            BufferedInputStream buffered = new BufferedInputStream(blob == null ? raw : blob, 65536);
            InputStream tarBytes = decompress(buffered);
            VerifyingInputStream diff = l.digest() == null && l.diffId() != null
                    ? new VerifyingInputStream(tarBytes, l.diffId(), -1, what) : null;
            InputStream tarIn = diff == null ? tarBytes : diff;
            TarArchiveInputStream tar = new TarArchiveInputStream(tarIn);
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                entry(e, tar, visitor);
            }
            // The rest of the stream (the tar's padding, a compressor's trailer) is part of the blob.
            byte[] buf = new byte[65536];
            while (tarIn.read(buf) >= 0) {
                // digesting
            }
            if (blob != null) {
                blob.drain();
            }
        } catch (VerifyingInputStream.BlobMismatchException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // A corrupt blob usually breaks the decompressor or the tar reader first: its digest says why.
            if (blob != null) {
                blob.drain();
            }
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    /** gzip and zstd by their magic numbers (a docker-archive has no media types), else an uncompressed tar. */
    static InputStream decompress(BufferedInputStream in) throws IOException {
        in.mark(4);
        int b0 = in.read();
        int b1 = in.read();
        int b2 = in.read();
        int b3 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new GZIPInputStream(in, 65536);
        }
        if (b0 == 0x28 && b1 == 0xb5 && b2 == 0x2f && b3 == 0xfd) {
            return new BufferedInputStream(new ZstdInputStream(in), 65536);
        }
        return in;
    }

    private static void entry(TarArchiveEntry e, InputStream content, LayerVisitor visitor) throws IOException {
        String path = UnixPath.clean(e.getName());
        if (path.equals("/")) {
            return;
        }
        String base = Paths.fileName(path);
        if (base.startsWith(".wh.")) {
            String dir = Paths.parent(path);
            if (base.equals(".wh..wh..opq")) {
                visitor.opaque(dir);
            } else {
                String hidden = base.substring(4);
                if (!hidden.isEmpty()) {
                    visitor.whiteout(dir.equals("/") ? "/" + hidden : dir + "/" + hidden);
                }
            }
            return;
        }
        if (e.isDirectory()) {
            visitor.directory(path);
        } else if (e.isSymbolicLink()) {
            visitor.symlink(path, e.getLinkName());
        } else if (e.isLink()) {
            visitor.hardlink(path, UnixPath.clean(e.getLinkName()));
        } else if (e.isFile()) {
            visitor.file(path, e.getSize(), e.getMode() & 07777, content);
        } else {
            visitor.other(path);
        }
    }

    /** Reads a small JSON blob (a manifest, an index, a configuration), checking its digest when one is given. */
    static JsonNode readJson(BlobSource source, String path, Digest digest, String what) throws ImageException {
        byte[] bytes;
        try (InputStream in = source.open(path)) {
            bytes = in.readNBytes((int) ImageLoader.MAX_JSON + 1);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ImageException(source.name() + ": " + what + " " + path + " is missing");
        } catch (IOException e) {
            throw new ImageException(source.name() + ": " + what + " " + path + " is unreadable (" + e.getMessage() + ")", e);
        }
        if (bytes.length > ImageLoader.MAX_JSON) {
            throw new ImageException(source.name() + ": " + what + " " + path + " is more than the "
                    + ImageLoader.MAX_JSON + " bytes a manifest or configuration may be");
        }
        if (digest != null && !digest.matches(bytes)) {
            throw new ImageException(source.name() + ": " + what + " " + path + " does not have the digest " + digest
                    + " that names it: the blob is corrupt or was tampered with");
        }
        try {
            return JSON.readTree(bytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ImageException(source.name() + ": " + what + " " + path + " is not JSON ("
                    + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new ImageException(source.name() + ": " + what + " " + path + " is unreadable (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
