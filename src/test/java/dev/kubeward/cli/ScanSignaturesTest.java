package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubeward.image.ImageFixtures;
import dev.kubeward.image.TestImages;
import dev.kubeward.image.TestImages.Compression;
import dev.kubeward.image.oci.FakeRegistry;
import dev.kubeward.image.sign.CosignFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code images.requireSignature} in {@code scan --images}: signatures read from a loopback registry. */
class ScanSignaturesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    FakeRegistry registry;
    KeyPair team;
    KeyPair stranger;
    String signedDigest;
    Path db;
    Path layout;
    Path manifests;
    Path config;
    String text;

    @BeforeEach
    void setUp() throws Exception {
        registry = new FakeRegistry();
        team = CosignFixtures.p256();
        stranger = CosignFixtures.p256();
        signedDigest = registry.push("org/app", "1.0", TestImages.image().layer(TestImages.layer().file("/a", "1"))).manifestDigest();
        String strangerDigest = registry.push("org/forged", "1.0", TestImages.image().layer(TestImages.layer().file("/b", "2")))
                .manifestDigest();
        registry.push("org/unsigned", "1.0", TestImages.image().layer(TestImages.layer().file("/c", "3")));
        CosignFixtures.sign(registry, "org/app", signedDigest, List.of(team));
        CosignFixtures.sign(registry, "org/forged", strangerDigest, List.of(stranger));
        db = ImageFixtures.database(tmp.resolve("db"));
        layout = tmp.resolve("debian");
        ImageFixtures.debian(Compression.GZIP).writeLayout(layout, "x:1.0");
        Files.createDirectories(tmp.resolve("keys"));
        Files.writeString(tmp.resolve("keys/cosign.pub"), CosignFixtures.pem(team.getPublic()));
        config = tmp.resolve(".kubeward.yaml");
        Files.writeString(config, """
                images:
                  requireSignature:
                    - image: "%s/org/*"
                      key: keys/cosign.pub
                """.formatted(registry.host()));
        String h = registry.host();
        text = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: shop}
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                      - name: web
                        image: %1$s/org/app:1.0
                      - name: pinned
                        image: %1$s/org/app@%2$s
                      - name: forged
                        image: %1$s/org/forged:1.0
                      - name: unsigned
                        image: %1$s/org/unsigned:1.0
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: batch, namespace: jobs}
                spec:
                  containers:
                  - name: run
                    image: %1$s/org/app:1.0
                  - name: gone
                    image: %1$s/org/missing:1.0
                  - name: elsewhere
                    image: localhost:1/org/app:1.0
                """.formatted(h, signedDigest);
        manifests = tmp.resolve("k8s.yaml");
        Files.writeString(manifests, text);
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private CliRunner scan(String... extra) {
        List<String> args = new ArrayList<>(List.of("scan", manifests.toString(), "--images", "--db", db.toString(),
                "--config", config.toString(), "--insecure-registry", registry.host(), "--insecure-registry", "localhost:1",
                "--registry-timeout", "5", "--image-from", registry.host() + "/org/missing:1.0=oci:" + layout,
                "--image-from", "localhost:1/org/app:1.0=oci:" + layout));
        args.addAll(List.of(extra));
        return CliRunner.run(args.toArray(String[]::new));
    }

    private int line(String image) {
        return text.lines().toList().indexOf(text.lines().filter(l -> l.endsWith("image: " + image)).findFirst().orElseThrow()) + 1;
    }

    private List<JsonNode> signatureFindings(JsonNode doc) {
        List<JsonNode> out = new ArrayList<>();
        doc.path("findings").forEach(f -> {
            if (f.path("checkId").asText().equals("image-signature-required")) {
                out.add(f);
            }
        });
        return out;
    }

    @Test
    void unsignedWronglySignedAndUnreadableImagesAreFindingsAtTheirImageLines() throws Exception {
        CliRunner r = scan("-f", "json");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        List<JsonNode> found = signatureFindings(JSON.readTree(r.out()));
        String h = registry.host();
        assertThat(found).extracting(f -> f.path("line").asInt()).containsExactlyInAnyOrder(
                line(h + "/org/forged:1.0"), line(h + "/org/unsigned:1.0"), line(h + "/org/missing:1.0"));
        JsonNode forged = found.stream().filter(f -> f.path("line").asInt() == line(h + "/org/forged:1.0")).findFirst().orElseThrow();
        assertThat(forged.path("severity").asText()).isEqualTo("high");
        assertThat(forged.path("path").asText()).isEqualTo("spec.template.spec.containers[2].image");
        assertThat(forged.path("message").asText())
                .contains("container \"forged\" uses image " + h + "/org/forged:1.0 (sha256:")
                .contains("which is not signed by the key keys/cosign.pub as images.requireSignature[0] requires ("
                        + config + ":3)")
                .contains("does not verify with the key");
        JsonNode unsigned = found.stream().filter(f -> f.path("line").asInt() == line(h + "/org/unsigned:1.0")).findFirst().orElseThrow();
        assertThat(unsigned.path("message").asText()).contains("no cosign signature");
        JsonNode missing = found.stream().filter(f -> f.path("line").asInt() == line(h + "/org/missing:1.0")).findFirst().orElseThrow();
        assertThat(missing.path("message").asText()).contains("could not be verified: the registry could not be read")
                .contains("404 not found");
        // localhost:1 is covered by no rule (another registry): not read at all.
        assertThat(registry.log).noneMatch(l -> l.contains("localhost:1"));
    }

    @Test
    void eachDigestsSignaturesAreReadOnce() throws Exception {
        CliRunner r = scan("-f", "json");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        // org/app:1.0 runs twice and once more by its digest: one read of its signature tag.
        String sigTag = "GET /v2/org/app/manifests/sha256-" + signedDigest.substring(7) + ".sig";
        assertThat(registry.log.stream().filter(sigTag::equals).count()).isEqualTo(1);
        assertThat(registry.log.stream().filter(("GET /v2/org/app/referrers/" + signedDigest)::equals).count()).isEqualTo(1);
    }

    @Test
    void aRegistryThatIsDownIsAFindingNotAPass() throws Exception {
        Files.writeString(config, """
                images:
                  requireSignature:
                    - namespace: jobs
                      key: keys/cosign.pub
                """);
        CliRunner r = scan("-f", "json");
        List<JsonNode> found = signatureFindings(JSON.readTree(r.out()));
        JsonNode down = found.stream().filter(f -> f.path("line").asInt() == line("localhost:1/org/app:1.0")).findFirst()
                .orElseThrow(() -> new AssertionError(r.out()));
        assertThat(down.path("message").asText()).contains("could not be verified: the registry could not be read");
        // Only the jobs namespace is covered: the shop Deployment's unsigned images are not findings.
        assertThat(found).extracting(f -> f.path("resource").path("name").asText()).containsOnly("batch");
    }

    @Test
    void aKeyThatCannotBeReadIsAUsageErrorAtTheRuleLine() throws Exception {
        Files.delete(tmp.resolve("keys/cosign.pub"));
        CliRunner r = scan();
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(config + ":3: images.requireSignature[0].key: ").contains("cosign.pub: unreadable")
                .doesNotContain("Exception");
    }

    @Test
    void withoutImagesTheScanSaysSignaturesAreNotChecked() {
        CliRunner r = CliRunner.run("scan", manifests.toString(), "--config", config.toString());
        assertThat(r.err()).contains("images.requireSignature is checked by scan --images");
        assertThat(r.out()).doesNotContain("image-signature-required");
    }
}
