package dev.kubeward.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Resource;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Inputs as large as kubectl reads: a long {@code kubectl get -o yaml} list, one long scalar in
 * each style, a long JSON string. Only contents are asserted (how long reading takes is measured by
 * {@code dev.kubeward.bench.ReadLinearity}, never in a test), while the limits against hostile
 * documents still hold.
 */
class LargeInputTest {
    private final ManifestLoader loader = new ManifestLoader();

    /** A list shaped as {@code kubectl get pods -o yaml} prints it, of at least {@code bytes} characters. */
    private static String kubectlList(int bytes) {
        StringBuilder sb = new StringBuilder("apiVersion: v1\nitems:\n");
        int i = 0;
        while (sb.length() < bytes) {
            sb.append("""
                    - apiVersion: v1
                      kind: Pod
                      metadata:
                        labels:
                          app: web
                          pod-template-hash: 7d9c%1$06d
                        name: web-%1$06d
                        namespace: team-%2$d
                        resourceVersion: "%1$d"
                        uid: 5b0e3a4c-%1$06d
                      spec:
                        containers:
                        - image: registry.example/web:1.%2$d
                          name: web
                          ports:
                          - containerPort: 8080
                            protocol: TCP
                          resources: {}
                        nodeName: node-%2$d
                        serviceAccountName: default
                      status:
                        phase: Running
                        podIP: 10.0.%2$d.%3$d
                    """.formatted(i, i % 40, i % 250));
            i++;
        }
        return sb.append("kind: List\nmetadata:\n  resourceVersion: \"\"\n").toString();
    }

    private static long nodes(com.fasterxml.jackson.databind.JsonNode node) {
        long n = 1;
        for (com.fasterxml.jackson.databind.JsonNode child : node) {
            n += nodes(child);
        }
        return n;
    }

    @Test
    void aKubectlListLongerThanSnakeYamlsDefaultLimitIsReadWhole() {
        String text = kubectlList(35 << 20);
        // One document longer than the 32 Mi code points the reader used to allow, and with more
        // nodes written out (29 an item) than aliases may add to a document.
        assertThat(text.length()).isGreaterThan(35 << 20);
        LoadResult r = loader.loadText("pods.yaml", text);

        assertThat(r.errors()).isEmpty();
        int items = r.resources().size();
        assertThat(r.resources().stream().mapToLong(p -> nodes(p.object())).sum())
                .isGreaterThan(YamlTreeBuilder.MAX_EXPANDED_NODES);
        Resource last = r.resources().get(items - 1);
        assertThat(last.kind()).isEqualTo("Pod");
        assertThat(last.name()).isEqualTo("web-%06d".formatted(items - 1));
        assertThat(last.object().at("/spec/containers/0/ports/0/containerPort").intValue()).isEqualTo(8080);
        assertThat(last.object().at("/status/podIP").asText())
                .isEqualTo("10.0.%d.%d".formatted((items - 1) % 40, (items - 1) % 250));
        // Positions are right at the end of the file too: the last item's name is 7 lines into it.
        int lastItemLine = text.substring(0, text.lastIndexOf("- apiVersion: v1")).split("\n", -1).length;
        assertThat(last.locate(JsonPath.of("metadata", "name")).line()).isEqualTo(lastItemLine + 6);
    }

    @Test
    void aJsonStringLongerThanJacksonsDefaultLimitIsReadNotCalledTooDeep() {
        String payload = "QUJD".repeat(5_300_000); // 21.2 million characters, over Jackson's 20 million
        String text = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"big\"},"
                + "\"data\":{\"blob\":\"" + payload + "\"}}\n";
        LoadResult r = loader.loadText("big.json", text);

        assertThat(r.errors()).isEmpty();
        assertThat(r.resources()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("big");
            assertThat(c.object().at("/data/blob").textValue()).isEqualTo(payload);
        });
    }

    @Test
    void aLongJsonKeyIsRead() {
        String key = "k".repeat(60_000); // over Jackson's default of 50,000 for a name
        LoadResult r = loader.loadText("k.json",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"k\"},\"data\":{\"" + key + "\":\"v\"}}");
        assertThat(r.errors()).isEmpty();
        assertThat(r.resources().get(0).object().path("data").path(key).asText()).isEqualTo("v");
    }

    @Test
    void jsonNestingIsStillLimitedAndSaidSo() {
        String deep = "[".repeat(300) + "]".repeat(300);
        LoadResult r = loader.loadText("deep.json", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"x\":" + deep + "}");
        assertThat(r.resources()).isEmpty();
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo("deep.json");
            assertThat(e.message()).contains("nesting deeper than 256");
        });
    }

    @Test
    void aJsonNumberPastJacksonsLimitIsNamedAsANumber() {
        LoadResult r = loader.loadText("n.json", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"n\":" + "9".repeat(1200) + "}");
        assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.message()).contains("a number is longer"));
    }

    @Test
    void anEightMegabyteScalarIsReadInEveryStyle() {
        String payload = "QUJD".repeat(2 << 20); // 8 MiB without a space or a line break
        String head = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  blob: ";
        for (String text : List.of(head + payload + "\n", head + "'" + payload + "'\n", head + "\"" + payload + "\"\n",
                head + "|-\n    " + payload + "\n", head + ">-\n    " + payload + "\n")) {
            LoadResult r = loader.loadText("big.yaml", text);
            assertThat(r.errors()).isEmpty();
            assertThat(r.resources().get(0).object().at("/data/blob").textValue()).isEqualTo(payload);
            // The key after the scalar is found where it is.
            LoadResult after = loader.loadText("big.yaml", text + "  next: x\n");
            assertThat(after.resources().get(0).locate(JsonPath.of("data", "next")).line()).isEqualTo(text.split("\n").length + 1);
        }
    }

    /** A list of 50,001 nodes (the list and its scalars) and {@code copies} aliases to it. */
    private static String aliasedList(int copies) {
        StringBuilder sb = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\nbase: &b [");
        sb.append("x, ".repeat(49_999)).append("x]\ncopies: [");
        for (int i = 0; i < copies; i++) {
            sb.append(i == 0 ? "" : ", ").append("*b");
        }
        return sb.append("]\n").toString();
    }

    @Test
    void aliasesStillCannotMultiplyALongListsWorth() throws Exception {
        // Written nodes no longer count towards the alias expansion limit; aliased ones still do:
        // 41 copies of 50,001 nodes pass 2,000,000, 39 do not.
        assertThatThrownBy(() -> YamlTreeBuilder.parse(aliasedList(41), 1))
                .isInstanceOf(YamlTreeBuilder.YamlError.class)
                .hasMessageContaining("expands to more than " + YamlTreeBuilder.MAX_EXPANDED_NODES + " nodes through aliases");
        assertThat(YamlTreeBuilder.parse(aliasedList(39), 1).root().path("copies").size()).isEqualTo(39);
    }
}
