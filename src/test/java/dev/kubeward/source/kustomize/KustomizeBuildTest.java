package dev.kubeward.source.kustomize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Location;
import dev.kubeward.model.Resource;
import dev.kubeward.source.LoadResult;
import dev.kubeward.source.ManifestLoader;
import dev.kubeward.source.ReadOptions;
import dev.kubeward.source.repo.Exclusion;
import dev.kubeward.source.repo.FileSelection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kustomize directories built by the real binary (kustomize, else kubectl kustomize, found on the
 * PATH) and read as the loader reads them. Skipped, with the reason, where neither is installed or
 * the one installed is older than buildMetadata (kustomize v4.5.0): {@link KustomizeMapTest} places
 * a recorded build of the same fixture on every machine.
 */
public class KustomizeBuildTest {
    static final Path SHOP = KustomizeMapTest.SHOP;

    /** Skips the calling test class where no kustomize that records origins is on the PATH. */
    public static void assumeKustomize() {
        KustomizeBuild.Tool tool = KustomizeBuild.find(System.getenv("PATH"));
        org.junit.jupiter.api.Assumptions.assumeTrue(tool != null,
                "skipped: neither kustomize nor kubectl is on the PATH (these tests run the real binary)");
        Path dir;
        try {
            dir = Files.createTempDirectory("kubeward-kustomize-probe").toRealPath();
            Files.writeString(dir.resolve("kustomization.yaml"), "resources: []\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        KustomizeBuild.Output probe = KustomizeBuild.build(tool, dir, "probe", false, System.getenv());
        org.junit.jupiter.api.Assumptions.assumeTrue(probe.error() == null || !probe.error().message().contains("too old"),
                () -> "skipped: " + probe.error().message());
        assertThat(probe.error()).as("the probe build").isNull();
    }

    @BeforeAll
    static void kustomize() {
        assumeKustomize();
    }

    static LoadResult load(Map<String, String> env, String... inputs) {
        return new ManifestLoader(new ReadOptions(FileSelection.Options.DEFAULT, null).withEnvironment(env))
                .load(List.of(inputs));
    }

    static Resource find(LoadResult r, String kind, String name) {
        return r.resources().stream().filter(x -> x.kind().equals(kind) && x.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(kind + " " + name + " not in " + r.resources().stream()
                        .map(Resource::displayName).toList() + " errors " + r.errors()));
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}:{4}")
    @MethodSource("dev.kubeward.source.kustomize.KustomizeMapTest#table")
    void fieldsLandWhereTheyWereWritten(String kind, String name, String path, String file, int line, String note) {
        LoadResult r = load(System.getenv(), KustomizeMapTest.PROD.toString());
        assertThat(r.errors()).isEmpty();
        Location at = find(r, kind, name).where(path.isEmpty() ? JsonPath.ROOT : JsonPath.parse(path));
        assertThat(at.file()).isEqualTo(SHOP.resolve(file).toString());
        assertThat(at.line()).isEqualTo(line);
        assertThat(at.note()).isEqualTo(note.isEmpty() ? null : note);
    }

    @Test
    void theOverlaysNamesAndNamespaceAreTheObjects() {
        LoadResult r = load(System.getenv(), KustomizeMapTest.PROD.toString());
        assertThat(r.resources()).extracting(Resource::displayName).containsExactlyInAnyOrder(
                "ServiceAccount shop-prod/prod-web", "Role shop-prod/prod-admin",
                "ConfigMap shop-prod/prod-settings-ttm9hk6mbk", "Service shop-prod/prod-web", "Deployment shop-prod/prod-web");
        assertThat(r.resources()).allSatisfy(x -> {
            assertThat(x.annotations()).doesNotContainKey(KustomizeMap.ORIGIN);
            assertThat(x.namespaceDefaulted()).isFalse();
        });
        assertThat(find(r, "Deployment", "prod-web").origin().file()).isEqualTo(SHOP.resolve("base/deploy.yaml").toString());
    }

    @Test
    void aTreeBuildsItsOverlayOnceAndReadsNothingOfItTwice() {
        LoadResult r = load(System.getenv(), SHOP.toString());
        assertThat(r.errors()).isEmpty();
        // The overlay is built; its base and component are built through it, not alone; the loose file is read.
        assertThat(r.resources()).extracting(Resource::displayName).containsExactlyInAnyOrder(
                "ServiceAccount shop-prod/prod-web", "Role shop-prod/prod-admin",
                "ConfigMap shop-prod/prod-settings-ttm9hk6mbk", "Service shop-prod/prod-web", "Deployment shop-prod/prod-web",
                "ConfigMap shop-prod/loose");
        assertThat(r.excluded()).filteredOn(e -> e.reason() == Exclusion.Reason.KUSTOMIZE).extracting(Exclusion::path)
                .contains(SHOP.resolve("base").toString(), SHOP.resolve("components/sa").toString(),
                        SHOP.resolve("base/deploy.yaml").toString(), SHOP.resolve("base/kustomization.yaml").toString(),
                        SHOP.resolve("overlays/prod/privileged.yaml").toString(), SHOP.resolve("overlays/prod/ports.yaml").toString());
        // A manifest in a kustomization's directory that it does not list is not deployed by it: left out, and said.
        assertThat(r.excluded()).filteredOn(e -> e.reason() == Exclusion.Reason.KUSTOMIZE_UNLISTED)
                .extracting(Exclusion::path).containsExactly(SHOP.resolve("base/unlisted.yaml").toString());
    }

    @Test
    void aKustomizationFileNamedAloneBuildsItsDirectory() {
        LoadResult r = load(System.getenv(), KustomizeMapTest.PROD.resolve("kustomization.yaml").toString());
        assertThat(r.errors()).isEmpty();
        assertThat(r.resources()).hasSize(5);
    }

    @Test
    void aFailedBuildIsAnErrorOfTheKustomizationInKustomizesWords(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "resources:\n- cm.yaml\npatches:\n- path: patch.yaml\n");
        Files.writeString(dir.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n");
        Files.writeString(dir.resolve("patch.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: nothing\ndata: {x: y}\n");
        LoadResult r = load(System.getenv(), dir.toString());
        assertThat(r.resources()).isEmpty();
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo(dir.resolve("kustomization.yaml").toString());
            assertThat(e.message()).contains("failed: ").contains("nothing").doesNotContain("kubeward-kustomize")
                    .doesNotContain("run.go");
        });
    }

    @Test
    void aComponentIsBuiltAsAComponent() {
        LoadResult r = load(System.getenv(), SHOP.resolve("components/sa").toString());
        assertThat(r.errors()).isEmpty();
        assertThat(find(r, "Role", "admin").origin().file()).isEqualTo(SHOP.resolve("components/sa/role.yaml").toString());
    }
}
