package dev.kubeward.source.helm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Position;
import dev.kubeward.model.Resource;
import java.util.Arrays;

/** What Helm's annotations and release say about a rendered object. */
public final class HelmHooks {
    private HelmHooks() {}

    /** The {@code helm.sh/hook} annotation's value ("" when there is none). */
    public static String hooks(JsonNode object) {
        JsonNode v = object.path("metadata").path("annotations").path(ChartRenderer.HOOK);
        return v.isTextual() ? v.textValue() : "";
    }

    /**
     * A chart's test ({@code helm.sh/hook: test}, or Helm 2's {@code test-success} and
     * {@code test-failure}): run by {@code helm test}, not installed with the release.
     */
    public static boolean isTest(JsonNode object) {
        return Arrays.stream(hooks(object).split(",")).map(String::strip)
                .anyMatch(h -> h.equals("test") || h.equals("test-success") || h.equals("test-failure"));
    }

    /**
     * Whether the object's {@code default} namespace is the release's rather than written in the
     * chart: no {@code -n} was given and the template writes the namespace with an action
     * ({@code namespace: {{ .Release.Namespace }}}). Such an object is in the kubeconfig context's
     * namespace, as one that names none.
     */
    public static boolean releaseNamespace(Resource r, ChartRenderer.TemplateText source, String explicit) {
        if (explicit != null && !explicit.isEmpty() || source == null || !"default".equals(r.namespace())) {
            return false;
        }
        Position p = r.locate(JsonPath.of("metadata", "namespace"));
        String[] lines = source.text().split("\n", -1);
        return p.line() >= 1 && p.line() <= lines.length && lines[p.line() - 1].contains("{{");
    }
}
