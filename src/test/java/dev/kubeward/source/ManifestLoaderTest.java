package dev.kubeward.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Resource;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestLoaderTest {
    private final ManifestLoader loader = new ManifestLoader();

    @Test
    void aBrokenDocumentDoesNotStopTheOthers() {
        String text = """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: a, namespace: ns}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: [broken
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: c}
                """;
        LoadResult r = loader.loadText("m.yaml", text);
        assertThat(r.resources()).extracting(Resource::name).containsExactly("a", "c");
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo("m.yaml");
            assertThat(e.line()).isBetween(7, 8);
        });
        assertThat(r.resources().get(1).origin().document()).isEqualTo(2);
        assertThat(r.resources().get(1).locate(JsonPath.of("kind")).line()).isEqualTo(10);
    }

    @Test
    void listsAreFlattenedAndKeepPositions() {
        String text = """
                apiVersion: v1
                kind: List
                items:
                  - apiVersion: v1
                    kind: ServiceAccount
                    metadata:
                      name: one
                  - apiVersion: v1
                    kind: ServiceAccount
                    metadata:
                      name: two
                      name: two
                """;
        LoadResult r = loader.loadText("list.yaml", text);
        assertThat(r.resources()).extracting(Resource::name).containsExactly("one", "two");
        assertThat(r.resources().get(1).locate(JsonPath.of("metadata", "name")).line()).isEqualTo(12);
        assertThat(r.resources().get(1).duplicates()).singleElement()
                .satisfies(d -> assertThat(d.path().toString()).isEqualTo("metadata.name"));
        assertThat(r.resources().get(0).duplicates()).isEmpty();
    }

    @Test
    void anyKindEndingInListIsFlattened() {
        String text = "{\"apiVersion\":\"v1\",\"kind\":\"PodList\",\"items\":[{\"apiVersion\":\"v1\",\"kind\":\"Pod\","
                + "\"metadata\":{\"name\":\"p\"}}]}";
        assertThat(loader.loadText("pods.json", text).resources()).extracting(Resource::kind).containsExactly("Pod");
    }

    @Test
    void itemsOfATypedListTakeTheirTypeFromTheListAsTheApiServerSendsThem() {
        // The shape of GET /api/v1/pods and of GET /apis/networking.k8s.io/v1/networkpolicies.
        String pods = "{\"kind\":\"PodList\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"1\"},"
                + "\"items\":[{\"metadata\":{\"name\":\"p\",\"namespace\":\"shop\"},\"spec\":{}}]}";
        LoadResult r = loader.loadText("pods.json", pods);
        assertThat(r.resources()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo("Pod");
            assertThat(p.apiVersion()).isEqualTo("v1");
            assertThat(p.object().path("kind").asText()).isEqualTo("Pod");
        });
        String policies = """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicyList
                items:
                - metadata: {name: deny, namespace: shop}
                  spec: {podSelector: {}}
                """;
        assertThat(loader.loadText("np.yaml", policies).resources()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo("NetworkPolicy");
            assertThat(p.apiVersion()).isEqualTo("networking.k8s.io/v1");
        });
    }

    @Test
    void itemsOfAnUntypedListMustNameTheirKind() {
        String text = "apiVersion: v1\nkind: List\nitems:\n- metadata: {name: x}\n";
        LoadResult r = loader.loadText("l.yaml", text);
        assertThat(r.resources()).isEmpty();
        assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.line()).isEqualTo(4));
    }

    @Test
    void jsonStreamsWithPositionsAndDuplicates() {
        String text = "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"Pod\",\n  \"metadata\": {\"name\": \"a\", \"name\": \"b\"}\n}\n"
                + "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"c\"}}\n";
        LoadResult r = loader.loadText("s.json", text);
        assertThat(r.errors()).isEmpty();
        assertThat(r.resources()).extracting(Resource::name).containsExactly("b", "c");
        assertThat(r.resources().get(0).locate(JsonPath.of("kind"))).hasToString("3:3");
        assertThat(r.resources().get(0).duplicates()).hasSize(1);
        assertThat(r.resources().get(1).locate(JsonPath.of("kind")).line()).isEqualTo(6);
    }

    @Test
    void brokenJsonIsAnErrorWithItsLine() {
        LoadResult r = loader.loadText("b.json", "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \n}\n");
        assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.line()).isEqualTo(4));
    }

    @Test
    void documentsThatAreNotObjectsAreSkippedWithTheirLine() {
        LoadResult r = loader.loadText("x.yaml", "just: config\n---\n- a\n- b\n---\n\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: n}\n");
        assertThat(r.resources()).hasSize(1);
        assertThat(r.skipped()).extracting(LoadResult.Skipped::line).containsExactly(1, 3);
        assertThat(r.errors()).isEmpty();
    }

    @Test
    void generateNameAndMissingNamespace() {
        LoadResult r = loader.loadText("g.yaml", "apiVersion: batch/v1\nkind: Job\nmetadata: {generateName: run-}\n");
        assertThat(r.resources().get(0).name()).isEqualTo("run-*");
        // kubectl apply sends it to the context's namespace, and so does the object tree here
        assertThat(r.resources().get(0).namespace()).isEqualTo("default");
        assertThat(r.resources().get(0).namespaceDefaulted()).isTrue();
        assertThat(r.resources().get(0).object().path("metadata").path("namespace").asText()).isEqualTo("default");
    }

    @Test
    void directoriesAreReadRecursivelyByExtension(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("a/b"));
        Files.createDirectories(dir.resolve(".git"));
        String cm = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: %s}\n";
        Files.writeString(dir.resolve("one.yaml"), cm.formatted("one"));
        Files.writeString(dir.resolve("a/two.YML"), cm.formatted("two"));
        Files.writeString(dir.resolve("a/b/three.json"), "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"three\"}}");
        Files.writeString(dir.resolve("a/notes.txt"), cm.formatted("no"));
        Files.writeString(dir.resolve(".git/config.yaml"), cm.formatted("no"));
        LoadResult r = loader.load(List.of(dir.toString()));
        assertThat(r.resources()).extracting(Resource::name).containsExactlyInAnyOrder("one", "two", "three");
        assertThat(r.files()).isEqualTo(3);
    }

    @Test
    void explicitFilesAreReadWhateverTheirName(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("manifest.txt");
        Files.writeString(f, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n");
        assertThat(loader.load(List.of(f.toString())).resources()).hasSize(1);
    }

    @Test
    void standardInput() {
        ManifestLoader stdin = new ManifestLoader(() -> new ByteArrayInputStream(
                "apiVersion: v1\nkind: Namespace\nmetadata: {name: n}\n".getBytes(StandardCharsets.UTF_8)));
        LoadResult r = stdin.load(List.of("-"));
        assertThat(r.resources()).singleElement().satisfies(res -> assertThat(res.origin().file()).isEqualTo("<stdin>"));
    }

    @Test
    void jsonNestsNoDeeperThanYaml() {
        String deep = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"x\"},\"data\":"
                + "[".repeat(300) + "]".repeat(300) + "}";
        LoadResult r = loader.loadText("deep.json", deep);
        assertThat(r.resources()).isEmpty();
        assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.message()).isEqualTo("nesting deeper than 256 levels"));
    }

    @Test
    void anEndlessStandardInputIsRefusedInASentence() {
        // "yes '  k: v' | kubeward scan -" must not read until memory runs out.
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'k';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 'k');
                return len;
            }
        };
        LoadResult r = new ManifestLoader(() -> endless).load(List.of("-"));
        assertThat(r.resources()).isEmpty();
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo("<stdin>");
            assertThat(e.message()).contains("larger than 128 MiB");
        });
    }

    @Test
    void missingPathsAndBinaryFilesAreErrors(@TempDir Path dir) throws Exception {
        Path bin = dir.resolve("bin.yaml");
        Files.write(bin, new byte[] {(byte) 0xff, 0x00, (byte) 0xfe, 0x41}); // FF FE first would be a UTF-16 BOM
        LoadResult r = loader.load(List.of(dir.resolve("nope.yaml").toString(), bin.toString()));
        assertThat(r.errors()).extracting(e -> e.message()).containsExactlyInAnyOrder("no such file or directory", "not UTF-8 text");
    }

    @Test
    void byteOrderMarkIsIgnored() {
        LoadResult r = loader.loadText("bom.yaml", "\uFEFFapiVersion: v1\nkind: Namespace\nmetadata: {name: n}\n");
        assertThat(r.resources()).hasSize(1);
    }

    @Test
    void separatorWithContentIsReportedAsKubectlDoes() {
        LoadResult r = loader.loadText("s.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n--- {apiVersion: v1}\n");
        assertThat(r.resources()).hasSize(1);
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(4);
            assertThat(e.message()).contains("document separator");
        });
    }

    @Test
    void manyDocumentsParseInParallelInOrder() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            sb.append("---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm").append(i).append("}\n");
        }
        LoadResult r = loader.loadText("many.yaml", sb.toString());
        assertThat(r.resources()).hasSize(200);
        assertThat(r.resources().get(150).name()).isEqualTo("cm150");
        assertThat(r.resources().get(150).locate(JsonPath.of("kind")).line()).isEqualTo(150 * 4 + 3);
    }
}
