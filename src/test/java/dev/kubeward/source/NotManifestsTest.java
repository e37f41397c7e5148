package dev.kubeward.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.source.repo.Exclusion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files of a repository that are not manifests: other tools' JSON and Helm templates are not input errors. */
class NotManifestsTest {
    private final ManifestLoader loader = new ManifestLoader();

    @Test
    void jsonOfOtherToolsIsSkippedAndCounted() {
        String tsconfig = """
                {
                  // TypeScript settings
                  "compilerOptions": {
                    "target": "es2022",
                    "strict": true,   /* block comment */
                  },
                }
                """;
        assertSkippedNotError("tsconfig.json", tsconfig);
        assertSkippedNotError(".eslintrc.json", "{\n  \"extends\": [\"eslint:recommended\",],\n}\n");
        assertSkippedNotError("composer.json", "{\n  \"name\": \"acme/x\",\n  \"require\": {\"php\": \">=8\"}\n  \"x\": 1\n}\n");
        assertSkippedNotError("data.json", "[1, 2,\n");
    }

    private void assertSkippedNotError(String name, String text) {
        LoadResult r = loader.loadText(name, text);
        assertThat(r.errors()).as(name).isEmpty();
        assertThat(r.resources()).as(name).isEmpty();
        assertThat(r.skipped()).as(name).singleElement().satisfies(s -> {
            assertThat(s.reason()).startsWith("not a Kubernetes object (JSON of another tool");
            assertThat(s.line()).isPositive();
        });
    }

    @Test
    void validJsonOfOtherToolsIsSkippedPerValue() {
        LoadResult lines = loader.loadText("events.jsonl.json", "{\"a\": 1}\n{\"b\": 2}\n{\"c\": 3}\n");
        assertThat(lines.errors()).isEmpty();
        assertThat(lines.skipped()).extracting(LoadResult.Skipped::line).containsExactly(1, 2, 3);
        LoadResult pkg = loader.loadText("package.json", "{\"name\": \"shop\", \"version\": \"1.0.0\", \"scripts\": {}}\n");
        assertThat(pkg.errors()).isEmpty();
        assertThat(pkg.skipped()).hasSize(1);
    }

    @Test
    void jsonThatNamesApiVersionAndKindIsAManifestAndFailingToParseIsAnError() {
        LoadResult r = loader.loadText("deploy.json", "{\n  \"apiVersion\": \"apps/v1\",\n  \"kind\": \"Deployment\",\n}\n");
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(4);
            assertThat(e.message()).startsWith("invalid JSON: a ',' before '}'");
        });
        assertThat(r.skipped()).isEmpty();
    }

    @Test
    void aYamlTemplateThatDoesNotParseIsOneNoticeNotAnError() {
        String template = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: {{ include "shop.fullname" . }}
                  labels:
                    {{- include "shop.labels" . | nindent 4 }}
                spec:
                  replicas: {{ .Values.replicas }}
                """;
        LoadResult r = loader.loadText("deploy.yaml", template);
        assertThat(r.errors()).isEmpty();
        assertThat(r.resources()).isEmpty();
        assertThat(r.notices()).singleElement().satisfies(n -> {
            assertThat(n.file()).isEqualTo("deploy.yaml");
            assertThat(n.line()).isEqualTo(4);
            assertThat(n.message()).startsWith("Helm template: scan the chart");
        });
    }

    @Test
    void aTemplateThatOpensWithAnActionIsATemplateToo() {
        LoadResult r = loader.loadText("svc.yaml", "{{- if .Values.service.enabled }}\napiVersion: v1\nkind: Service\n{{- end }}\n");
        assertThat(r.errors()).isEmpty();
        assertThat(r.notices()).singleElement().satisfies(n -> assertThat(n.line()).isEqualTo(1));
    }

    @Test
    void aTemplateActionInAnotherDocumentDoesNotExcuseABrokenOne() {
        String text = """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: a}
                data:
                  template: "{{ .Status }}"
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: [broken
                """;
        LoadResult r = loader.loadText("m.yaml", text);
        assertThat(r.errors()).hasSize(1);
        assertThat(r.notices()).isEmpty();
        assertThat(r.resources()).hasSize(1);
    }

    @Test
    void aChartDirectoryIsRenderedSoItsTemplatesAreNotLeftOut(@TempDir Path dir) throws Exception {
        dev.kubeward.source.helm.HelmChartTest.assumeEmbeddedHelm();
        Path chart = Files.createDirectories(dir.resolve("charts/shop/templates"));
        Files.writeString(dir.resolve("charts/shop/Chart.yaml"), "apiVersion: v2\nname: shop\nversion: 0.1.0\n");
        Files.writeString(dir.resolve("charts/shop/values.yaml"), "replicas: 2\n");
        Files.writeString(chart.resolve("deploy.yaml"),
                "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n");
        Files.writeString(chart.resolve("svc.yaml"), "apiVersion: v1\nkind: Service\nmetadata: {name: s}\n");
        Files.createDirectories(dir.resolve("charts/shop/crds"));
        Files.writeString(dir.resolve("charts/shop/crds/crd.yaml"),
                "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: shops.acme.io}\n");
        LoadResult r = loader.load(List.of(dir.toString()));
        assertThat(r.errors()).isEmpty();
        // crds/ read as plain manifests, templates rendered by Helm, each object at its template.
        assertThat(r.resources()).extracting(res -> res.kind() + " " + res.origin().file()).containsExactlyInAnyOrder(
                "CustomResourceDefinition " + dir.resolve("charts/shop/crds/crd.yaml"),
                "Deployment " + chart.resolve("deploy.yaml"), "Service " + chart.resolve("svc.yaml"));
        assertThat(r.excluded()).isEmpty();
        assertThat(r.notices()).isEmpty();
    }
}
