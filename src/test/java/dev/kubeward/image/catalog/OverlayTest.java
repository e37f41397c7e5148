package dev.kubeward.image.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.image.TestImages;
import dev.kubeward.image.TestImages.Compression;
import dev.kubeward.image.oci.Image;
import dev.kubeward.image.oci.ImageLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The merged filesystem as overlayfs presents it, for the files the catalogers keep. */
class OverlayTest {
    @TempDir
    Path tmp;

    /** Keeps every file under /k as text. */
    static final class KeepAll implements Cataloger {
        @Override
        public Kind kind() {
            return Kind.LANGUAGE;
        }

        @Override
        public boolean wants(String path, long size, int mode) {
            return path.startsWith("/k/");
        }

        @Override
        public boolean wantsLink(String path) {
            return path.startsWith("/k/");
        }

        @Override
        public Object read(String path, long size, InputStream in) throws IOException {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        @Override
        public void catalog(FileView files, CatalogContext context) {}
    }

    private Map<String, Object> merged(TestImages.Layer... layers) throws Exception {
        TestImages.Builder b = TestImages.image();
        for (TestImages.Layer l : layers) {
            b.layer(l);
        }
        Path dir = tmp.resolve("layout" + System.nanoTime());
        b.writeLayout(dir, "t");
        Path archive = tmp.resolve("archive" + System.nanoTime() + ".tar");
        b.writeOciArchive(archive);
        Path docker = tmp.resolve("docker" + System.nanoTime() + ".tar");
        b.writeDockerArchive(docker, "t:1");
        KeepAll keep = new KeepAll();
        Overlay overlay = new Overlay(List.of(keep));
        try (Image image = ImageLoader.open("oci:" + dir, tmp, null)) {
            image.walk(overlay);
        }
        Map<String, Object> out = new TreeMap<>(overlay.view().keptBy(keep));
        long files = overlay.fileCount();
        // The same layers read on several threads at once and applied in order (Catalog.of) give the same filesystem,
        // from a layout, an oci-archive and a docker-archive (positional reads of one archive file).
        for (String ref : List.of("oci:" + dir, "oci-archive:" + archive, "docker-archive:" + docker)) {
            for (int threads : new int[] {1, 2, layers.length + 1}) {
                Overlay parallel = new Overlay(List.of(keep));
                try (Image image = ImageLoader.open(ref, tmp, null)) {
                    image.walk(i -> parallel.reading(), (reading, i) -> parallel.apply(reading), threads);
                }
                assertThat(new TreeMap<>(parallel.view().keptBy(keep))).as(ref + " on " + threads + " threads").isEqualTo(out);
                assertThat(parallel.fileCount()).as(ref + " on " + threads + " threads").isEqualTo(files);
            }
        }
        return out;
    }

    @Test
    void anUpperFileReplacesTheLowerOne() throws Exception {
        assertThat(merged(TestImages.layer().file("/k/a", "1").file("/k/b", "1"), TestImages.layer().file("/k/a", "2")))
                .isEqualTo(Map.of("/k/a", "2", "/k/b", "1"));
    }

    @Test
    void aWhiteoutDeletesThePathAndEverythingUnderItFromBelow() throws Exception {
        assertThat(merged(TestImages.layer().file("/k/a", "1").file("/k/d/x", "1").file("/k/d/y/z", "1").file("/k/dd", "1"),
                TestImages.layer().whiteout("/k/a").whiteout("/k/d")))
                .isEqualTo(Map.of("/k/dd", "1"));
    }

    @Test
    void aWhiteoutDoesNotDeleteWhatItsOwnLayerAdds() throws Exception {
        // The file comes before its whiteout in the layer: the whiteout still only hides the layers below.
        assertThat(merged(TestImages.layer().file("/k/a", "1"), TestImages.layer().file("/k/a", "2").whiteout("/k/a")))
                .isEqualTo(Map.of("/k/a", "2"));
    }

    @Test
    void anOpaqueDirectoryHidesTheLowerContentsButKeepsItsOwn() throws Exception {
        assertThat(merged(TestImages.layer().file("/k/d/old", "1").file("/k/d/sub/old", "1").file("/k/e", "1"),
                TestImages.layer().file("/k/d/new", "2").opaque("/k/d")))
                .isEqualTo(Map.of("/k/d/new", "2", "/k/e", "1"));
    }

    @Test
    void aFileOverADirectoryReplacesTheDirectoryWithItsContents() throws Exception {
        assertThat(merged(TestImages.layer().file("/k/d/x", "1"), TestImages.layer().file("/k/d", "file")))
                .isEqualTo(Map.of("/k/d", "file"));
        assertThat(merged(TestImages.layer().file("/k/d/x", "1"), TestImages.layer().symlink("/k/d", "/elsewhere")))
                .isEmpty();
    }

    @Test
    void aFileDeletedThenAddedAgainInALaterLayerIsThere() throws Exception {
        assertThat(merged(TestImages.layer().file("/k/a", "1"), TestImages.layer().whiteout("/k/a"),
                TestImages.layer().file("/k/a", "3")))
                .isEqualTo(Map.of("/k/a", "3"));
    }

    @Test
    void everyCompressionReadsTheSame() throws Exception {
        for (Compression c : Compression.values()) {
            assertThat(merged(TestImages.layer().file("/k/a", "1").compression(c),
                    TestImages.layer().file("/k/b", "2").compression(c)))
                    .as(c.name()).isEqualTo(Map.of("/k/a", "1", "/k/b", "2"));
        }
    }

    @Test
    void hostilePathsStayInsideTheRoot() throws Exception {
        assertThat(merged(TestImages.layer().file("../../k/a", "1").file("./k/./b", "2").file("k/c/../d", "3")))
                .isEqualTo(Map.of("/k/a", "1", "/k/b", "2", "/k/d", "3"));
    }

    @Test
    void aHardLinkCarriesItsTargetsContent() throws Exception {
        assertThat(merged(TestImages.layer().file("/k/a", "1"), TestImages.layer().hardlink("/k/b", "/k/a")))
                .isEqualTo(Map.of("/k/a", "1", "/k/b", "1"));
    }

    @Test
    void symbolicLinksAreFollowedWhenReadThroughTheView() throws Exception {
        TestImages.Builder b = TestImages.image().layer(TestImages.layer()
                .file("/usr/lib/os-release", "ID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n")
                .symlink("/etc/os-release", "../usr/lib/os-release"));
        Path dir = tmp.resolve("links");
        b.writeLayout(dir, null);
        try (Image image = ImageLoader.open("oci:" + dir, tmp, null)) {
            Catalog c = Catalog.of(image);
            assertThat(c.os()).isEqualTo(new OsInfo("debian", "12", "Debian GNU/Linux 12 (bookworm)", "Debian:12"));
        }
    }
}
