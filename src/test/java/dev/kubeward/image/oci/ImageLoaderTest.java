package dev.kubeward.image.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.image.TestImages;
import dev.kubeward.image.TestImages.Compression;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageLoaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** Records the files of every layer as "layer path". */
    static final class Recorder implements LayerVisitor {
        final List<String> seen = new ArrayList<>();
        int layer;

        @Override
        public void layer(int index, int count) {
            layer = index;
        }

        @Override
        public void whiteout(String path) {
            seen.add(layer + " whiteout " + path);
        }

        @Override
        public void opaque(String dir) {
            seen.add(layer + " opaque " + dir);
        }

        @Override
        public void directory(String path) {}

        @Override
        public void file(String path, long size, int mode, InputStream content) throws IOException {
            seen.add(layer + " " + path + "=" + new String(content.readAllBytes(), StandardCharsets.UTF_8));
        }

        @Override
        public void symlink(String path, String target) {
            seen.add(layer + " " + path + "->" + target);
        }

        @Override
        public void hardlink(String path, String target) {}

        @Override
        public void other(String path) {}
    }

    private static TestImages.Builder twoLayers(Compression c) {
        return TestImages.image()
                .layer(TestImages.layer().file("/etc/a", "1").file("/etc/b", "1").compression(c))
                .layer(TestImages.layer().whiteout("/etc/b").opaque("/var").symlink("/x", "/etc/a").compression(Compression.NONE))
                .label("org.opencontainers.image.source", "https://github.com/example/app");
    }

    private static List<String> walk(String ref, Path cwd) throws Exception {
        Recorder r = new Recorder();
        try (Image image = ImageLoader.open(ref, cwd, null)) {
            image.walk(r);
        }
        return r.seen;
    }

    /** The same, each layer read into its own Recorder on up to {@code threads} threads, applied in order. */
    private static List<String> walk(String ref, Path cwd, int threads) throws Exception {
        List<String> seen = new ArrayList<>();
        List<Integer> applied = new ArrayList<>();
        try (Image image = ImageLoader.open(ref, cwd, null)) {
            image.walk(i -> new Recorder(), (r, i) -> {
                applied.add(i);
                seen.addAll(r.seen);
            }, threads);
        }
        assertThat(applied).as("applied in layer order").isSorted().doesNotHaveDuplicates();
        return seen;
    }

    private static final List<String> EXPECTED = List.of("0 /etc/a=1", "0 /etc/b=1", "1 whiteout /etc/b", "1 opaque /var", "1 /x->/etc/a");

    @Test
    void layoutsArchivesAndDockerSavesReadTheSame() throws Exception {
        for (Compression c : Compression.values()) {
            Path dir = tmp.resolve("layout-" + c);
            twoLayers(c).writeLayout(dir, "v1");
            assertThat(walk("oci:" + dir, tmp)).as("layout " + c).isEqualTo(EXPECTED);
            assertThat(walk("oci:" + dir + ":v1", tmp)).as("layout by name " + c).isEqualTo(EXPECTED);
            Path archive = tmp.resolve("oci-" + c + ".tar");
            twoLayers(c).writeOciArchive(archive);
            assertThat(walk("oci-archive:" + archive, tmp)).as("archive " + c).isEqualTo(EXPECTED);
            for (int threads = 1; threads <= 3; threads++) {
                assertThat(walk("oci:" + dir, tmp, threads)).as("layout " + c + ", " + threads + " threads").isEqualTo(EXPECTED);
                assertThat(walk("oci-archive:" + archive, tmp, threads)).as("archive " + c + ", " + threads + " threads")
                        .isEqualTo(EXPECTED);
            }
        }
        Path docker = tmp.resolve("docker.tar");
        twoLayers(Compression.NONE).writeDockerArchive(docker, "example/app:1.0");
        assertThat(walk("docker-archive:docker.tar", tmp)).isEqualTo(EXPECTED);
        try (Image image = ImageLoader.open("docker-archive:" + docker, tmp, null)) {
            assertThat(image.name()).isEqualTo("example/app:1.0");
            assertThat(image.labels()).containsEntry("org.opencontainers.image.source", "https://github.com/example/app");
        }
    }

    @Test
    void aTamperedLayerIsRefusedWithItsDigest() throws Exception {
        Path dir = tmp.resolve("layout");
        TestImages.Blobs b = twoLayers(Compression.GZIP).writeLayout(dir, "v1");
        String first = JSON.readTree(b.byDigest().get(b.manifestDigest())).path("layers").path(0).path("digest").asText();
        byte[] evil = TestImages.layer().file("/etc/a", "evil").compression(Compression.GZIP).tar();
        // Same size, other content: only the digest can tell.
        byte[] original = Files.readAllBytes(b.blobPath(dir, first));
        byte[] same = java.util.Arrays.copyOf(original, original.length);
        same[same.length / 2] ^= 1;
        Files.write(b.blobPath(dir, first), same);
        assertThatThrownBy(() -> walk("oci:" + dir, tmp)).isInstanceOf(ImageException.class)
                .hasMessageContaining("layer 1 of 2").hasMessageContaining("content digest is sha256:")
                .hasMessageContaining("not " + first);
        Files.write(b.blobPath(dir, first), evil);
        assertThatThrownBy(() -> walk("oci:" + dir, tmp)).isInstanceOf(ImageException.class)
                .hasMessageContaining("layer 1 of 2").hasMessageContaining("its descriptor gives");
    }

    @Test
    void layersReadAtOnceFailOnTheLowestBadLayerAndApplyNothingAboveIt() throws Exception {
        Path dir = tmp.resolve("layout3");
        TestImages.Blobs b = TestImages.image()
                .layer(TestImages.layer().file("/a", "1").compression(Compression.GZIP))
                .layer(TestImages.layer().file("/b", "2").compression(Compression.ZSTD))
                .layer(TestImages.layer().file("/c", "3").compression(Compression.NONE))
                .writeLayout(dir, null);
        JsonNode layers = JSON.readTree(b.byDigest().get(b.manifestDigest())).path("layers");
        for (int i : new int[] {1, 2}) {
            Path blob = b.blobPath(dir, layers.path(i).path("digest").asText());
            byte[] bytes = Files.readAllBytes(blob);
            bytes[bytes.length - 1] ^= 1;
            Files.write(blob, bytes);
        }
        for (int t = 1; t <= 3; t++) {
            int threads = t;
            List<Integer> applied = new ArrayList<>();
            try (Image image = ImageLoader.open("oci:" + dir, tmp, null)) {
                assertThatThrownBy(() -> image.walk(i -> new Recorder(), (r, i) -> applied.add(i), threads))
                        .isInstanceOf(ImageException.class).hasMessageContaining("layer 2 of 3");
            }
            assertThat(applied).as(threads + " threads").containsExactly(0);
        }
    }

    @Test
    void aLayerOfTheRightSizeButOtherBytesFailsOnTheDigest() throws Exception {
        Path dir = tmp.resolve("layout");
        TestImages.Blobs b = TestImages.image().layer(TestImages.layer().file("/etc/a", "1").compression(Compression.NONE))
                .writeLayout(dir, null);
        String first = JSON.readTree(b.byDigest().get(b.manifestDigest())).path("layers").path(0).path("digest").asText();
        byte[] tar = Files.readAllBytes(b.blobPath(dir, first));
        String s = new String(tar, StandardCharsets.ISO_8859_1);
        int at = s.indexOf("1", 512);
        tar[at] = '2';
        Files.write(b.blobPath(dir, first), tar);
        assertThatThrownBy(() -> walk("oci:" + dir, tmp)).isInstanceOf(ImageException.class)
                .hasMessageContaining("content digest is sha256:").hasMessageContaining("not " + first);
    }

    @Test
    void aTamperedDockerLayerFailsOnItsDiffId() throws Exception {
        Path docker = tmp.resolve("docker.tar");
        TestImages.Builder img = TestImages.image().layer(TestImages.layer().file("/etc/a", "1").compression(Compression.NONE));
        TestImages.Blobs b = img.writeDockerArchive(docker, "x:1");
        byte[] bytes = Files.readAllBytes(docker);
        String s = new String(bytes, StandardCharsets.ISO_8859_1);
        // The file's content inside the nested layer tar.
        int name = s.indexOf("etc/a");
        int content = s.indexOf('1', name + 512 - (name % 512));
        bytes[content] = '2';
        Files.write(docker, bytes);
        assertThat(b.tars()).hasSize(1);
        assertThatThrownBy(() -> walk("docker-archive:" + docker, tmp)).isInstanceOf(ImageException.class)
                .hasMessageContaining("content digest is");
    }

    @Test
    void aTamperedConfigurationOrManifestIsRefused() throws Exception {
        Path dir = tmp.resolve("layout");
        TestImages.Blobs b = twoLayers(Compression.GZIP).writeLayout(dir, "v1");
        Files.writeString(b.blobPath(dir, b.configDigest()), "{\"rootfs\": {}}");
        assertThatThrownBy(() -> walk("oci:" + dir, tmp)).isInstanceOf(ImageException.class)
                .hasMessageContaining("image configuration").hasMessageContaining("does not have the digest " + b.configDigest());
    }

    @Test
    void aMissingBlobIsNamed() throws Exception {
        Path dir = tmp.resolve("layout");
        TestImages.Blobs b = twoLayers(Compression.GZIP).writeLayout(dir, "v1");
        String first = JSON.readTree(b.byDigest().get(b.manifestDigest())).path("layers").path(0).path("digest").asText();
        Files.delete(b.blobPath(dir, first));
        assertThatThrownBy(() -> walk("oci:" + dir, tmp)).isInstanceOf(ImageException.class)
                .hasMessageContaining("layer 1 of 2").hasMessageContaining("missing");
    }

    @Test
    void severalImagesInALayoutNeedAName() throws Exception {
        Path dir = tmp.resolve("layout");
        TestImages.Blobs a = twoLayers(Compression.GZIP).writeLayout(dir, "a");
        TestImages.Blobs b = TestImages.image().layer(TestImages.layer().file("/b", "b")).writeLayout(dir, "b");
        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2);
        ArrayNode ms = index.putArray("manifests");
        ms.addObject().put("mediaType", "application/vnd.oci.image.manifest.v1+json").put("digest", a.manifestDigest())
                .put("size", a.manifestSize()).putObject("annotations").put("org.opencontainers.image.ref.name", "a");
        ms.addObject().put("mediaType", "application/vnd.oci.image.manifest.v1+json").put("digest", b.manifestDigest())
                .put("size", b.manifestSize()).putObject("annotations").put("org.opencontainers.image.ref.name", "b");
        Files.write(dir.resolve("index.json"), JSON.writeValueAsBytes(index));
        assertThatThrownBy(() -> walk("oci:" + dir, tmp)).isInstanceOf(ImageException.class)
                .hasMessageContaining("holds 2 images; name one as oci:DIR:REF (it has a, b)");
        assertThat(walk("oci:" + dir + ":b", tmp)).containsExactly("0 /b=b");
        assertThatThrownBy(() -> walk("oci:" + dir + ":c", tmp)).isInstanceOf(ImageException.class)
                .hasMessageContaining("no image named 'c'");
    }

    @Test
    void aMultiPlatformIndexIsResolvedToThePlatform() throws Exception {
        Path dir = tmp.resolve("layout");
        TestImages.Blobs amd = TestImages.image().layer(TestImages.layer().file("/arch", "amd64")).writeLayout(dir, null);
        TestImages.Blobs arm = TestImages.image().architecture("arm64")
                .layer(TestImages.layer().file("/arch", "arm64")).writeLayout(dir, null);
        ObjectNode inner = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.index.v1+json");
        ArrayNode ms = inner.putArray("manifests");
        ms.addObject().put("mediaType", "application/vnd.oci.image.manifest.v1+json").put("digest", amd.manifestDigest())
                .put("size", amd.manifestSize()).putObject("platform").put("os", "linux").put("architecture", "amd64");
        ms.addObject().put("mediaType", "application/vnd.oci.image.manifest.v1+json").put("digest", arm.manifestDigest())
                .put("size", arm.manifestSize()).putObject("platform").put("os", "linux").put("architecture", "arm64")
                .put("variant", "v8");
        ms.addObject().put("mediaType", "application/vnd.oci.image.manifest.v1+json").put("digest", arm.manifestDigest())
                .put("size", arm.manifestSize()).putObject("platform").put("os", "unknown").put("architecture", "unknown");
        byte[] innerBytes = JSON.writeValueAsBytes(inner);
        String innerDigest = TestImages.sha256(innerBytes);
        Files.write(dir.resolve("blobs/sha256/" + innerDigest.substring(7)), innerBytes);
        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2);
        index.putArray("manifests").addObject().put("mediaType", "application/vnd.oci.image.index.v1+json")
                .put("digest", innerDigest).put("size", innerBytes.length);
        Files.write(dir.resolve("index.json"), JSON.writeValueAsBytes(index));
        Recorder r = new Recorder();
        try (Image image = ImageLoader.open("oci:" + dir, tmp, Platform.parse("linux/arm64"))) {
            image.walk(r);
        }
        assertThat(r.seen).containsExactly("0 /arch=arm64");
        assertThat(walk("oci:" + dir, tmp)).containsExactly("0 /arch=amd64");
        assertThatThrownBy(() -> ImageLoader.open("oci:" + dir, tmp, Platform.parse("linux/s390x")))
                .isInstanceOf(ImageException.class)
                .hasMessageContaining("no image for linux/s390x (it has linux/amd64, linux/arm64/v8); choose one with --platform");
    }

    @Test
    void notAnImageSaysWhatItIs() throws Exception {
        Files.writeString(tmp.resolve("junk.tar"), "not a tar at all, just words");
        assertThatThrownBy(() -> ImageLoader.open("docker-archive:junk.tar", tmp, null)).isInstanceOf(ImageException.class)
                .hasMessageContaining("junk.tar");
        Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> ImageLoader.open("oci:empty", tmp, null)).isInstanceOf(ImageException.class)
                .hasMessageContaining("not an OCI image layout (no index.json)");
        assertThatThrownBy(() -> ImageLoader.open("oci-archive:nope.tar", tmp, null)).isInstanceOf(ImageException.class)
                .hasMessageContaining("no such file");
        Path dir = tmp.resolve("badindex");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("index.json"), "{\"manifests\": [{\"digest\": \"sha256:../../etc/passwd\"}]}");
        assertThatThrownBy(() -> ImageLoader.open("oci:" + dir, tmp, null)).isInstanceOf(ImageException.class)
                .hasMessageContaining("is not a sha256 digest");
    }

    @Test
    void digestsFollowTheGrammar() {
        assertThat(Digest.parse("sha256:" + "a".repeat(64)).hex()).hasSize(64);
        assertThatThrownBy(() -> Digest.parse("sha256:" + "A".repeat(64))).hasMessageContaining("lowercase hex");
        assertThatThrownBy(() -> Digest.parse("md5:abc")).hasMessageContaining("not sha256 or sha512");
        assertThatThrownBy(() -> Digest.parse("abc")).hasMessageContaining("not a digest");
    }

    @Test
    void platformsMatchAsContainerdDoes() {
        assertThat(Platform.parse("linux/arm64").matches("linux", "arm64", "v8")).isTrue();
        assertThat(Platform.parse("linux/arm64/v8").matches("linux", "arm64", null)).isTrue();
        assertThat(Platform.parse("linux/arm/v7").matches("linux", "arm", "v6")).isFalse();
        assertThat(Platform.parse("LINUX/AMD64").matches("linux", "amd64", null)).isTrue();
        assertThatThrownBy(() -> Platform.parse("linux")).hasMessageContaining("not a platform");
    }

    @Test
    void aMisspeltTransportIsRefusedInsteadOfPulledFromDockerHub() throws Exception {
        Files.createDirectories(tmp.resolve("layout"));
        Files.writeString(tmp.resolve("app.tar"), "");
        for (String ref : List.of("ocii:layout", "oc:" + tmp.resolve("layout"), "oci-arhive:app.tar", "dockr-archive:app.tar",
                "layout:build/x", "archive:app.tar")) {
            assertThatThrownBy(() -> ImageLoader.open(ref, tmp, null, RegistryClient.Options.defaults()))
                    .as(ref).isInstanceOf(ImageException.class)
                    .hasMessageStartingWith(ref + ": unknown transport '" + ref.substring(0, ref.indexOf(':')) + ":'");
        }
        assertThatThrownBy(() -> ImageLoader.open("ocii:layout", tmp, null, RegistryClient.Options.defaults()))
                .hasMessageContaining("(did you mean 'oci:'?)").hasMessageContaining("docker.io/library/ocii:layout");
        // Registry references pass: a tag, a host with a port, Docker Hub's docker image, the docker:// prefix.
        for (String ref : List.of("nginx:1.25", "localhost:5000/app:1", "registry.example:5000/a/b:1", "docker:24-dind",
                "docker://nginx:1", "org/app:oci", "ghcr.io/org/app@sha256:" + "0".repeat(64), "busybox")) {
            ImageLoader.rejectUnknownTransport(ref, tmp);
        }
    }
}
