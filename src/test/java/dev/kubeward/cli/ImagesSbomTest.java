package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.kubeward.image.ImageFixtures;
import dev.kubeward.image.TestImages.Compression;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SBOMs out of {@code images scan} (SPDX 2.3; CycloneDX is in ImagesScanCommandTest). */
class ImagesSbomTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    Path db;

    @BeforeEach
    void setUp() throws Exception {
        db = ImageFixtures.database(tmp.resolve("db"));
    }

    static JsonSchema spdxSchema() throws Exception {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909)
                .getSchema(JSON.readTree(Path.of("src/test/resources/schemas/spdx-2.3.schema.json").toFile()));
    }

    @Test
    void spdxDocumentIsValidAndDescribesTheImageItsOsAndPackages() throws Exception {
        Path alpine = tmp.resolve("alpine");
        ImageFixtures.alpine().writeLayout(alpine, "edge:1");
        CliRunner r = CliRunner.run("images", "scan", "oci:" + alpine, "--db", db.toString(), "-f", "spdx");
        assertThat(r.exitCode()).as(r.err()).isIn(0, 1);
        JsonNode doc = JSON.readTree(r.out());
        JsonSchema schema = spdxSchema();
        assertThat(schema.validate(doc)).as("schema").isEmpty();
        assertThat(doc.path("spdxVersion").asText()).isEqualTo("SPDX-2.3");
        assertThat(doc.path("dataLicense").asText()).isEqualTo("CC0-1.0");
        assertThat(doc.path("SPDXID").asText()).isEqualTo("SPDXRef-DOCUMENT");
        assertThat(doc.path("name").asText()).isEqualTo("edge:1");
        assertThat(doc.path("documentNamespace").asText()).matches("https://kubeward\\.dev/spdxdocs/edge-1-[0-9a-f-]{36}");
        assertThat(doc.at("/creationInfo/creators/0").asText()).isEqualTo("Tool: kubeward-" + Version.VERSION);
        assertThat(doc.at("/creationInfo/created").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        JsonNode pkgs = doc.path("packages");
        assertThat(pkgs).hasSize(5); // the image, its OS, three apk packages
        JsonNode image = pkgs.get(0);
        assertThat(image.path("primaryPackagePurpose").asText()).isEqualTo("CONTAINER");
        assertThat(image.path("versionInfo").asText()).startsWith("sha256:");
        JsonNode os = pkgs.get(1);
        assertThat(os.path("primaryPackagePurpose").asText()).isEqualTo("OPERATING-SYSTEM");
        assertThat(os.path("name").asText()).isEqualTo("alpine");
        assertThat(os.path("versionInfo").asText()).isEqualTo("3.19.1");
        JsonNode busybox = pkgs.get(2);
        assertThat(busybox.path("name").asText()).isEqualTo("busybox");
        assertThat(busybox.path("versionInfo").asText()).isEqualTo("1.36.1-r15");
        assertThat(busybox.path("downloadLocation").asText()).isEqualTo("NOASSERTION");
        assertThat(busybox.path("licenseDeclared").asText()).isEqualTo("GPL-2.0-only");
        assertThat(busybox.path("licenseConcluded").asText()).isEqualTo("NOASSERTION");
        assertThat(busybox.path("sourceInfo").asText()).startsWith("found at /lib/apk/db/installed:1 in layer sha256:");
        JsonNode ref = busybox.at("/externalRefs/0");
        assertThat(ref.path("referenceCategory").asText()).isEqualTo("PACKAGE-MANAGER");
        assertThat(ref.path("referenceType").asText()).isEqualTo("purl");
        assertThat(ref.path("referenceLocator").asText()).isEqualTo("pkg:apk/alpine/busybox@1.36.1-r15?arch=x86_64&distro=alpine-3.19.1");
        List<String> rels = new ArrayList<>();
        doc.path("relationships").forEach(x -> rels.add(x.path("spdxElementId").asText() + " " + x.path("relationshipType").asText()
                + " " + x.path("relatedSpdxElement").asText()));
        assertThat(rels).containsExactly("SPDXRef-DOCUMENT DESCRIBES SPDXRef-Image-0",
                "SPDXRef-Image-0 CONTAINS SPDXRef-Image-0-OperatingSystem",
                "SPDXRef-Image-0 CONTAINS SPDXRef-Image-0-Package-0",
                "SPDXRef-Image-0 CONTAINS SPDXRef-Image-0-Package-1",
                "SPDXRef-Image-0 CONTAINS SPDXRef-Image-0-Package-2");
        // The schema can fail: a package without downloadLocation, an id outside SPDXRef-[a-zA-Z0-9.-]+.
        ((ObjectNode) pkgs.get(2)).remove("downloadLocation");
        assertThat(schema.validate(doc)).isNotEmpty();
        ((ObjectNode) pkgs.get(2)).put("downloadLocation", "NOASSERTION");
        ((ObjectNode) pkgs.get(3)).put("SPDXID", "SPDXRef-a_b");
        assertThat(schema.validate(doc)).isNotEmpty();
    }

    @Test
    void spdxOfSeveralImagesDescribesEachAndLeavesOutTheUnreadable() throws Exception {
        Path debian = tmp.resolve("debian");
        ImageFixtures.debian(Compression.GZIP).writeLayout(debian, "shop:1.0");
        Path app = tmp.resolve("app");
        ImageFixtures.application().writeLayout(app, "app:2");
        CliRunner r = CliRunner.run("images", "scan", "oci:" + debian, "oci:" + app, "oci:" + tmp.resolve("missing"),
                "--db", db.toString(), "-f", "spdx");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no OCI image layout directory");
        JsonNode doc = JSON.readTree(r.out());
        assertThat(spdxSchema().validate(doc)).as("schema").isEmpty();
        assertThat(doc.path("name").asText()).isEqualTo("kubeward-images");
        List<String> described = new ArrayList<>();
        doc.path("relationships").forEach(x -> {
            if (x.path("relationshipType").asText().equals("DESCRIBES")) {
                described.add(x.path("relatedSpdxElement").asText());
            }
        });
        assertThat(described).containsExactly("SPDXRef-Image-0", "SPDXRef-Image-1");
        List<String> purls = new ArrayList<>();
        doc.path("packages").forEach(p -> p.path("externalRefs").forEach(e -> purls.add(e.path("referenceLocator").asText())));
        assertThat(purls).anyMatch(p -> p.startsWith("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"))
                .anyMatch(p -> p.startsWith("pkg:npm/lodash@4.17.20"))
                .anyMatch(p -> p.startsWith("pkg:golang/golang.org/x/net@v0.5.0"));
    }
}
