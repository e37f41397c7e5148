package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Custom resources that carry pods reach every door: scan, images and pss, with workloadKinds. */
class WorkloadKindsCommandTest {

    private static final String WIDGET = """
            apiVersion: example.com/v1
            kind: Widget
            metadata: {name: w, namespace: shop}
            spec:
              runner:
                template:
                  spec:
                    containers:
                    - name: app
                      image: ghcr.io/acme/widget:1.0
                      securityContext: {privileged: true}
            """;

    private static final String CONFIG = """
            workloadKinds:
            - group: example.com
              kind: Widget
              podTemplate: spec.runner.template
            """;

    @Test
    void aConfiguredKindIsScannedListedAndEvaluated(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("w.yaml"), WIDGET);
        Path cfg = Files.writeString(dir.resolve("k.yaml"), CONFIG);

        CliRunner scan = CliRunner.run("scan", f.toString(), "-c", cfg.toString(), "-f", "json", "--fail-on", "none");
        assertThat(scan.exitCode()).as(scan.err()).isZero();
        assertThat(scan.out()).contains("\"privileged-container\"").contains("spec.runner.template.spec.containers[0]");

        CliRunner without = CliRunner.run("scan", f.toString(), "-f", "json", "--fail-on", "none");
        assertThat(without.out()).doesNotContain("privileged-container");

        CliRunner images = CliRunner.run("images", f.toString(), "-c", cfg.toString());
        assertThat(images.out()).contains("ghcr.io/acme/widget:1.0");

        CliRunner pss = CliRunner.run("pss", f.toString(), "-c", cfg.toString(), "--level", "baseline");
        assertThat(pss.exitCode()).isEqualTo(1);
        assertThat(pss.out()).contains("REJECTED  Widget shop/w").contains("Privileged");
    }

    @Test
    void aKnownOperatorKindNeedsNoConfiguration(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("r.yaml"), """
                apiVersion: argoproj.io/v1alpha1
                kind: Rollout
                metadata: {name: web, namespace: shop}
                spec:
                  template:
                    spec:
                      hostPID: true
                      containers: [{name: web, image: nginx}]
                """);
        CliRunner scan = CliRunner.run("scan", f.toString(), "-f", "json", "--fail-on", "none");
        assertThat(scan.out()).contains("\"host-pid\"");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "'workloadKinds: {group: a}' | workloadKinds must be a list",
        "'workloadKinds:\\n- kind: Widget\\n  podTemplate: spec.template' | :2: a workload kind needs 'group'",
        "'workloadKinds:\\n- group: example.com\\n  podTemplate: spec.template' | :2: a workload kind needs 'kind'",
        "'workloadKinds:\\n- group: example.com\\n  kind: W' | needs exactly one of 'podTemplate'",
        "'workloadKinds:\\n- group: example.com\\n  kind: W\\n  podSpec: a\\n  podTemplate: b' | needs exactly one of",
        "'workloadKinds:\\n- group: example.com\\n  kind: W\\n  podTemplate: spec..template' | :4: empty key in path",
        "'workloadKinds:\\n- group: example.com\\n  kind: W\\n  podSpec: spec[0]' | :4: only [*] may stand in brackets",
        "'workloadKinds:\\n- group: example.com\\n  kind: W\\n  template: spec' | :4: unknown key 'template'",
    })
    void invalidWorkloadKindsAreInputErrorsWithTheirLine(String config, String message, @TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("w.yaml"), WIDGET);
        Path cfg = Files.writeString(dir.resolve("k.yaml"), config.replace("\\n", "\n") + "\n");
        CliRunner run = CliRunner.run("scan", f.toString(), "-c", cfg.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(message);
    }
}
