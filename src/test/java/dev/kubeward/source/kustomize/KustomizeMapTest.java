package dev.kubeward.source.kustomize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.model.InputError;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Location;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Where the fields of built objects land, on a build kustomize v5.5.0 made of the fixture
 * (src/test/resources/kustomize/recorded/shop-prod.yaml, written by {@code kubectl kustomize} on a
 * wrapper beside shop/), so that the placing is tested on machines without a kustomize binary.
 * {@link KustomizeBuildTest} runs the same table through the real binary.
 */
public class KustomizeMapTest {
    public static final Path SHOP = Path.of("src/test/resources/kustomize/shop");
    public static final Path PROD = SHOP.resolve("overlays/prod");

    /** kind, name, field, file (under shop/), line, and the note the place carries ("" none). */
    public static Stream<Arguments> table() {
        return Stream.of(
                // The resource file, for what the base writes and nothing changed.
                row("Deployment", "prod-web", "", "base/deploy.yaml", 1, ""),
                row("Deployment", "prod-web", "spec.replicas", "base/deploy.yaml", 8, ""),
                row("Deployment", "prod-web", "spec.template.spec.containers[0].securityContext.runAsNonRoot",
                        "base/deploy.yaml", 21, ""),
                row("Deployment", "prod-web", "spec.template.spec.containers[1].name", "base/deploy.yaml", 23, ""),
                // namePrefix and namespace of the overlay: the kustomization line that set them.
                row("Deployment", "prod-web", "metadata.name", "overlays/prod/kustomization.yaml", 3, ""),
                row("Deployment", "prod-web", "metadata.namespace", "overlays/prod/kustomization.yaml", 4, ""),
                // A strategic-merge patch (patches: - path:), a value it adds and one it changes.
                row("Deployment", "prod-web", "spec.template.spec.containers[0].securityContext.privileged",
                        "overlays/prod/privileged.yaml", 11, ""),
                row("Deployment", "prod-web", "spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation",
                        "overlays/prod/privileged.yaml", 12, ""),
                // patchesStrategicMerge.
                row("Deployment", "prod-web", "spec.template.spec.hostPID", "overlays/prod/hostpid.yaml", 8, ""),
                // A JSON 6902 patch from a file: the value it adds, and the fields inside that value.
                row("Deployment", "prod-web", "spec.template.spec.containers[0].ports", "overlays/prod/ports.yaml", 3, ""),
                row("Deployment", "prod-web", "spec.template.spec.containers[0].ports[0].hostPort",
                        "overlays/prod/ports.yaml", 5, ""),
                // images: newTag.
                row("Deployment", "prod-web", "spec.template.spec.containers[1].image",
                        "overlays/prod/kustomization.yaml", 11, ""),
                // A JSON 6902 patch inline in the kustomization: its value: line in that file.
                row("Service", "prod-web", "spec.type", "overlays/prod/kustomization.yaml", 20, ""),
                row("Service", "prod-web", "spec.ports[0].port", "base/svc.yaml", 9, ""),
                // The second document of a resource file.
                row("ServiceAccount", "prod-web", "", "base/svc.yaml", 11, ""),
                // A generated ConfigMap: at its generator, each key at the literal or file that wrote it.
                row("ConfigMap", "prod-settings-ttm9hk6mbk", "", "base/kustomization.yaml", 7, ""),
                row("ConfigMap", "prod-settings-ttm9hk6mbk", "data.LOG_LEVEL", "base/kustomization.yaml", 9, ""),
                row("ConfigMap", "prod-settings-ttm9hk6mbk", "data['app.properties']", "base/kustomization.yaml", 11, ""),
                // A component's resource.
                row("Role", "prod-admin", "rules[0].verbs", "components/sa/role.yaml", 8, ""));
    }

    private static Arguments row(String kind, String name, String path, String file, int line, String note) {
        return Arguments.of(kind, name, path, file, line, note);
    }

    static Function<Path, String> display(Path real) {
        return p -> PROD.resolve(real.relativize(p)).normalize().toString();
    }

    /** The recorded build, placed as the loader places it. */
    static List<KustomizeMap.Located> recorded(List<InputError> errors) throws IOException {
        Path real = PROD.toRealPath();
        Kustomization.Tree tree = Kustomization.read(real);
        assertThat(tree.errors).isEmpty();
        // The wrapper that made the recording was a directory w/ beside shop/.
        Path wrapper = SHOP.toRealPath().resolveSibling("w");
        String output = Files.readString(Path.of("src/test/resources/kustomize/recorded/shop-prod.yaml"));
        return new KustomizeMap(tree, wrapper, display(real)).locate(output, errors);
    }

