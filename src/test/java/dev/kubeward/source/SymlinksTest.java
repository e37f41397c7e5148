package dev.kubeward.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.model.Resource;
import dev.kubeward.source.repo.Exclusion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Symbolic links in a directory walk: followed, each directory and file read once, loops and
 * dangling links reported, never skipped without a word.
 */
class SymlinksTest {
    @TempDir
    Path tmp;

    private final ManifestLoader loader = new ManifestLoader();

    private static Path namespace(Path file, String name) throws Exception {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "apiVersion: v1\nkind: Namespace\nmetadata: {name: " + name + "}\n");
    }

    private static List<String> names(LoadResult r) {
        return r.resources().stream().map(Resource::name).toList();
    }

    private static List<String> excluded(LoadResult r, Exclusion.Reason reason) {
        return r.excluded().stream().filter(e -> e.reason() == reason).map(Exclusion::path).toList();
    }

    @Test
    void aSymlinkedDirectoryGivenAsARootIsFollowed() throws Exception {
        namespace(tmp.resolve("real/ns.yaml"), "a");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), tmp.resolve("real"));
        LoadResult r = loader.load(List.of(link.toString()));
        assertThat(r.errors()).isEmpty();
        assertThat(names(r)).containsExactly("a");
        assertThat(r.resources().get(0).origin().file()).isEqualTo(link.resolve("ns.yaml").toString());
    }

    @Test
    void aLinkToASiblingDirectoryIsReadOnce() throws Exception {
        Path root = tmp.resolve("repo");
        namespace(root.resolve("base/ns.yaml"), "a");
        Files.createSymbolicLink(root.resolve("overlay"), root.resolve("base"));
        LoadResult r = loader.load(List.of(root.toString()));
        assertThat(names(r)).containsExactly("a");
        assertThat(r.errors()).isEmpty();
        assertThat(r.excluded()).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(Exclusion.Reason.ALREADY_READ);
            assertThat(e.directory()).isTrue();
        });
    }

    @Test
    void aLinkToAnAncestorIsALoopAndTheWalkEnds() throws Exception {
        Path root = tmp.resolve("repo");
        namespace(root.resolve("k8s/ns.yaml"), "a");
        Files.createSymbolicLink(root.resolve("k8s/up"), root);
        Files.createSymbolicLink(root.resolve("k8s/self"), Path.of("."));
        LoadResult r = loader.load(List.of(root.toString()));
        assertThat(names(r)).containsExactly("a");
        assertThat(r.errors()).isEmpty();
        assertThat(excluded(r, Exclusion.Reason.LINK_LOOP)).containsExactlyInAnyOrder(
                root.resolve("k8s/up").toString(), root.resolve("k8s/self").toString());
    }

    @Test
    void linkedFilesAreReadOnceUnderTheFirstPathAndOutsideTargetsAreRead() throws Exception {
        Path root = tmp.resolve("repo");
        Path real = namespace(root.resolve("b/ns.yaml"), "a");
        Files.createSymbolicLink(root.resolve("z-link.yaml"), real);
        Path outside = namespace(tmp.resolve("shared/common.yaml"), "common");
        Files.createSymbolicLink(root.resolve("common.yaml"), outside);
        LoadResult r = loader.load(List.of(root.toString()));
        assertThat(names(r)).containsExactlyInAnyOrder("a", "common");
        assertThat(r.resources()).filteredOn(x -> x.name().equals("a")).singleElement()
                .satisfies(x -> assertThat(x.origin().file()).isEqualTo(real.toString()));
        assertThat(excluded(r, Exclusion.Reason.ALREADY_READ)).containsExactly(root.resolve("z-link.yaml").toString());
    }

    @Test
    void danglingLinksAreReported() throws Exception {
        Path root = tmp.resolve("repo");
        namespace(root.resolve("ns.yaml"), "a");
        Files.createSymbolicLink(root.resolve("gone.yaml"), tmp.resolve("nowhere.yaml"));
        Files.createSymbolicLink(root.resolve("manifests"), tmp.resolve("no-such-dir"));
        Files.createSymbolicLink(root.resolve("NOTES.md"), tmp.resolve("nowhere.md"));
        LoadResult r = loader.load(List.of(root.toString()));
        assertThat(names(r)).containsExactly("a");
        assertThat(r.errors()).isEmpty();
        assertThat(excluded(r, Exclusion.Reason.DANGLING_LINK)).containsExactlyInAnyOrder(
                root.resolve("gone.yaml").toString(), root.resolve("manifests").toString());
        assertThat(r.excluded()).filteredOn(e -> e.path().endsWith("gone.yaml")).singleElement()
                .satisfies(e -> assertThat(e.toString()).contains("dangling symbolic link (-> " + tmp.resolve("nowhere.yaml")));
    }

    @Test
    void aDanglingLinkNamedOnTheCommandLineIsAnError() throws Exception {
        Path link = Files.createSymbolicLink(tmp.resolve("gone.yaml"), tmp.resolve("nowhere.yaml"));
        LoadResult r = loader.load(List.of(link.toString()));
        assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.message()).contains("no such file"));
    }
}
