package dev.kubeward.source.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Location;
import dev.kubeward.source.ParsedDocument;
import dev.kubeward.source.YamlTreeBuilder;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Where a rendered field is placed in its template, without Helm: a template and what it
 * rendered, side by side. A traced field stands on its template line with no note; a field that
 * no line or action of the template wrote stands at its parent's line, noted with its line in the
 * rendered document.
 */
class TemplateMapTest {
    static final String TEMPLATE = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {{ .Release.Name }}
              labels:
                {{- include "shop.labels" . | nindent 4 }}
            spec:
              template:
                spec:
                  {{- if .Values.hostNetwork }}
                  hostNetwork: true
                  {{- end }}
                  containers:
                    {{- range .Values.containers }}
                    - name: {{ .name }}
                      image: {{ .image }}
                      securityContext: {privileged: {{ .privileged }}, runAsUser: 0}
                      resources:
                        {{- toYaml .resources | nindent 14 }}
                    {{- end }}
            """;
    static final String RENDERED = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: shop
              labels:
                app: shop
                tier: web
            spec:
              template:
                spec:
                  hostNetwork: true
                  containers:
                  - name: web
                    image: nginx:1.27
                    securityContext: {privileged: true, runAsUser: 0}
                    resources:
                      limits:
                        cpu: 100m
                  - name: sidecar
                    image: busybox:1.36
                    securityContext: {privileged: false, runAsUser: 0}
                    resources:
                      limits:
                        cpu: 50m
            """;

    static Stream<Arguments> table() {
        return Stream.of(
                // path, template line, rendered line of the note (0: no note, the line is the template's)
                Arguments.of("metadata.name", 4, 0),
                Arguments.of("metadata.labels.tier", 6, 0), // written by the include: its line, traced
                Arguments.of("spec.template.spec.hostNetwork", 11, 0), // inside the if
                Arguments.of("spec.template.spec.containers[0].image", 16, 0),
                Arguments.of("spec.template.spec.containers[1].image", 16, 0), // the loop body again
                Arguments.of("spec.template.spec.containers[1].resources.limits.cpu", 19, 0), // toYaml's line
                Arguments.of("spec.template.spec.containers[0].securityContext", 17, 0),
                // A flow mapping is not followed: its parent's line, and the rendered line said.
                Arguments.of("spec.template.spec.containers[0].securityContext.privileged", 17, 15),
                Arguments.of("spec.template.spec.containers[1].securityContext.runAsUser", 17, 21),
                // A missing field is its deepest existing parent, traced: no note.
                Arguments.of("spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation", 17, 0));
    }

    @ParameterizedTest(name = "{0} -> {1} (rendered {2})")
    @MethodSource("table")
    void fieldsStandOnTheirTemplateLinesOrSayTheirRenderedLine(String path, int line, int renderedLine)
            throws YamlTreeBuilder.YamlError {
        ParsedDocument doc = YamlTreeBuilder.parse(RENDERED, 1);
        var map = TemplateMap.of(TEMPLATE).locate(doc.root(), doc.sourceMap(), 0);
        Location at = map.locate("templates/deploy.yaml", doc.root(), JsonPath.parse(path));
        assertThat(at.file()).isEqualTo("templates/deploy.yaml");
        assertThat(at.line()).isEqualTo(line);
        if (renderedLine == 0) {
            assertThat(at.note()).isNull();
        } else {
            assertThat(at.note()).isEqualTo(TemplateMap.renderedNote(renderedLine))
                    .startsWith("rendered line " + renderedLine + ": ");
        }
    }
}
