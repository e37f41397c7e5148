package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubeward.image.ImageFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code images scan sbom:FILE}: an SBOM read instead of the image gives the image's vulnerabilities. */
class ImagesSbomInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    Path db;

    @BeforeEach
    void setUp() throws Exception {
        db = ImageFixtures.database(tmp.resolve("db"));
    }

    /** Each vulnerability as id, package purl, installed version, fix and severity. */
    static Set<String> vulnerabilities(String json) throws Exception {
        Set<String> out = new TreeSet<>();
        for (JsonNode v : JSON.readTree(json).path("vulnerabilities")) {
            out.add(v.path("id").asText() + " " + v.at("/package/purl").asText() + " " + v.at("/package/version").asText()
                    + " fixed " + v.path("fixed").asText() + " " + v.path("severity").asText() + " at " + v.at("/package/path").asText());
        }
        return out;
    }

    @Test
    void anSbomOfTheImageGivesTheSameVulnerabilitiesAsTheImage() throws Exception {
        Path app = tmp.resolve("app");
        ImageFixtures.application().writeLayout(app, "app:2");
        Path alpine = tmp.resolve("alpine");
        ImageFixtures.alpine().writeLayout(alpine, "edge:1");
        for (Path image : List.of(app, alpine)) {
            CliRunner direct = CliRunner.run("images", "scan", "oci:" + image, "--db", db.toString(), "-f", "json");
            Set<String> expected = vulnerabilities(direct.out());
            assertThat(expected).as(direct.err()).isNotEmpty();
            for (String format : List.of("cyclonedx", "spdx")) {
                Path sbom = tmp.resolve(image.getFileName() + "." + format + ".json");
                CliRunner write = CliRunner.run("images", "scan", "oci:" + image, "--db", db.toString(), "-f", format, "-o", sbom.toString());
                assertThat(write.exitCode()).as(write.err()).isEqualTo(direct.exitCode());
                CliRunner read = CliRunner.run("images", "scan", "sbom:" + sbom, "--db", db.toString(), "-f", "json");
                assertThat(read.exitCode()).as(format + ": " + read.err()).isEqualTo(direct.exitCode());
                assertThat(vulnerabilities(read.out())).as(image + " through " + format).isEqualTo(expected);
                JsonNode img = JSON.readTree(read.out()).at("/images/0");
                JsonNode directImg = JSON.readTree(direct.out()).at("/images/0");
                assertThat(img.path("packages").asInt()).as(format).isEqualTo(directImg.path("packages").asInt());
                assertThat(img.path("unmatched").size()).as(format).isEqualTo(directImg.path("unmatched").size());
                assertThat(img.path("digest").asText()).isEqualTo(directImg.path("digest").asText());
                assertThat(img.at("/os/release").asText()).isEqualTo(directImg.at("/os/release").asText());
            }
        }
    }

    @Test
    void syftAndTrivyShapes() throws Exception {
        // Syft's CycloneDX: the OS only in each purl's distro qualifier; a component without purl.
        Path syft = tmp.resolve("syft.cdx.json");
        Files.writeString(syft, """
                {"bomFormat":"CycloneDX","specVersion":"1.5","version":1,
                 "metadata":{"component":{"bom-ref":"x","type":"container","name":"shop:1.0","version":"sha256:%s"}},
                 "components":[
                  {"bom-ref":"a","type":"library","name":"libssl3","version":"3.0.11-1~deb12u1",
                   "purl":"pkg:deb/debian/libssl3@3.0.11-1~deb12u1?arch=amd64&upstream=openssl&distro=debian-12",
                   "properties":[{"name":"syft:location:0:path","value":"/var/lib/dpkg/status"},
                                 {"name":"syft:location:0:layerID","value":"sha256:abc"}]},
                  {"bom-ref":"b","type":"library","name":"mystery","version":"1"},
                  {"bom-ref":"c","type":"file","name":"/etc/passwd"}
                 ]}
                """.formatted("a".repeat(64)));
        CliRunner r = CliRunner.run("images", "scan", "sbom:" + syft, "--db", db.toString(), "-f", "json");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        JsonNode doc = JSON.readTree(r.out());
        assertThat(vulnerabilities(r.out())).singleElement().asString().startsWith("CVE-2023-5363 pkg:deb/debian/libssl3@")
                .endsWith("at /var/lib/dpkg/status");
        assertThat(doc.at("/images/0/name").asText()).isEqualTo("shop:1.0");
        assertThat(doc.at("/images/0/digest").asText()).isEqualTo("sha256:" + "a".repeat(64));
        assertThat(doc.at("/images/0/packages").asInt()).isEqualTo(2);
        assertThat(doc.at("/images/0/unmatched/0/package/name").asText()).isEqualTo("mystery");
        assertThat(doc.at("/images/0/problems").toString()).contains("1 component has no purl: listed, not matched");

        // Trivy's SPDX: the OS as an OPERATING-SYSTEM package its packages hang under, the image's digest in a pkg:oci purl;
        // Trivy's purls carry distro=debian-12.4 (the point release), and a glibc package with no distro qualifier takes the OS package's.
        Path trivy = tmp.resolve("trivy.spdx.json");
        Files.writeString(trivy, """
                {"spdxVersion":"SPDX-2.3","dataLicense":"CC0-1.0","SPDXID":"SPDXRef-DOCUMENT","name":"shop:1.0",
                 "documentNamespace":"http://aquasecurity.github.io/trivy/container_image/shop:1.0-x",
                 "creationInfo":{"creators":["Tool: trivy-0.50.0"],"created":"2024-01-01T00:00:00Z"},
                 "packages":[
                  {"SPDXID":"SPDXRef-ContainerImage-1","name":"shop:1.0","downloadLocation":"NONE","primaryPackagePurpose":"CONTAINER",
                   "externalRefs":[{"referenceCategory":"PACKAGE-MANAGER","referenceType":"purl",
                     "referenceLocator":"pkg:oci/shop@sha256%%3A%s?repository_url=index.docker.io%%2Flibrary%%2Fshop"}]},
                  {"SPDXID":"SPDXRef-OperatingSystem-2","name":"debian","versionInfo":"12.4","downloadLocation":"NONE",
                   "primaryPackagePurpose":"OPERATING-SYSTEM"},
                  {"SPDXID":"SPDXRef-Package-3","name":"libssl3","versionInfo":"3.0.11-1~deb12u1","downloadLocation":"NONE",
                   "licenseDeclared":"LicenseRef-x","primaryPackagePurpose":"LIBRARY",
                   "externalRefs":[{"referenceCategory":"PACKAGE-MANAGER","referenceType":"purl",
                     "referenceLocator":"pkg:deb/debian/libssl3@3.0.11-1~deb12u1?arch=amd64&distro=debian-12.4"}],
                   "sourceInfo":"built package from: openssl 3.0.11-1~deb12u1"},
                  {"SPDXID":"SPDXRef-Package-4","name":"libc6","versionInfo":"2.36-9+deb12u1","downloadLocation":"NONE",
                   "externalRefs":[{"referenceCategory":"PACKAGE-MANAGER","referenceType":"purl",
                     "referenceLocator":"pkg:deb/debian/libc6@2.36-9%%2Bdeb12u1?arch=amd64&upstream=glibc"}]}
                 ],
                 "hasExtractedLicensingInfos":[{"licenseId":"LicenseRef-x","extractedText":"OpenSSL license"}],
                 "relationships":[
                  {"spdxElementId":"SPDXRef-DOCUMENT","relationshipType":"DESCRIBES","relatedSpdxElement":"SPDXRef-ContainerImage-1"},
                  {"spdxElementId":"SPDXRef-ContainerImage-1","relationshipType":"CONTAINS","relatedSpdxElement":"SPDXRef-OperatingSystem-2"},
                  {"spdxElementId":"SPDXRef-OperatingSystem-2","relationshipType":"CONTAINS","relatedSpdxElement":"SPDXRef-Package-3"},
                  {"spdxElementId":"SPDXRef-OperatingSystem-2","relationshipType":"CONTAINS","relatedSpdxElement":"SPDXRef-Package-4"}
                 ]}
                """.formatted("b".repeat(64)));
        CliRunner t = CliRunner.run("images", "scan", "sbom:" + trivy, "--db", db.toString(), "-f", "json");
        assertThat(t.exitCode()).as(t.err()).isEqualTo(1);
        JsonNode td = JSON.readTree(t.out());
        assertThat(td.at("/images/0/digest").asText()).isEqualTo("sha256:" + "b".repeat(64));
        assertThat(td.at("/images/0/os/release").asText()).isEqualTo("Debian:12");
        List<String> ids = new ArrayList<>();
        td.path("vulnerabilities").forEach(v -> ids.add(v.path("id").asText() + " " + v.at("/package/ecosystem").asText()));
        // libssl3's purl has no upstream: its source package comes from Trivy's sourceInfo.
        assertThat(ids).containsExactlyInAnyOrder("CVE-2023-5363 Debian:12", "CVE-2023-4911 Debian:12");
        assertThat(td.at("/vulnerabilities").toString()).contains("\"sourceName\":\"openssl\"");
    }

    @Test
    void trivyCycloneDxWithItsSourcePackagePropertiesAndOsComponent() throws Exception {
        Path trivy = tmp.resolve("trivy.cdx.json");
        Files.writeString(trivy, """
                {"$schema":"http://cyclonedx.org/schema/bom-1.6.schema.json","bomFormat":"CycloneDX","specVersion":"1.6","version":1,
                 "metadata":{"component":{"bom-ref":"img","type":"container","name":"shop:1.0",
                   "properties":[{"name":"aquasecurity:trivy:RepoDigest","value":"shop@sha256:%s"}]}},
                 "components":[
                  {"bom-ref":"os","type":"operating-system","name":"debian","version":"12.4"},
                  {"bom-ref":"p1","type":"library","name":"libssl3","version":"3.0.11-1~deb12u1",
                   "purl":"pkg:deb/debian/libssl3@3.0.11-1~deb12u1?arch=amd64",
                   "properties":[{"name":"aquasecurity:trivy:SrcName","value":"openssl"},
                                 {"name":"aquasecurity:trivy:SrcVersion","value":"3.0.11"},
                                 {"name":"aquasecurity:trivy:SrcRelease","value":"1~deb12u1"},
                                 {"name":"aquasecurity:trivy:LayerDiffID","value":"sha256:%s"}]}
                 ],
                 "dependencies":[{"ref":"img","dependsOn":["os"]},{"ref":"os","dependsOn":["p1"]}]}
                """.formatted("c".repeat(64), "d".repeat(64)));
        CliRunner r = CliRunner.run("images", "scan", "sbom:" + trivy, "--db", db.toString(), "-f", "json");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        JsonNode doc = JSON.readTree(r.out());
        assertThat(doc.at("/images/0/digest").asText()).isEqualTo("sha256:" + "c".repeat(64));
        assertThat(doc.at("/images/0/os/release").asText()).isEqualTo("Debian:12");
        assertThat(doc.at("/vulnerabilities/0/id").asText()).isEqualTo("CVE-2023-5363");
        assertThat(doc.at("/vulnerabilities/0/package/sourceName").asText()).isEqualTo("openssl");
        assertThat(doc.at("/vulnerabilities/0/package/ecosystem").asText()).isEqualTo("Debian:12");
        assertThat(doc.path("vulnerabilities")).hasSize(1);
    }

    @Test
    void aBadSbomIsAnErrorNamingTheFile() throws Exception {
        Path notJson = tmp.resolve("bad.json");
        Files.writeString(notJson, "{\"bomFormat\": \"CycloneDX\",\n \"specVersion\": \"1.6\",\n \"components\": [ }\n");
        Path unknown = tmp.resolve("unknown.json");
        Files.writeString(unknown, "{\"hello\": 1}");
        Path old = tmp.resolve("old.json");
        Files.writeString(old, "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.2\"}");
        Path spdx22 = tmp.resolve("spdx22.json");
        Files.writeString(spdx22, "{\"spdxVersion\": \"SPDX-2.2\"}");
        Path badPurl = tmp.resolve("badpurl.json");
        Files.writeString(badPurl, "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\", \"components\": "
                + "[{\"type\": \"library\", \"name\": \"x\", \"version\": \"1\", \"purl\": \"not a purl\"}]}");
        record Case(Path file, String message) {}
        for (Case c : List.of(new Case(notJson, notJson + ":3: not JSON: "),
                new Case(unknown, unknown + ": not an SBOM kubeward reads: neither CycloneDX JSON (bomFormat) nor SPDX JSON (spdxVersion)"),
                new Case(old, old + ": CycloneDX specVersion '1.2' is not one kubeward reads (1.4, 1.5, 1.6)"),
                new Case(spdx22, spdx22 + ": spdxVersion 'SPDX-2.2' is not one kubeward reads (SPDX-2.3)"),
                new Case(tmp.resolve("missing.json"), tmp.resolve("missing.json") + ": no such SBOM file"))) {
            CliRunner r = CliRunner.run("images", "scan", "sbom:" + c.file(), "--db", db.toString());
            assertThat(r.exitCode()).as(c.file().toString()).isEqualTo(2);
            assertThat(r.err()).contains(c.message()).doesNotContain("Exception").doesNotContain("\tat ");
        }
        CliRunner p = CliRunner.run("images", "scan", "sbom:" + badPurl, "--db", db.toString(), "-f", "json");
        assertThat(p.exitCode()).as(p.err()).isZero();
        JsonNode doc = JSON.readTree(p.out());
        assertThat(doc.at("/images/0/problems/0").asText()).contains("component 'x': 'not a purl' is not a package URL");
        assertThat(doc.at("/images/0/unmatched/0/package/name").asText()).isEqualTo("x");
    }
}
