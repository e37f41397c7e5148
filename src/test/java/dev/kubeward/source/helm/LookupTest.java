package dev.kubeward.source.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.model.Resource;
import dev.kubeward.source.LoadResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code lookup} renders as {@code helm template} renders it without a cluster: an empty map
 * (Helm's engine gives that whenever it does not talk to the API server). The embedded Helm's
 * {@code template} would ask {@code localhost:8080} and fail the whole chart.
 */
class LookupTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '^', textBlock = """
            # the function word in an action is replaced
            {{ lookup "v1" "Secret" "ns" "x" }} => {{ omit (dict) "v1" "Secret" "ns" "x" }}
            {{- $s := (lookup "v1" "Pod" "" "").items -}} => {{- $s := (omit (dict) "v1" "Pod" "" "").items -}}
            {{ if lookup "v1" "Secret" .Release.Namespace "x" }} => {{ if omit (dict) "v1" "Secret" .Release.Namespace "x" }}
            {{ (lookup "v1" "Secret" "a" "b") | default dict }} => {{ (omit (dict) "v1" "Secret" "a" "b") | default dict }}
            a {{ lookup "a" "b" "c" "d" }} b {{ lookup "e" "f" "g" "h" }} => a {{ omit (dict) "a" "b" "c" "d" }} b {{ omit (dict) "e" "f" "g" "h" }}
            # not the function: fields, variables, longer names, strings, comments, text outside actions
            {{ .Values.lookup }} => {{ .Values.lookup }}
            {{ $lookup := 1 }}{{ $lookup }} => {{ $lookup := 1 }}{{ $lookup }}
            {{ include "x.lookup" . }} => {{ include "x.lookup" . }}
            {{ lookupTable }} => {{ lookupTable }}
            {{ mylookup 1 }} => {{ mylookup 1 }}
            {{ printf "lookup %s" "x" }} => {{ printf "lookup %s" "x" }}
            {{ printf `lookup` }} => {{ printf `lookup` }}
            {{ printf "a \\" lookup" }} => {{ printf "a \\" lookup" }}
            {{/* lookup "v1" "Secret" */}} => {{/* lookup "v1" "Secret" */}}
            {{- /* lookup */ -}} {{ lookup "a" "b" "c" "d" }} => {{- /* lookup */ -}} {{ omit (dict) "a" "b" "c" "d" }}
            lookup table: {{ .Values.x }} lookup => lookup table: {{ .Values.x }} lookup
            a "{{" lookup "}}" => a "{{" lookup "}}"
            """)
    void onlyTheFunctionWordInAnActionIsReplaced(String template, String expected) {
        assertThat(ChartRenderer.withoutLookup(template)).isEqualTo(expected);
    }

    @Test
    void linesAreNeitherAddedNorRemoved() {
        String t = "a: {{ lookup \"v1\"\n \"Secret\" \"n\" \"x\" }}\n{{/* lookup\n */}}\nb: lookup\n";
        assertThat(ChartRenderer.withoutLookup(t).lines().count()).isEqualTo(t.lines().count());
    }

    @Test
    void aChartThatLooksUpRendersAsHelmTemplateWithNothingFound(@TempDir Path dir) throws IOException {
        HelmChartTest.assumeEmbeddedHelm();
        Path chart = dir.resolve("lk");
        Files.createDirectories(chart.resolve("templates"));
        Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: lk\nversion: 0.1.0\n");
        Files.writeString(chart.resolve("values.yaml"), "lookup: from-values\n");
        // The pattern Bitnami's common chart uses to keep a generated password across upgrades.
        Files.writeString(chart.resolve("templates/secret.yaml"), """
                {{- $existing := (lookup "v1" "Secret" .Release.Namespace "db") -}}
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: db
                data:
                  found: {{ if $existing }}"yes"{{ else }}"no"{{ end }}
                  pods: "{{ range (lookup "v1" "Pod" "" "").items }}x{{ end }}"
                  value: {{ .Values.lookup | quote }}
                  text: "lookup stays"
                """);
        LoadResult r = HelmChartTest.load(HelmOptions.DEFAULT, null, chart.toString());
        assertThat(r.errors()).isEmpty();
        Resource cm = HelmChartTest.find(r, "ConfigMap", "db");
        assertThat(cm.object().path("data").path("found").asText()).isEqualTo("no");
        assertThat(cm.object().path("data").path("pods").asText()).isEqualTo("");
        assertThat(cm.object().path("data").path("value").asText()).isEqualTo("from-values");
        assertThat(cm.object().path("data").path("text").asText()).isEqualTo("lookup stays");
        assertThat(cm.origin().file()).isEqualTo(chart + "/templates/secret.yaml");
        assertThat(cm.locate(dev.kubeward.model.JsonPath.parse("data.text")).line()).isEqualTo(10);
    }
}
