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

/** {@code images scan --vex}: OpenVEX statements applied to images and to their SBOMs alike. */
class ImagesVexTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    Path db;
    Path layout;
    String digest;

    @BeforeEach
    void setUp() throws Exception {
        db = ImageFixtures.database(tmp.resolve("db"));
        layout = tmp.resolve("debian");
        ImageFixtures.debian(Compression.GZIP).writeLayout(layout, "shop:1.0");
        CliRunner r = CliRunner.run("images", "scan", "oci:" + layout, "--db", db.toString(), "-f", "json");
        digest = JSON.readTree(r.out()).at("/images/0/digest").asText();
    }

    Path vex(String name, String statements) throws Exception {
        Path f = tmp.resolve(name);
        Files.writeString(f, """
                {
                  "@context": "https://openvex.dev/ns/v0.2.0",
                  "@id": "https://example.com/vex/shop",
                  "author": "Shop security",
                  "timestamp": "2024-01-01T00:00:00Z",
                  "version": 1,
                  "statements": [
                %s
                  ]
                }
                """.formatted(statements));
        return f;
    }

    /** libssl3's CVE is not exploitable in this image (by digest, the package as a subcomponent); an unused statement on lodash. */
    Path shopVex() throws Exception {
        return vex("shop.vex.json", """
                    {"vulnerability": {"name": "CVE-2023-5363"},
                     "products": [{"@id": "pkg:oci/shop@%s", "subcomponents": [{"@id": "pkg:deb/debian/libssl3"}]}],
                     "status": "not_affected", "justification": "vulnerable_code_not_in_execute_path"},
                    {"vulnerability": {"name": "CVE-2021-23337"},
                     "products": [{"@id": "pkg:npm/lodash"}],
                     "status": "not_affected", "impact_statement": "template() is never called"}
                """.formatted(digest.replace(":", "%3A")));
    }

    static List<String> suppressed(JsonNode doc) {
        List<String> out = new ArrayList<>();
        doc.path("vulnerabilities").forEach(v -> {
            if (v.path("suppressed").asBoolean()) {
                out.add(v.path("id").asText() + " " + v.at("/package/name").asText() + " " + v.at("/suppression/status").asText()
                        + " " + v.at("/suppression/justification").asText());
            }
        });
        return out;
    }

    @Test
    void aStatementSuppressesTheSameVulnerabilityInTheImageAndInItsSboms() throws Exception {
        Path vex = shopVex();
        List<String> refs = new ArrayList<>(List.of("oci:" + layout));
        for (String format : List.of("cyclonedx", "spdx")) {
            Path sbom = tmp.resolve("shop." + format + ".json");
            CliRunner w = CliRunner.run("images", "scan", "oci:" + layout, "--db", db.toString(), "-f", format, "-o", sbom.toString());
            assertThat(w.exitCode()).as(w.err()).isEqualTo(1);
            refs.add("sbom:" + sbom);
        }
        for (String ref : refs) {
            CliRunner r = CliRunner.run("images", "scan", ref, "--db", db.toString(), "--vex", vex.toString(), "-f", "json");
            assertThat(r.exitCode()).as(ref + r.err()).isEqualTo(1); // glibc's CVE is still high
            JsonNode doc = JSON.readTree(r.out());
            assertThat(suppressed(doc)).as(ref).containsExactly("CVE-2023-5363 libssl3 not_affected vulnerable_code_not_in_execute_path");
            assertThat(doc.at("/images/0/vulnerabilities").asInt()).as(ref).isEqualTo(1);
            assertThat(doc.at("/images/0/suppressed").asInt()).isEqualTo(1);
            assertThat(doc.at("/vex/documents/0").asText()).isEqualTo(vex.toString());
            assertThat(doc.at("/vex/unused")).singleElement().extracting(JsonNode::asText).asString()
                    .isEqualTo(vex + ":11: the VEX statement on CVE-2021-23337 (not_affected, pkg:npm/lodash) matches no vulnerability found");
            assertThat(doc.toString()).contains("\"statement\":\"" + vex + ":8\"");
        }
    }

    @Test
    void suppressedVulnerabilitiesInTextSarifAndJunitAndNotCountedForFailOn() throws Exception {
        Path vex = vex("all.vex.json", """
                    {"vulnerability": {"name": "CVE-2023-5363"}, "products": [{"@id": "pkg:deb/debian/libssl3"}], "status": "fixed"},
                    {"vulnerability": {"name": "CVE-2023-4911"}, "products": [{"@id": "pkg:deb/debian/libc6@2.36-9%2Bdeb12u1"}],
                     "status": "not_affected", "justification": "component_not_present"}
                """);
        CliRunner text = CliRunner.run("images", "scan", "oci:" + layout, "--db", db.toString(), "--vex", vex.toString());
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("2 suppressed by VEX:")
                .contains("CVE-2023-4911  libc6 (glibc) 2.36-9+deb12u1  VEX not_affected (component_not_present), " + vex + ":9");
        assertThat(text.out().strip().lines().reduce((a, b) -> b).orElseThrow()).isEqualTo("0 vulnerabilities in 1 image, 2 suppressed by VEX");
        CliRunner sarif = CliRunner.run("images", "scan", "oci:" + layout, "--db", db.toString(), "--vex", vex.toString(), "-f", "sarif");
        JsonNode results = JSON.readTree(sarif.out()).at("/runs/0/results");
        assertThat(results).hasSize(2);
        results.forEach(r -> assertThat(r.at("/suppressions/0/kind").asText()).isEqualTo("external"));
        assertThat(results.toString()).contains("VEX fixed, " + vex + ":8");
        CliRunner junit = CliRunner.run("images", "scan", "oci:" + layout, "--db", db.toString(), "--vex", vex.toString(), "-f", "junit");
        assertThat(junit.out()).contains("failures=\"0\"").contains("<skipped message=\"suppressed: VEX");
        // Without the VEX, the same image fails.
        assertThat(CliRunner.run("images", "scan", "oci:" + layout, "--db", db.toString(), "-q").exitCode()).isEqualTo(1);
    }

    @Test
    void vexFilesFromTheConfigurationRelativeToIt() throws Exception {
        Path conf = Files.createDirectories(tmp.resolve("conf"));
        Files.move(shopVex(), conf.resolve("shop.vex.json"));
        Files.writeString(conf.resolve(".kubeward.yaml"), "images:\n  vex:\n    - shop.vex.json\n");
        CliRunner r = CliRunner.run("images", "scan", "oci:" + layout, "--db", db.toString(), "-c", conf.resolve(".kubeward.yaml").toString(),
                "-f", "json");
        assertThat(suppressed(JSON.readTree(r.out()))).as(r.err()).hasSize(1);
        Files.writeString(conf.resolve(".kubeward.yaml"), "images:\n  vex: shop.vex.json\n");
        CliRunner bad = CliRunner.run("images", "scan", "oci:" + layout, "--db", db.toString(), "-c", conf.resolve(".kubeward.yaml").toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains(".kubeward.yaml:2");
    }

    @Test
    void aBadVexDocumentIsAnErrorWithItsFileAndLine() throws Exception {
        Path vex = vex("bad.vex.json", """
                    {"vulnerability": {"name": "CVE-2023-5363"}, "products": [{"@id": "pkg:deb/debian/libssl3"}], "status": "fixed"},
                    {"vulnerability": {"name": "CVE-2023-4911"}, "products": [{"@id": "pkg:deb/debian/libc6"}],
                     "status": "not_affected"}
                """);
        CliRunner r = CliRunner.run("images", "scan", "oci:" + layout, "--db", db.toString(), "--vex", vex.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(vex + ":9: statements[1]: a not_affected statement needs a justification")
                .doesNotContain("Exception");
        assertThat(r.out()).isEmpty();
    }
}
