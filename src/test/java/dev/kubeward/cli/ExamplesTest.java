package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubeward.check.CheckRegistry;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The bundled examples are the product's demonstration: every check fires on one, none on the other. */
class ExamplesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void insecureExampleTripsEveryCheck() throws Exception {
        CliRunner r = CliRunner.run("scan", "examples/insecure", "--config", "examples/kubeward.yaml", "-f", "json");
        assertThat(r.exitCode()).isEqualTo(1);
        Set<String> fired = new TreeSet<>();
        JSON.readTree(r.out()).get("findings").forEach(f -> fired.add(f.get("checkId").asText()));
        // vap:NAME ids come from the example's own admission policy, not from a check class.
        assertThat(fired).contains("vap:shop-replica-limit");
        fired.removeIf(id -> id.startsWith("vap:"));
        // image-signature-required needs the images' signatures from a registry (scan --images), which
        // the examples cannot name: ScanSignaturesTest shows it against a registry of its own.
        Set<String> all = new TreeSet<>(CheckRegistry.builtIn().ids());
        all.remove("image-signature-required");
        assertThat(fired).containsExactlyInAnyOrderElementsOf(all);
    }

    @Test
    void hardenedExampleHasNoFindingAtDefaultConfiguration() throws Exception {
        for (String[] args : new String[][] {
                {"scan", "examples/hardened", "-f", "json", "--fail-on", "info"},
                {"scan", "examples/hardened", "--config", "examples/kubeward.yaml", "-f", "json", "--fail-on", "info"}}) {
            CliRunner r = CliRunner.run(args);
            JsonNode report = JSON.readTree(r.out());
            assertThat(report.get("findings")).as(r.out()).isEmpty();
            assertThat(report.get("errors")).isEmpty();
            assertThat(r.exitCode()).isZero();
        }
    }
}
