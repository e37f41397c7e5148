package dev.kubeward.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.model.JsonPath;
import org.junit.jupiter.api.Test;

/** Mappings, anchors, merges, duplicates, tags and limits, as kubectl's YAML reader handles them. */
class YamlTreeBuilderTest {
    private static JsonNode json(String yaml) throws Exception {
        return YamlTreeBuilder.parse(yaml, 1).root();
    }

    @Test
    void quotedScalarsStayStrings() throws Exception {
        assertThat(json("a: 'yes'\nb: \"0x10\"\nc: !!str on\nd: yes\n").toString())
                .isEqualTo("{\"a\":\"yes\",\"b\":\"0x10\",\"c\":\"on\",\"d\":true}");
    }

    @Test
    void keysAreResolvedThenPrintedAsText() throws Exception {
        // sigs.k8s.io/yaml turns the key "on" into "true" and the key 0x10 into "16".
        assertThat(json("on: 1\n0x10: a\n'on': 2\n").toString())
                .isEqualTo("{\"true\":1,\"16\":\"a\",\"on\":2}");
    }

    @Test
    void duplicateKeysKeepTheLastValueAndAreRecorded() throws Exception {
        ParsedDocument doc = YamlTreeBuilder.parse("spec:\n  a: 1\n  b: 2\n  a: 3\n", 1);
        assertThat(doc.root().toString()).isEqualTo("{\"spec\":{\"a\":3,\"b\":2}}");
        assertThat(doc.duplicates()).singleElement().satisfies(d -> {
            assertThat(d.path().toString()).isEqualTo("spec.a");
            assertThat(d.overridden().line()).isEqualTo(2);
            assertThat(d.winner().line()).isEqualTo(4);
        });
        assertThat(doc.sourceMap().locate(doc.root(), JsonPath.of("spec", "a")).line()).isEqualTo(4);
    }

    @Test
    void keysThatCollideAfterResolutionAreDuplicates() throws Exception {
        ParsedDocument doc = YamlTreeBuilder.parse("yes: a\ntrue: b\n", 1);
        assertThat(doc.root().toString()).isEqualTo("{\"true\":\"b\"}");
        assertThat(doc.duplicates()).hasSize(1);
    }

    @Test
    void anchorsAndAliasesCopyValues() throws Exception {
        assertThat(json("a: &x {p: true}\nb: *x\n").toString()).isEqualTo("{\"a\":{\"p\":true},\"b\":{\"p\":true}}");
    }

    @Test
    void mergeKeysFollowGoYamlV2Order() throws Exception {
        // go-yaml v2 writes merged keys at the point of <<: an explicit key after it wins,
        // one before it is overwritten; in a sequence the first mapping wins.
        String yaml = """
                base: &base {a: 1, b: 1}
                other: &other {b: 2, c: 2}
                after:
                  <<: *base
                  a: 9
                before:
                  a: 9
                  <<: *base
                seq:
                  <<: [*base, *other]
                """;
        JsonNode n = json(yaml);
        assertThat(n.get("after").toString()).isEqualTo("{\"a\":9,\"b\":1}");
        assertThat(n.get("before").toString()).isEqualTo("{\"a\":1,\"b\":1}");
        assertThat(n.get("seq").toString()).isEqualTo("{\"b\":1,\"c\":2,\"a\":1}");
    }

    @Test
    void mergedKeysKeepThePositionOfTheirDefinition() throws Exception {
        ParsedDocument doc = YamlTreeBuilder.parse("base: &b\n  privileged: true\nsc:\n  <<: *b\n", 1);
        assertThat(doc.sourceMap().locate(doc.root(), JsonPath.of("sc", "privileged")).line()).isEqualTo(2);
    }

    @Test
    void duplicatesAreToldApartFromMergedKeys() throws Exception {
        ParsedDocument doc = YamlTreeBuilder.parse("""
                base: &b {x: 1}
                m:
                  a: 1
                  <<: *b
                  x: 2
                  a: 3
                """, 1);
        assertThat(doc.root().get("m").toString()).isEqualTo("{\"a\":3,\"x\":2}");
        assertThat(doc.duplicates()).singleElement().satisfies(d -> {
            assertThat(d.path().toString()).isEqualTo("m.a");
            assertThat(d.overridden().line()).isEqualTo(3);
            assertThat(d.winner().line()).isEqualTo(6);
        });
    }

    @Test
    void quotedMergeKeyIsAnOrdinaryKey() throws Exception {
        assertThat(json("'<<': {a: 1}\n").toString()).isEqualTo("{\"<<\":{\"a\":1}}");
    }

    @Test
    void mergeOfAScalarIsAnError() {
        assertThatThrownBy(() -> json("a: &s x\nb:\n  <<: *s\n"))
                .isInstanceOf(YamlTreeBuilder.YamlError.class).hasMessageContaining("map merge requires");
    }

    @Test
    void explicitTagsAreChecked() throws Exception {
        assertThat(json("a: !!int \"12\"\nb: !!bool yes\nc: !!float 1\n").toString())
                .isEqualTo("{\"a\":12,\"b\":true,\"c\":1.0}");
        assertThatThrownBy(() -> json("a: !!int abc\n")).isInstanceOf(YamlTreeBuilder.YamlError.class)
                .hasMessageContaining("cannot decode");
    }

    @Test
    void unknownTagsKeepTheText() throws Exception {
        assertThat(json("a: !Ref foo\nb: !!timestamp 2001-12-14\n").toString())
                .isEqualTo("{\"a\":\"foo\",\"b\":\"2001-12-14\"}");
    }

