package dev.kubeward.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.model.InputError;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A document meant as an object whose type fields kubectl cannot read is an input error with its
 * line (kubectl refuses it: "Object 'Kind' is missing"); a document that is no object at all is
 * skipped and counted.
 */
class MisspeltObjectsTest {
    private final ManifestLoader loader = new ManifestLoader();

    static Stream<Arguments> errors() {
        return Stream.of(
                // document, line of the error, words the message has
                Arguments.of("apiversion: v1\nkind: ConfigMap\nmetadata: {name: a}\n", 1, "'apiversion' is not 'apiVersion'"),
                Arguments.of("apiVersion: v1\nKind: ConfigMap\nmetadata: {name: a}\n", 2, "'Kind' is not 'kind'"),
                Arguments.of("apiVersion: v1\nKIND: ConfigMap\nmetadata: {name: a}\n", 2, "'KIND' is not 'kind'"),
                Arguments.of("APIVERSION: v1\nKIND: ConfigMap\n", 1, "'APIVERSION' is not 'apiVersion'"),
                Arguments.of("api_version: v1\nkind: Pod\n", 1, "'api_version' is not 'apiVersion'"),
                Arguments.of("# header\nKind: Secret\n", 2, "'Kind' is not 'kind'"),
                Arguments.of("apiVersion: apps/v1\nmetadata:\n  name: web\nspec: {}\n", 1, "apiVersion without kind"),
                Arguments.of("metadata:\n  name: web\nkind: Deployment\n", 3, "kind without apiVersion"),
                Arguments.of("apiVersion: 1\nkind: Pod\nmetadata: {name: a}\n", 1, "apiVersion must be a non-empty string, not the number 1"),
                Arguments.of("apiVersion: v1\nkind: [Pod]\n", 2, "kind must be a non-empty string, not a list"),
                Arguments.of("apiVersion: v1\nkind: true\n", 2, "not the boolean true"),
                Arguments.of("apiVersion: v1\nkind: ''\nmetadata: {name: a}\n", 2, "not an empty one"),
                Arguments.of("apiVersion: v1\nkind:\nmetadata: {name: a}\n", 2, "not null"),
                Arguments.of("metadata:\n  name: lost-header\nspec: {}\n", 1, "names no apiVersion and kind"),
                Arguments.of("apiVersion: v1\nkind: List\nitems:\n- metadata: {name: x}\n", 4, "list item names no apiVersion and kind"),
                Arguments.of("apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  Kind: Pod\n", 5, "'Kind' is not 'kind'"),
                Arguments.of("{\"apiVersion\": \"v1\",\n \"Kind\": \"Pod\"}\n", 2, "'Kind' is not 'kind'"));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void isAnInputErrorWithItsLine(String text, int line, String says) {
        LoadResult r = loader.loadText("m.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: kept}\n---\n" + text);
        assertThat(r.resources()).as("the good document is still read").singleElement()
                .satisfies(ns -> assertThat(ns.name()).isEqualTo("kept"));
        assertThat(r.skipped()).isEmpty();
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo("m.yaml");
            assertThat(e.line()).isEqualTo(line + 4);
            assertThat(e.message()).contains(says);
        });
    }

    static Stream<Arguments> skipped() {
        return Stream.of(
                Arguments.of("apiVersion: v2\nname: shop\nversion: 1.2.0\n", "a Helm Chart.yaml"),
                Arguments.of("kind: DaemonSet\nreplicaCount: 2\nimage: {repository: fluent/fluent-bit}\n", "chart values with a top-level kind"),
                Arguments.of("just: config\n", "plain configuration"),
                Arguments.of("kinds: [a]\napiVersions: [v1]\n", "keys that only start like the type fields"));
    }

    @ParameterizedTest
    @MethodSource("skipped")
    void isSkippedWhenItLooksLikeNoObject(String text, String what) {
        LoadResult r = loader.loadText("c.yaml", text);
        assertThat(r.errors()).as(what).extracting(InputError::message).isEmpty();
        assertThat(r.resources()).as(what).isEmpty();
        assertThat(r.skipped()).as(what).singleElement()
                .satisfies(s -> assertThat(s.reason()).contains("not a Kubernetes object"));
    }
}
