package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubeward.image.ImageFixtures;
import dev.kubeward.image.TestImages.Compression;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scan --images}: vulnerabilities on the workloads that run them, in deployment-rank order. */
class ScanImagesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The same image run twice: by an internet-facing privileged Deployment, and by a Job under a default-deny policy. */
    static final String MANIFESTS = """
            apiVersion: batch/v1
            kind: Job
            metadata: {name: report, namespace: batch}
            spec:
              template:
                spec:
                  automountServiceAccountToken: false
                  restartPolicy: Never
                  securityContext: {runAsNonRoot: true, runAsUser: 1000}
                  containers:
                  - name: run
                    image: registry.example/report:1.0
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: deny, namespace: batch}
            spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  automountServiceAccountToken: false
                  containers:
                  - name: web
                    image: registry.example/shop:1.0
                    securityContext: {privileged: true}
                    ports: [{containerPort: 8080}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop}
            spec:
              type: LoadBalancer
              selector: {app: web}
              ports: [{port: 80, targetPort: 8080}]
            """;

    @TempDir
    Path tmp;

    Path db;
    Path layout;
    Path manifests;

    @BeforeEach
    void setUp() throws Exception {
        db = ImageFixtures.database(tmp.resolve("db"));
        layout = tmp.resolve("debian");
        ImageFixtures.debian(Compression.GZIP).writeLayout(layout, "shop:1.0");
        manifests = tmp.resolve("k8s.yaml");
        Files.writeString(manifests, MANIFESTS);
    }

    private CliRunner scan(String... extra) {
        List<String> args = new ArrayList<>(List.of("scan", manifests.toString(), "--images", "--db", db.toString(),
                "--image-from", "registry.example/shop:1.0=oci:" + layout,
                "--image-from", "registry.example/report:1.0=oci:" + layout));
        args.addAll(List.of(extra));
        return CliRunner.run(args.toArray(String[]::new));
    }

    @Test
    void jsonPutsTheExposedPrivilegedWorkloadsVulnerabilitiesFirstWithTheirReasons() throws Exception {
        CliRunner r = scan("-f", "json");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        JsonNode doc = JSON.readTree(r.out());
        List<JsonNode> vulns = new ArrayList<>();
        doc.path("findings").forEach(f -> {
            if (f.has("deploymentRank")) {
                vulns.add(f);
            }
        });
        assertThat(vulns).hasSize(4);
        // Both vulnerabilities are high: the web Deployment's come first, whatever the file order.
        assertThat(vulns).extracting(f -> f.path("resource").path("name").asText()).containsExactly("web", "web", "report", "report");
        JsonNode top = vulns.get(0);
        assertThat(top.path("checkId").asText()).isEqualTo("CVE-2023-5363");
        assertThat(top.path("severity").asText()).isEqualTo("high");
        assertThat(top.path("line").asInt()).isEqualTo(MANIFESTS.lines().toList().indexOf("        image: registry.example/shop:1.0") + 1);
        assertThat(top.path("path").asText()).isEqualTo("spec.template.spec.containers[0].image");
        JsonNode rank = top.path("deploymentRank");
        assertThat(rank.path("score").asInt()).isEqualTo(7 + 8 + 6 + 3);
        assertThat(rank.path("reasons")).extracting(n -> n.path("factor").asText())
                .containsExactly("internet-facing", "privileged", "root");
        assertThat(rank.path("reasons").get(0).path("detail").asText()).contains("Service shop/web (type LoadBalancer)");
        assertThat(top.path("message").asText()).contains("libssl3").contains("fixed in 3.0.11-1~deb12u2")
                .contains("of image registry.example/shop:1.0 in container \"web\"");
        JsonNode batch = vulns.get(2);
        assertThat(batch.path("deploymentRank").path("score").asInt()).isEqualTo(7);
        assertThat(batch.path("deploymentRank").path("reasons")).isEmpty();
        assertThat(batch.path("file").asText()).isEqualTo(manifests.toString());
    }

    @Test
    void sarifCarriesTheRankAndTextListsTheVulnerabilitiesInRankOrder() throws Exception {
        JsonNode sarif = JSON.readTree(scan("-f", "sarif").out());
        List<JsonNode> ranked = new ArrayList<>();
        sarif.at("/runs/0/results").forEach(res -> {
            if (res.has("rank")) {
                ranked.add(res);
            }
        });
        assertThat(ranked).extracting(res -> res.path("rank").asDouble()).containsExactly(75.0, 75.0, 21.9, 21.9);
        assertThat(ranked.get(0).at("/properties/deploymentRank").asInt()).isEqualTo(24);
        assertThat(ranked.get(0).at("/properties/deploymentReasons/0").asText()).startsWith("internet-facing +8: exposed by Service");
        List<String> ruleIds = new ArrayList<>();
        sarif.at("/runs/0/tool/driver/rules").forEach(rule -> ruleIds.add(rule.path("id").asText()));
        assertThat(ruleIds).contains("CVE-2023-5363", "CVE-2023-4911");

        String text = scan().out();
        int section = text.indexOf("Image vulnerabilities, highest deployment rank first");
        assertThat(section).isPositive();
        String listed = text.substring(section);
        assertThat(listed.indexOf("Deployment shop/web")).isPositive().isLessThan(listed.indexOf("Job batch/report"));
        assertThat(listed).contains("rank 24 (high 7, internet-facing +8, privileged +6, root +3)");
    }

    @Test
    void anImageThatCannotBeReadIsAnErrorAtItsImageLine() {
        CliRunner r = CliRunner.run("scan", manifests.toString(), "--images", "--db", db.toString(),
                "--image-from", "registry.example/shop:1.0=oci:" + tmp.resolve("missing"),
                "--image-from", "registry.example/report:1.0=oci:" + layout, "-q");
        assertThat(r.exitCode()).isEqualTo(2);
        int line = MANIFESTS.lines().toList().indexOf("        image: registry.example/shop:1.0") + 1;
        assertThat(r.err()).contains(manifests + ":" + line + ": Deployment shop/web container \"web\": image registry.example/shop:1.0 cannot be scanned: ");
        assertThat(r.err()).doesNotContain("Exception");
    }

    @Test
    void withoutADatabaseItSaysHowToGetOne() {
        CliRunner r = CliRunner.run("scan", manifests.toString(), "--images", "--db", tmp.resolve("none").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("vulndb import");
    }
}
