package dev.kubeward.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubeward.cli.CliRunner;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * kubeward's own deploy/ (the chart, at its defaults and at the other values a user picks, and the
 * rendered manifests) and its Dockerfile pass {@code kubeward scan} with no finding; what is
 * suppressed is exactly the exemptions docs/deploy.md justifies, each with its reason.
 */
class DeployScanTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The exemptions the chart writes (check → the objects it is exempted on, with a count), each
     * explained in docs/deploy.md#what-kubeward-scan-says-about-deploy. A new one fails here.
     */
    private static final Map<String, List<String>> EXEMPTED = Map.of(
            "rbac-secrets-read", List.of("ClusterRole/kubeward-scanner"),
            "rbac-escalation-path", List.of("ClusterRoleBinding/kubeward-scanner"),
            "netpol-dns-egress-blocked", List.of("CronJob/kubeward-scanner", "Deployment/kubeward-webhook"),
            "netpol-egress-internet", List.of(
                    "NetworkPolicy/kubeward-scanner", "NetworkPolicy/kubeward-scanner", "NetworkPolicy/kubeward-scanner",
                    "NetworkPolicy/kubeward-webhook", "NetworkPolicy/kubeward-webhook", "NetworkPolicy/kubeward-webhook"));

    private static JsonNode scan(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("scan", "-f", "json", "--fail-on", "info"));
        all.addAll(List.of(args));
        CliRunner r = CliRunner.run(all.toArray(String[]::new));
        assertThat(r.exitCode()).as("kubeward %s\n%s%s", all, r.out(), r.err()).isZero();
        JsonNode report = JSON.readTree(r.out());
        assertThat(report.get("errors")).as(r.out()).isEmpty();
        return report;
    }

    private static List<JsonNode> unsuppressed(JsonNode report) {
        List<JsonNode> out = new ArrayList<>();
        report.get("findings").forEach(f -> {
            if (!f.path("suppressed").asBoolean()) {
                out.add(f);
            }
        });
        return out;
    }

    /** check → kind/name of each suppressed finding, sorted. */
    private static Map<String, List<String>> suppressed(JsonNode report) {
        Map<String, List<String>> out = new TreeMap<>();
        report.get("findings").forEach(f -> {
            if (f.path("suppressed").asBoolean()) {
                assertThat(f.path("suppression").path("kind").asText()).as(f.toString()).isEqualTo("annotation");
                assertThat(f.path("suppression").path("reason").asText()).as(f.toString()).hasSizeGreaterThan(40);
                out.computeIfAbsent(f.path("checkId").asText(), k -> new ArrayList<>())
                        .add(f.path("resource").path("kind").asText() + "/" + f.path("resource").path("name").asText());
            }
        });
        out.values().forEach(l -> l.sort(null));
        return out;
    }

    @Test
    void deployAndTheDockerfileHaveNoFinding() throws Exception {
        JsonNode report = scan("deploy", "Dockerfile");
        assertThat(unsuppressed(report)).isEmpty();
        assertThat(report.get("summary").get("findings").asInt()).isZero();
        // The chart, the two manifests (whose objects are the chart's again) and the Dockerfile.
        assertThat(report.get("summary").get("files").asInt()).isGreaterThanOrEqualTo(4);
        assertThat(suppressed(report)).isEqualTo(EXEMPTED);
    }

    static Stream<Arguments> valueChoices() {
        return Stream.of(
                Arguments.of(List.of(), EXEMPTED),
                Arguments.of(List.of("--set", "webhook.mutating.enabled=true"), EXEMPTED),
                Arguments.of(List.of("--set", "webhook.antiAffinity=hard", "--set", "scanner.reportApi=openreports"), EXEMPTED),
                Arguments.of(List.of("--set", "webhook.certificate.mode=secret", "--set", "webhook.certificate.caBundle=Q0EK"), EXEMPTED),
                Arguments.of(List.of("--set", "apiServer.cidrs={192.0.2.10/32}"), EXEMPTED),
                Arguments.of(List.of("--set", "webhook.enabled=false"), Map.of(
                        "rbac-secrets-read", EXEMPTED.get("rbac-secrets-read"),
                        "rbac-escalation-path", EXEMPTED.get("rbac-escalation-path"),
                        "netpol-dns-egress-blocked", List.of("CronJob/kubeward-scanner"),
                        "netpol-egress-internet", EXEMPTED.get("netpol-egress-internet").subList(0, 3))));
    }

    @ParameterizedTest
    @MethodSource("valueChoices")
    void theChartHasNoFindingWhateverItsDocumentedValues(List<String> values, Map<String, List<String>> exempted) throws Exception {
        List<String> args = new ArrayList<>(List.of("deploy/chart/kubeward"));
        args.addAll(values);
        JsonNode report = scan(args.toArray(String[]::new));
        assertThat(unsuppressed(report)).as("%s", values).isEmpty();
        Map<String, List<String>> got = suppressed(report);
        if (values.contains("apiServer.cidrs={192.0.2.10/32}")) {
            // One address: one finding per policy instead of one per private range.
            assertThat(got.get("netpol-egress-internet")).containsExactly("NetworkPolicy/kubeward-scanner", "NetworkPolicy/kubeward-webhook");
            got.remove("netpol-egress-internet");
            Map<String, List<String>> rest = new TreeMap<>(exempted);
            rest.remove("netpol-egress-internet");
            assertThat(got).isEqualTo(rest);
        } else {
            assertThat(got).isEqualTo(exempted);
        }
    }

    @Test
    void withoutItsExemptionsTheChartIsReportedForWhatTheyExempt(@TempDir Path dir) throws Exception {
        // The exemptions hide real findings, which is why each has a reason: taken away, each is reported.
        List<JsonNode> objects = DeployChart.objects();
        for (int i = 0; i < objects.size(); i++) {
            JsonNode annotations = objects.get(i).path("metadata").path("annotations");
            if (annotations instanceof ObjectNode a) {
                a.remove(List.of("kubeward.dev/ignore", "kubeward.dev/ignore-reason"));
            }
            Files.writeString(dir.resolve("object-" + i + ".json"), JSON.writeValueAsString(objects.get(i)));
        }
        CliRunner r = CliRunner.run("scan", dir.toString(), "-f", "json", "--fail-on", "none");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        JsonNode report = JSON.readTree(r.out());
        assertThat(suppressed(report)).isEmpty();
        Map<String, List<String>> reported = new TreeMap<>();
        for (JsonNode f : unsuppressed(report)) {
            reported.computeIfAbsent(f.path("checkId").asText(), k -> new ArrayList<>())
                    .add(f.path("resource").path("kind").asText() + "/" + f.path("resource").path("name").asText());
        }
        reported.values().forEach(l -> l.sort(null));
        assertThat(reported).isEqualTo(EXEMPTED);
    }
}
