package dev.kubeward.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes the large image of issue 20's target as an OCI image layout: about MEGABYTES (default 500)
 * of gzip layer blobs holding 1,500 packages (a Debian 12 base with 700 dpkg packages, 300 npm
 * packages, 250 Python distributions, 250 Maven jars) and incompressible filler files (binaries,
 * as real images carry), in four layers, seeded so every run writes the same bytes. Layers are
 * streamed to disk (nothing held in memory), digests computed as they are written.
 *
 * <p>Usage: {@code LargeImageGenerator DIR [MEGABYTES]}
 */
public final class LargeImageGenerator {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LargeImageGenerator() {}

    /** A layer being written: the tar inside gzip inside the blob's digest. */
    private static final class LayerWriter implements AutoCloseable {
        final Path tmp;
        final DigestOutputStream blob;
        final DigestOutputStream diff;
        final TarArchiveOutputStream tar;

        LayerWriter(Path dir) throws Exception {
            tmp = Files.createTempFile(dir, "layer", ".tmp");
            blob = new DigestOutputStream(Files.newOutputStream(tmp), MessageDigest.getInstance("SHA-256"));
            GZIPOutputStream gz = new GZIPOutputStream(blob, 1 << 16);
            diff = new DigestOutputStream(gz, MessageDigest.getInstance("SHA-256"));
            tar = new TarArchiveOutputStream(diff);
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        }

        void file(String path, byte[] content) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(path);
            e.setSize(content.length);
            e.setMode(0644);
            tar.putArchiveEntry(e);
            tar.write(content);
            tar.closeArchiveEntry();
        }

        @Override
        public void close() throws IOException {
            tar.close();
        }
    }

    record Written(String digest, long size, String diffId) {}

    private static Written finish(LayerWriter w, Path blobs) throws IOException {
        w.close();
        String d = HexFormat.of().formatHex(w.blob.getMessageDigest().digest());
        String diff = HexFormat.of().formatHex(w.diff.getMessageDigest().digest());
        Path target = blobs.resolve(d);
        Files.move(w.tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return new Written("sha256:" + d, Files.size(target), "sha256:" + diff);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] jar(String group, String artifact, String version) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            z.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            z.write(utf8("Manifest-Version: 1.0\nImplementation-Title: " + artifact + "\nImplementation-Version: " + version + "\n"));
            z.putNextEntry(new ZipEntry("META-INF/maven/" + group + "/" + artifact + "/pom.properties"));
            z.write(utf8("groupId=" + group + "\nartifactId=" + artifact + "\nversion=" + version + "\n"));
            z.putNextEntry(new ZipEntry(artifact.replace('-', '/') + "/Main.class"));
            z.write(new byte[2048]);
        }
        return b.toByteArray();
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long megabytes = args.length > 1 ? Long.parseLong(args[1]) : 500;
        Path blobs = Files.createDirectories(dir.resolve("blobs/sha256"));
        Random random = new Random(20);
        List<Written> layers = new ArrayList<>();
        long fillerPerLayer = megabytes * (1L << 20) / 4;
        byte[] chunk = new byte[1 << 20];
        for (int layer = 0; layer < 4; layer++) {
            try (LayerWriter w = new LayerWriter(dir)) {
                if (layer == 0) {
                    w.file("etc/os-release", utf8("PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\n"
                            + "VERSION_ID=\"12\"\nID=debian\n"));
                    StringBuilder status = new StringBuilder();
                    for (int i = 0; i < 700; i++) {
                        status.append("Package: lib").append(i).append("\nStatus: install ok installed\nPriority: optional\n")
                                .append("Architecture: amd64\nSource: src").append(i / 3).append("\nVersion: ").append(1 + i % 7)
                                .append('.').append(i).append("-").append(1 + i % 3).append("\nDescription: package ").append(i)
                                .append("\n\n");
                        w.file("var/lib/dpkg/info/lib" + i + ".list", utf8("/usr/lib/x86_64-linux-gnu/lib" + i + ".so.1\n"));
                    }
                    w.file("var/lib/dpkg/status", utf8(status.toString()));
                } else if (layer == 1) {
                    for (int i = 0; i < 300; i++) {
                        w.file("usr/lib/node_modules/mod" + i + "/package.json",
                                utf8("{\"name\":\"mod" + i + "\",\"version\":\"" + (i % 5) + "." + i + ".0\",\"license\":\"MIT\"}"));
                        w.file("usr/lib/node_modules/mod" + i + "/index.js", utf8("module.exports = " + i + ";\n"));
                    }
                } else if (layer == 2) {
                    for (int i = 0; i < 250; i++) {
                        w.file("usr/local/lib/python3.11/site-packages/pkg" + i + "-1." + i + ".dist-info/METADATA",
                                utf8("Metadata-Version: 2.1\nName: pkg" + i + "\nVersion: 1." + i + "\nSummary: package " + i + "\n"));
                    }
                } else {
                    for (int i = 0; i < 250; i++) {
                        w.file("opt/app/lib/art" + i + "-2." + i + ".jar", jar("org.example" + (i % 10), "art" + i, "2." + i));
                    }
                }
                long written = 0;
                int n = 0;
                while (written < fillerPerLayer) {
                    int size = (int) Math.min(fillerPerLayer - written, (1 + random.nextInt(4)) * (1L << 19));
                    TarArchiveEntry e = new TarArchiveEntry("usr/share/filler/l" + layer + "/blob" + (n++) + ".bin");
                    e.setSize(size);
                    e.setMode(0755);
                    w.tar.putArchiveEntry(e);
                    for (int left = size; left > 0; ) {
                        random.nextBytes(chunk);
                        int k = Math.min(left, chunk.length);
                        w.tar.write(chunk, 0, k);
                        left -= k;
                    }
                    w.tar.closeArchiveEntry();
                    written += size;
                }
                w.tar.finish();
                layers.add(finish(w, blobs));
            }
        }
        ObjectNode config = JSON.createObjectNode().put("architecture", "amd64").put("os", "linux");
        config.putObject("config").put("User", "1000");
        ArrayNode diffIds = config.putObject("rootfs").put("type", "layers").putArray("diff_ids");
        ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        ArrayNode ls = manifest.putArray("layers");
        long total = 0;
        for (Written l : layers) {
            diffIds.add(l.diffId());
            ls.addObject().put("mediaType", "application/vnd.oci.image.layer.v1.tar+gzip").put("digest", l.digest()).put("size", l.size());
            total += l.size();
        }
        byte[] cfg = JSON.writeValueAsBytes(config);
        String cfgDigest = write(blobs, cfg);
        manifest.putObject("config").put("mediaType", "application/vnd.oci.image.config.v1+json").put("digest", cfgDigest)
                .put("size", cfg.length);
        byte[] m = JSON.writeValueAsBytes(manifest);
        String md = write(blobs, m);
        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2);
        index.putArray("manifests").addObject().put("mediaType", "application/vnd.oci.image.manifest.v1+json").put("digest", md)
                .put("size", m.length).putObject("annotations").put("org.opencontainers.image.ref.name", "large:1.0");
        Files.write(dir.resolve("index.json"), JSON.writeValueAsBytes(index));
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        System.out.printf("%s: 4 layers, %.0f MB of layer blobs, 1,500 packages%n", dir, total / 1048576.0);
    }

    private static String write(Path blobs, byte[] b) throws Exception {
        String d = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        Files.write(blobs.resolve(d), b);
        return "sha256:" + d;
    }
}
