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
