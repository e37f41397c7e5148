package dev.kubeward.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airlift.compress.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Images written by tests: layers of files, links and whiteouts, gzip, zstd or uncompressed, as an
 * OCI image layout, an OCI archive or a {@code docker save} archive, with real digests.
 */
public final class TestImages {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestImages() {}

    public enum Compression { NONE, GZIP, ZSTD }

    public static Layer layer() {
        return new Layer();
    }

    public static Builder image() {
        return new Builder();
    }

    /** One layer's tar entries, in order. */
    public static final class Layer {
        private record Entry(String name, byte type, byte[] content, String link, int mode) {}

        private final List<Entry> entries = new ArrayList<>();
        private Compression compression = Compression.GZIP;

        public Layer file(String path, String content) {
            return file(path, content.getBytes(StandardCharsets.UTF_8), 0644);
        }

        public Layer file(String path, byte[] content, int mode) {
            entries.add(new Entry(name(path), TarConstants.LF_NORMAL, content, null, mode));
            return this;
        }

        public Layer dir(String path) {
            entries.add(new Entry(name(path) + "/", TarConstants.LF_DIR, new byte[0], null, 0755));
            return this;
        }

        public Layer symlink(String path, String target) {
            entries.add(new Entry(name(path), TarConstants.LF_SYMLINK, new byte[0], target, 0777));
            return this;
        }

        public Layer hardlink(String path, String target) {
            entries.add(new Entry(name(path), TarConstants.LF_LINK, new byte[0], name(target), 0644));
            return this;
        }

        /** {@code .wh.NAME} beside the path. */
        public Layer whiteout(String path) {
            int slash = path.lastIndexOf('/');
            return file(path.substring(0, slash + 1) + ".wh." + path.substring(slash + 1), new byte[0], 0644);
        }

        /** {@code DIR/.wh..wh..opq}. */
        public Layer opaque(String dir) {
            return file(dir + "/.wh..wh..opq", new byte[0], 0644);
        }

        public Layer compression(Compression c) {
            this.compression = c;
            return this;
        }

        /** Names as image builders write them: relative, no leading slash. */
        private static String name(String path) {
            return path.startsWith("/") ? path.substring(1) : path;
        }