    static KustomizeMap.Located find(List<KustomizeMap.Located> objects, String kind, String name) {
        return objects.stream().filter(o -> o.doc().root().path("kind").asText().equals(kind)
                && o.doc().root().path("metadata").path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(kind + " " + name + " not built"));
    }

    static Location where(KustomizeMap.Located o, String path) {
        return o.doc().sourceMap().locate(o.file(), o.doc().root(), path.isEmpty() ? JsonPath.ROOT : JsonPath.parse(path));
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}:{4}")
    @MethodSource("table")
    void fieldsLandWhereTheyWereWritten(String kind, String name, String path, String file, int line, String note)
            throws IOException {
        List<InputError> errors = new ArrayList<>();
        Location at = where(find(recorded(errors), kind, name), path);
        assertThat(errors).isEmpty();
        assertThat(at.file()).isEqualTo(SHOP.resolve(file).toString());
        assertThat(at.line()).isEqualTo(line);
        assertThat(at.note()).isEqualTo(note.isEmpty() ? null : note);
    }

    @Test
    void theOriginAnnotationIsGoneBeforeAnyCheckSeesTheObject() throws IOException {
        List<KustomizeMap.Located> objects = recorded(new ArrayList<>());
        assertThat(objects).hasSize(5);
        for (KustomizeMap.Located o : objects) {
            assertThat(o.doc().root().toString()).doesNotContain(KustomizeMap.ORIGIN);
            // The annotations mapping held only the origin: it goes too, as the build without it has none.
            assertThat(o.doc().root().path("metadata").has("annotations")).isFalse();
        }
    }

    @Test
    void anotherAnnotationStays() throws Exception {
        JsonNode doc = dev.kubeward.source.YamlTreeBuilder.parse("""
                metadata:
                  annotations:
                    team: shop
                    config.kubernetes.io/origin: |
                      path: a.yaml
                """, 1).root();
        JsonNode origin = KustomizeMap.takeOrigin((com.fasterxml.jackson.databind.node.ObjectNode) doc);
        assertThat(origin.path("path").asText()).isEqualTo("a.yaml");
        assertThat(doc.toString()).isEqualTo("{\"metadata\":{\"annotations\":{\"team\":\"shop\"}}}");
    }

    /** A field an overlay changed in a way no patch or kustomization field explains is at the base, said as such. */
    @Test
    void anUntracedChangeIsPlacedAtTheBaseAndSaysSo() throws IOException {
        Path real = PROD.toRealPath();
        Kustomization.Tree tree = Kustomization.read(real);
        String output = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  annotations:
                    config.kubernetes.io/origin: |
                      path: ../shop/base/deploy.yaml
                  name: prod-web
                  namespace: shop-prod
                spec:
                  replicas: 7
                  minReadySeconds: 5
                """;
        List<InputError> errors = new ArrayList<>();
        KustomizeMap.Located d = new KustomizeMap(tree, SHOP.toRealPath().resolveSibling("w"), display(real))
                .locate(output, errors).get(0);
        assertThat(errors).isEmpty();
        Location replicas = where(d, "spec.replicas");
        assertThat(replicas.file()).isEqualTo(SHOP.resolve("base/deploy.yaml").toString());
        assertThat(replicas.line()).isEqualTo(8);
        assertThat(replicas.note()).isEqualTo(KustomizeMap.CHANGED);
        Location added = where(d, "spec.minReadySeconds");
        assertThat(added.line()).isEqualTo(7);
        assertThat(added.note()).isEqualTo(KustomizeMap.ADDED);
        assertThat(replicas.qualify("m")).isEqualTo("m (" + KustomizeMap.CHANGED + ")");
    }

    @Test
    void imageNamesAsImagesEntriesNameThem() {
        assertThat(KustomizeMap.repository("shop/log:2.1")).isEqualTo("shop/log");
        assertThat(KustomizeMap.repository("registry:5000/shop/log")).isEqualTo("registry:5000/shop/log");
        assertThat(KustomizeMap.repository("registry:5000/shop/log:1@sha256:ab")).isEqualTo("registry:5000/shop/log");
    }
}
