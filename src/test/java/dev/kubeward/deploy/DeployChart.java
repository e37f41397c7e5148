package dev.kubeward.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubeward.source.helm.ChartRenderer;
import dev.kubeward.source.helm.HelmOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * kubeward's own chart (deploy/chart/kubeward) rendered by the embedded Helm that {@code kubeward
 * scan} renders charts with, as the release deploy/manifests/ is made of.
 */
final class DeployChart {
    static final Path CHART = Path.of("deploy", "chart", "kubeward");
    static final Path MANIFESTS = Path.of("deploy", "manifests");
    static final String RELEASE = "kubeward";
    /** The oldest Kubernetes the chart supports: the manifests pin its Pod Security version. */
    static final String KUBE_VERSION = "v1.30.0";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A file of deploy/manifests/ and the --set values it is rendered with. */
    record Variant(String file, List<String> set, String description) {}

    static final List<Variant> VARIANTS = List.of(
            new Variant("kubeward.yaml", List.of(),
                    "the scanner and the webhook (with a cert-manager Certificate), as values.yaml sets them"),
            new Variant("scanner.yaml", List.of("webhook.enabled=false"),
                    "the scanner alone (webhook.enabled=false): no cert-manager needed"));

    private DeployChart() {}

    static ChartRenderer.Result render(String... set) {
        HelmOptions options = new HelmOptions(List.of(), Arrays.asList(set), RELEASE, "kubeward", KUBE_VERSION, List.of(), false);
        ChartRenderer.Result result = ChartRenderer.render(CHART, CHART.toString(), options);
        if (!result.errors().isEmpty()) {
            throw new AssertionError("the chart does not render with " + Arrays.toString(set) + ": " + result.errors());
        }
        return result;
    }

    /** What a file of deploy/manifests/ holds: a header, then each rendered document. */
    static String manifest(Variant variant) {
        ChartRenderer.Result result = render(variant.set().toArray(String[]::new));
        String header = "# kubeward: " + variant.description() + ".\n"
                + "# Rendered from deploy/chart/kubeward by deploy/render.sh (release " + RELEASE + ", Kubernetes "
                + KUBE_VERSION + (variant.set().isEmpty() ? "" : ", --set " + String.join(" --set ", variant.set()))
                + "): do not edit, change the chart and rerun it.\n";
        return header + result.documents().stream()
                .map(d -> "---\n" + d.text().strip() + "\n")
                .collect(Collectors.joining());
    }

    /** The objects the chart renders with these values, as JSON trees. */
    static List<JsonNode> objects(String... set) {
        List<JsonNode> out = new ArrayList<>();
        for (ChartRenderer.Document d : render(set).documents()) {
            for (Object o : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(d.text())) {
                if (o != null) {
                    out.add(JSON.valueToTree(o));
                }
            }
        }
        return out;
    }

    static JsonNode object(List<JsonNode> objects, String kind, String name) {
        return objects.stream()
                .filter(o -> o.path("kind").asText().equals(kind) && o.path("metadata").path("name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("the chart renders no " + kind + "/" + name));
    }
}