        public byte[] tar() throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                for (Entry e : entries) {
                    TarArchiveEntry t = new TarArchiveEntry(e.name(), e.type());
                    t.setMode(e.mode());
                    if (e.link() != null) {
                        t.setLinkName(e.link());
                    }
                    if (e.type() == TarConstants.LF_NORMAL) {
                        t.setSize(e.content().length);
                    }
                    tar.putArchiveEntry(t);
                    if (e.type() == TarConstants.LF_NORMAL) {
                        tar.write(e.content());
                    }
                    tar.closeArchiveEntry();
                }
            }
            return bytes.toByteArray();
        }

        public byte[] blob(byte[] tar) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            switch (compression) {
                case NONE -> out.write(tar);
                case GZIP -> {
                    try (GZIPOutputStream g = new GZIPOutputStream(out)) {
                        g.write(tar);
                    }
                }
                case ZSTD -> {
                    try (ZstdOutputStream z = new ZstdOutputStream(out)) {
                        z.write(tar);
                    }
                }
            }
            return out.toByteArray();
        }

        String mediaType() {
            return switch (compression) {
                case NONE -> "application/vnd.oci.image.layer.v1.tar";
                case GZIP -> "application/vnd.oci.image.layer.v1.tar+gzip";
                case ZSTD -> "application/vnd.oci.image.layer.v1.tar+zstd";
            };
        }
    }

    public static String sha256(byte[] b) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An image: layers, configuration and where to write it. */
    public static final class Builder {
        private final List<Layer> layers = new ArrayList<>();
        private final Map<String, String> labels = new LinkedHashMap<>();
        private String user;
        private String architecture = "amd64";

        public Builder layer(Layer l) {
            layers.add(l);
            return this;
        }

        public Builder label(String k, String v) {
            labels.put(k, v);
            return this;
        }

        public Builder user(String u) {
            this.user = u;
            return this;
        }

        public Builder architecture(String a) {
            this.architecture = a;
            return this;
        }

        /** The blobs of the image by digest, and the manifest's digest (written last into the map under "manifest"). */
        public Blobs blobs() throws IOException {
            Map<String, byte[]> blobs = new LinkedHashMap<>();
            ObjectNode config = JSON.createObjectNode();
            config.put("architecture", architecture).put("os", "linux");
            ObjectNode cfg = config.putObject("config");
            if (user != null) {
                cfg.put("User", user);
            }
            ObjectNode lab = cfg.putObject("Labels");
            labels.forEach(lab::put);
            ObjectNode rootfs = config.putObject("rootfs").put("type", "layers");
            ArrayNode diffIds = rootfs.putArray("diff_ids");
            ObjectNode manifest = JSON.createObjectNode();
            manifest.put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.manifest.v1+json");
            ArrayNode layerDescs = JSON.createArrayNode();
            List<byte[]> tars = new ArrayList<>();
            for (Layer l : layers) {
                byte[] tar = l.tar();
                tars.add(tar);
                byte[] blob = l.blob(tar);
                diffIds.add(sha256(tar));
                String d = sha256(blob);
                blobs.put(d, blob);
                layerDescs.addObject().put("mediaType", l.mediaType()).put("digest", d).put("size", blob.length);
            }
            byte[] configBytes = JSON.writeValueAsBytes(config);
            String cd = sha256(configBytes);
            blobs.put(cd, configBytes);
            manifest.putObject("config").put("mediaType", "application/vnd.oci.image.config.v1+json").put("digest", cd)
                    .put("size", configBytes.length);
            manifest.set("layers", layerDescs);
            byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
            String md = sha256(manifestBytes);
            blobs.put(md, manifestBytes);
            return new Blobs(blobs, md, manifestBytes.length, cd, configBytes, tars);
        }

        /** An OCI image layout in {@code dir}; the index names the image {@code refName} (null: no name). */
        public Blobs writeLayout(Path dir, String refName) throws IOException {
            Blobs b = blobs();
            b.writeLayout(dir, refName, null);
            return b;
        }

        /** A tar of an OCI image layout. */
        public Blobs writeOciArchive(Path file) throws IOException {
            Blobs b = blobs();
            Map<String, byte[]> files = b.layoutFiles("latest", null);
            writeTar(file, files);
            return b;
        }

        /** A {@code docker save} archive of the classic layout ({@code <id>/layer.tar}, {@code <config>.json}). */
        public Blobs writeDockerArchive(Path file, String repoTag) throws IOException {
            Blobs b = blobs();
            Map<String, byte[]> files = new LinkedHashMap<>();
            ArrayNode manifest = JSON.createArrayNode();
            ObjectNode m = manifest.addObject();
            String cfgName = b.configDigest.substring("sha256:".length()) + ".json";
            m.put("Config", cfgName);
            m.putArray("RepoTags").add(repoTag);
            ArrayNode ls = m.putArray("Layers");
            int i = 0;
            for (byte[] tar : b.tars) {
                String name = String.format("%064x", i++) + "/layer.tar";
                ls.add(name);
                files.put(name, tar);
            }
            files.put(cfgName, b.configBytes);
            files.put("manifest.json", JSON.writeValueAsBytes(manifest));
            writeTar(file, files);
            return b;
        }
    }

    /** The written image: every blob, the manifest digest and the uncompressed layer tars. */
    public record Blobs(Map<String, byte[]> byDigest, String manifestDigest, int manifestSize, String configDigest,
                        byte[] configBytes, List<byte[]> tars) {

        public Map<String, byte[]> layoutFiles(String refName, byte[] indexOverride) throws IOException {
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put("oci-layout", "{\"imageLayoutVersion\": \"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
            ObjectNode index = JSON.createObjectNode();
            index.put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.index.v1+json");
            ObjectNode desc = index.putArray("manifests").addObject();
            desc.put("mediaType", "application/vnd.oci.image.manifest.v1+json").put("digest", manifestDigest)
                    .put("size", manifestSize);
            if (refName != null) {
                desc.putObject("annotations").put("org.opencontainers.image.ref.name", refName);
            }
            files.put("index.json", indexOverride != null ? indexOverride : JSON.writeValueAsBytes(index));
            byDigest.forEach((d, b) -> files.put("blobs/sha256/" + d.substring("sha256:".length()), b));
            return files;
        }

        public void writeLayout(Path dir, String refName, byte[] indexOverride) throws IOException {
            for (Map.Entry<String, byte[]> e : layoutFiles(refName, indexOverride).entrySet()) {
                Path p = dir.resolve(e.getKey());
                Files.createDirectories(p.getParent());
                Files.write(p, e.getValue());
            }
        }

        /** The path of a blob in a layout written to {@code dir}. */
        public Path blobPath(Path dir, String digest) {
            return dir.resolve("blobs/sha256/" + digest.substring("sha256:".length()));
        }
    }

    static void writeTar(Path file, Map<String, byte[]> files) throws IOException {
        try (OutputStream o = Files.newOutputStream(file); TarArchiveOutputStream tar = new TarArchiveOutputStream(o)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                TarArchiveEntry t = new TarArchiveEntry(e.getKey());
                t.setSize(e.getValue().length);
                tar.putArchiveEntry(t);
                tar.write(e.getValue());
                tar.closeArchiveEntry();
            }
        }
    }
}
