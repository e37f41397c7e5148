package dev.kubeward.source.kustomize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.model.InputError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a kustomization consumes and what is wrong in it, read without the kustomize binary. */
class KustomizationTest {
    private static Kustomization.Tree tree(Path dir, String kustomization) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("kustomization.yaml"), kustomization);
        return Kustomization.read(dir.toRealPath());
    }

    @Test
    void anOverlayConsumesItsBasesComponentsPatchesAndGeneratorSources() throws IOException {
        Path shop = KustomizeMapTest.SHOP.toRealPath();
        Kustomization.Tree t = Kustomization.read(shop.resolve("overlays/prod"));
        assertThat(t.errors).isEmpty();
        assertThat(t.consumedDirectories()).containsExactly(shop.resolve("base"), shop.resolve("components/sa"));
        assertThat(t.files()).containsExactlyInAnyOrder(shop.resolve("overlays/prod/kustomization.yaml"),
                shop.resolve("overlays/prod/privileged.yaml"), shop.resolve("overlays/prod/hostpid.yaml"),
                shop.resolve("overlays/prod/ports.yaml"), shop.resolve("base/kustomization.yaml"),
                shop.resolve("base/deploy.yaml"), shop.resolve("base/svc.yaml"), shop.resolve("base/app.properties"),
                shop.resolve("components/sa/kustomization.yaml"), shop.resolve("components/sa/role.yaml"));
        assertThat(t.root().patches).extracting(Kustomization.Patch::json6902).containsExactly(false, false, true, true);
        // The inline patch starts on the line after "patch: |-", indented by four.
        Kustomization.Patch inline = t.root().patches.get(2);
        assertThat(inline.firstLine()).isEqualTo(18);
        assertThat(inline.columnShift()).isEqualTo(4);
        assertThat(t.all.get(2).isComponent()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://github.com/kubernetes-sigs/kustomize//examples/helloWorld?ref=v3.3.1",
        "github.com/kubernetes-sigs/kustomize/examples/multibases?ref=v1.0.6",
        "git@github.com:owner/repo.git//base",
        "ssh://git@github.com/owner/repo.git",
        "https://raw.githubusercontent.com/owner/repo/main/deploy.yaml",
    })
    void aRemoteBaseIsRefusedAtItsLineAndNothingIsFetched(String url, @TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("k"));
        Files.writeString(dir.resolve("k/local.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n");
        Kustomization.Tree t = tree(dir.resolve("k"), "resources:\n- local.yaml\n- " + url + "\n");
        assertThat(t.errors).hasSize(1);
        InputError e = t.errors.get(0);
        assertThat(e.file()).endsWith("kustomization.yaml");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.message()).contains(url).contains("remote base").contains("fetches nothing");
    }

    @Test
    void aMissingResourceIsAnErrorAtItsLine(@TempDir Path dir) throws IOException {
        Kustomization.Tree t = tree(dir, "resources:\n- deploy.yaml\npatches:\n- path: gone.yaml\n");
        assertThat(t.errors).extracting(InputError::line, InputError::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2, "resources: deploy.yaml: no such file or directory (kustomize build fails on it)"),
                org.assertj.core.groups.Tuple.tuple(4, "patches: gone.yaml: no such file (kustomize build fails on it)"));
    }

    @Test
    void aBrokenKustomizationIsAnErrorNamingItsFileAndLine(@TempDir Path dir) throws IOException {
        Kustomization.Tree t = tree(dir, "resources:\n- a.yaml\npatches: [\n");
        assertThat(t.errors).hasSize(1);
        assertThat(t.errors.get(0).file()).isEqualTo(dir.toRealPath().resolve("kustomization.yaml").toString());
        assertThat(t.errors.get(0).line()).isEqualTo(3);
        assertThat(t.errors.get(0).message()).startsWith("invalid kustomization: ");
        assertThat(tree(dir.resolve("k"), "kind: Deployment\n").errors.get(0).message())
                .isEqualTo("kind: Deployment is not a kustomization (Kustomization or Component)");
    }

    @Test
    void aBaseThatConsumesItsOverlayIsACycle(@TempDir Path dir) throws IOException {
        tree(dir.resolve("a"), "resources:\n- ../b\n");
        Kustomization.Tree t = tree(dir.resolve("b"), "resources:\n- ../a\n");
        assertThat(t.errors).singleElement().satisfies(e -> assertThat(e.message()).startsWith("cycle: "));
    }

    @Test
    void helmChartsAreNotInflated(@TempDir Path dir) throws IOException {
        Kustomization.Tree t = tree(dir, "helmCharts:\n- name: redis\n  repo: https://charts.bitnami.com/bitnami\n");
        assertThat(t.errors).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(1);
            assertThat(e.message()).contains("--enable-helm");
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'- op: add\n  path: /x\n  value: 1\n'|true",
        "'[{\"op\": \"remove\", \"path\": \"/x\"}]'|true",
        "'# comment\n\n- op: replace\n'|true",
        "'apiVersion: v1\nkind: Service\n'|false",
        "'spec:\n  type: NodePort\n'|false",
    })
    void aPatchIsJson6902WhenItIsAListOfOperations(String text, boolean json) {
        assertThat(Kustomization.isJsonPatch(text.replace("\\n", "\n"))).isEqualTo(json);
    }

    @Test
    void theKustomizationFileNamesKustomizeLooksFor(@TempDir Path dir) throws IOException {
        for (String name : Kustomization.FILE_NAMES) {
            Path d = Files.createDirectories(dir.resolve(name.replace('.', '-')));
            Files.writeString(d.resolve(name), "resources: []\n");
            assertThat(Kustomization.isKustomizationDirectory(d)).as(name).isTrue();
        }
        assertThat(Kustomization.isKustomizationDirectory(Files.createDirectories(dir.resolve("none")))).isFalse();
    }
}