    @Test
    void binaryScalarsAreDecodedAsKubectlDecodesThem() throws Exception {
        // go-yaml v2 decodes !!binary into the string kubectl then applies: nginx:latest, not its base64.
        assertThat(json("image: !!binary bmdpbng6bGF0ZXN0\n").get("image").asText()).isEqualTo("nginx:latest");
        // Line breaks inside the value are ignored, as Go's base64 decoder ignores them.
        assertThat(json("image: !!binary |\n  bmdpbng6\n  bGF0ZXN0\n").get("image").asText()).isEqualTo("nginx:latest");
        // Keys are decoded too.
        assertThat(json("!!binary cHJpdmlsZWdlZA==: true\n").has("privileged")).isTrue();
    }

    @Test
    void binaryScalarsThatAreNotBase64AreInputErrors() {
        for (String bad : new String[] {"a: !!binary not*base64\n", "a: !!binary bmdpbng\n", "a: !!binary bmdp bng6\n"}) {
            assertThatThrownBy(() -> YamlTreeBuilder.parse(bad, 3)).as(bad)
                    .isInstanceOf(YamlTreeBuilder.YamlError.class).hasMessageContaining("invalid base64")
                    .satisfies(e -> assertThat(((YamlTreeBuilder.YamlError) e).line()).isEqualTo(3));
        }
    }

    @Test
    void infinityIsAnInputErrorWithItsLine() {
        assertThatThrownBy(() -> YamlTreeBuilder.parse("a: 1\nb: .inf\n", 10))
                .isInstanceOf(YamlTreeBuilder.YamlError.class)
                .satisfies(e -> assertThat(((YamlTreeBuilder.YamlError) e).line()).isEqualTo(11));
    }

    @Test
    void billionLaughsIsStoppedWithAClearError() {
        StringBuilder sb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i <= 9; i++) {
            sb.append("a").append(i).append(": &a").append(i).append(" [");
            for (int k = 0; k < 10; k++) {
                sb.append(k == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            sb.append("]\n");
        }
        assertThatThrownBy(() -> json(sb.toString())).isInstanceOf(YamlTreeBuilder.YamlError.class)
                .hasMessageMatching(".*(aliases|expands to more than).*");
    }

    @Test
    void expansionLimitHoldsBelowTheAliasLimit() {
        // 6 levels of 8 aliases: 48 aliases (under the alias limit) but 8^6 = 262,144 leaves per
        // copy of the top, and the top is referenced 8 more times: over the node limit.
        StringBuilder sb = new StringBuilder("l0: &l0 [");
        sb.append("x, ".repeat(7)).append("x]\n");
        for (int i = 1; i <= 7; i++) {
            sb.append("l").append(i).append(": &l").append(i).append(" [");
            for (int k = 0; k < 8; k++) {
                sb.append(k == 0 ? "" : ", ").append("*l").append(i - 1);
            }
            sb.append("]\n");
        }
        assertThatThrownBy(() -> json(sb.toString())).isInstanceOf(YamlTreeBuilder.YamlError.class)
                .hasMessageContaining("expands to more than");
    }

    @Test
    void deepNestingIsRejected() {
        String deep = "[".repeat(1000) + "]".repeat(1000);
        assertThatThrownBy(() -> json("a: " + deep + "\n")).isInstanceOf(YamlTreeBuilder.YamlError.class)
                .hasMessageContaining("nesting deeper than 256");
    }

    @Test
    void recursiveAliasIsRejected() {
        assertThatThrownBy(() -> json("a: &a [1, *a]\n")).isInstanceOf(YamlTreeBuilder.YamlError.class)
                .hasMessageContaining("recursive");
    }

    @Test
    void complexKeysAndNullKeysAreRejectedAsKubectlDoes() {
        assertThatThrownBy(() -> json("? [a, b]\n: c\n")).isInstanceOf(YamlTreeBuilder.YamlError.class)
                .hasMessageContaining("unsupported map key");
        assertThatThrownBy(() -> json("~: c\n")).isInstanceOf(YamlTreeBuilder.YamlError.class)
                .hasMessageContaining("null");
    }

    @Test
    void syntaxErrorsCarryTheFileLine() {
        assertThatThrownBy(() -> YamlTreeBuilder.parse("a: 1\nb: [1, 2\nc: 3\n", 20))
                .isInstanceOf(YamlTreeBuilder.YamlError.class)
                .satisfies(e -> assertThat(((YamlTreeBuilder.YamlError) e).line()).isBetween(21, 23))
                .hasMessageStartingWith("invalid YAML");
    }

    @Test
    void tabIndentationIsASyntaxError() {
        assertThatThrownBy(() -> json("a:\n\tb: 1\n")).isInstanceOf(YamlTreeBuilder.YamlError.class);
    }

    @Test
    void positionsAreOneBasedAndOffsetByTheDocumentStart() throws Exception {
        ParsedDocument doc = YamlTreeBuilder.parse("spec:\n  containers:\n    - name: a\n      image: x\n", 5);
        JsonPath image = JsonPath.of("spec", "containers").index(0).key("image");
        assertThat(doc.sourceMap().locate(doc.root(), image)).hasToString("8:7");
        // A missing field locates at its deepest existing ancestor.
        assertThat(doc.sourceMap().locate(doc.root(), JsonPath.of("spec", "containers").index(0).key("securityContext")))
                .hasToString("7:7");
    }

    @Test
    void commentOnlyDocumentIsEmpty() throws Exception {
        assertThat(YamlTreeBuilder.parse("# nothing\n", 1)).isNull();
    }
}
