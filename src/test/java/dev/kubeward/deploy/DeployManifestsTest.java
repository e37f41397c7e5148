package dev.kubeward.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * deploy/manifests/ is the chart rendered, byte for byte: a change of the chart that is not
 * rendered again fails here. deploy/render.sh runs this test with -Dkubeward.deploy.write=true,
 * which writes the files instead of comparing them.
 */
class DeployManifestsTest {
    private static final boolean WRITE = Boolean.getBoolean("kubeward.deploy.write");

    static Stream<DeployChart.Variant> variants() {
        return DeployChart.VARIANTS.stream();
    }

    @ParameterizedTest
    @MethodSource("variants")
    void theCheckedInManifestsAreTheChartRendered(DeployChart.Variant variant) throws Exception {
        String rendered = DeployChart.manifest(variant);
        Path file = DeployChart.MANIFESTS.resolve(variant.file());
        if (WRITE) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, rendered, StandardCharsets.UTF_8);
        }
        assertThat(file).as("deploy/manifests/%s is missing: run deploy/render.sh", variant.file()).exists();
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .as("deploy/manifests/%s differs from the chart rendered: run deploy/render.sh", variant.file())
                .isEqualTo(rendered);
    }

    @Test
    void everyFileOfTheManifestsDirectoryIsAVariant() throws Exception {
        List<String> files;
        try (Stream<Path> s = Files.list(DeployChart.MANIFESTS)) {
            files = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(files).as("a file in deploy/manifests/ that render.sh does not write would drift")
                .containsExactlyInAnyOrderElementsOf(DeployChart.VARIANTS.stream().map(DeployChart.Variant::file).toList());
    }

    /**
     * The webhook runs for days: its container's command is the image's own runtime and jar (as the
     * Dockerfile's ENTRYPOINT names them) with the server's JVM options, not the ENTRYPOINT's options
     * for short scans (C1 only, every survivor promoted: 2-3 times the CPU per review).
     */
    @Test
    void theWebhookRunsTheImagesJvmWithServerOptions() throws Exception {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\nENTRYPOINT (\\[.*])\n")
                .matcher(Files.readString(Path.of("Dockerfile")));
        assertThat(m.find()).as("the Dockerfile's ENTRYPOINT").isTrue();
        List<String> entrypoint = new com.fasterxml.jackson.databind.ObjectMapper().readValue(m.group(1),
                new com.fasterxml.jackson.core.type.TypeReference<List<String>>() {});
        assertThat(entrypoint).contains("-XX:TieredStopAtLevel=1");
        com.fasterxml.jackson.databind.JsonNode container = DeployChart.object(DeployChart.objects(), "Deployment", "kubeward-webhook")
                .at("/spec/template/spec/containers/0");
        List<String> command = new java.util.ArrayList<>();
        container.path("command").forEach(c -> command.add(c.asText()));
        assertThat(command).as("the webhook's command").isNotEmpty();
        assertThat(command.get(0)).isEqualTo(entrypoint.get(0));
        assertThat(command.subList(command.size() - 2, command.size())).isEqualTo(entrypoint.subList(entrypoint.size() - 2, entrypoint.size()));
        assertThat(command).doesNotContain("-XX:TieredStopAtLevel=1", "-XX:MaxTenuringThreshold=0")
                .contains("-XX:+UseSerialGC", "-XX:SharedArchiveFile=/opt/kubeward/kubeward.jsa");
        assertThat(container.path("args").path(0).asText()).isEqualTo("serve");
    }

    @Test
    void theScannerVariantHasNoWebhookAndTheFullOneHasBoth() {
        assertThat(DeployChart.objects("webhook.enabled=false"))
                .noneMatch(o -> o.path("metadata").path("name").asText().contains("webhook"))
                .anyMatch(o -> o.path("kind").asText().equals("CronJob"));
        assertThat(DeployChart.objects())
                .anyMatch(o -> o.path("kind").asText().equals("CronJob"))
                .anyMatch(o -> o.path("kind").asText().equals("ValidatingWebhookConfiguration"))
                .noneMatch(o -> o.path("kind").asText().equals("MutatingWebhookConfiguration"));
    }
}
