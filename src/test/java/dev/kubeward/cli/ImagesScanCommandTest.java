package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubeward.image.ImageFixtures;
import dev.kubeward.image.TestImages.Compression;
import dev.kubeward.image.oci.FakeRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagesScanCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    Path db;
    Path layout;

    @BeforeEach
    void setUp() throws Exception {
        db = ImageFixtures.database(tmp.resolve("db"));
        layout = tmp.resolve("debian");
        ImageFixtures.debian(Compression.GZIP).writeLayout(layout, "shop:1.0");
    }

    @Test
    void textIsGroupedByImageMostSevereFirstWithTheFix() {
        CliRunner r = CliRunner.run("images", "scan", "oci:" + layout, "--db", db.toString());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        String out = r.out();
        assertThat(out).contains("oci:" + layout + " (shop:1.0, Debian GNU/Linux 12 (bookworm), sha256:")
                .contains(": 4 packages, 2 vulnerabilities");
        int ssl = out.indexOf("CVE-2023-5363");
        int glibc = out.indexOf("CVE-2023-4911");
        assertThat(ssl).isPositive();
        assertThat(glibc).isPositive();
        // Both high: the scored one (7.5) before the one rated by Debian's urgency alone.
        assertThat(ssl).isLessThan(glibc);
        assertThat(out.lines().filter(l -> l.contains("CVE-2023-5363")).findFirst().orElseThrow())
                .contains("high").contains("libssl3 (openssl)").contains("3.0.11-1~deb12u1").contains("3.0.11-1~deb12u2")
                .contains("/var/lib/dpkg/status:1");
        assertThat(out.lines().filter(l -> l.contains("CVE-2023-4911")).findFirst().orElseThrow())
                .contains("libc6 (glibc)").contains("2.36-9+deb12u3");
        assertThat(out.strip().lines().reduce((a, b) -> b).orElseThrow()).isEqualTo("2 vulnerabilities in 1 image (high 2)");
    }

    @Test
    void scansAnImageInARegistryWithDockerConfigCredentials() throws Exception {
        try (FakeRegistry registry = new FakeRegistry()) {
            registry.push("shop", "1.0", ImageFixtures.debian(Compression.GZIP));
            registry.requireToken("ci", "pw");
            Path docker = Files.createDirectories(tmp.resolve("docker"));
            Files.writeString(docker.resolve("config.json"), "{\"auths\":{\"" + registry.host() + "\":{\"auth\":\""
                    + java.util.Base64.getEncoder().encodeToString("ci:pw".getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "\"}}}");
            Environment env = CliRunner.env(tmp, false, "DOCKER_CONFIG", docker.toString());
            CliRunner r = CliRunner.run(env, "images", "scan", registry.host() + "/shop:1.0", "--insecure-registry", registry.host(),
                    "--db", db.toString(), "-q");
            assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
            assertThat(r.out().strip()).isEqualTo("2 vulnerabilities in 1 image (high 2)");
            CliRunner missing = CliRunner.run(env, "images", "scan", registry.host() + "/shop:2.0", "--insecure-registry",
                    registry.host(), "--db", db.toString());
            assertThat(missing.exitCode()).isEqualTo(2);
            assertThat(missing.err()).contains("404 not found: the registry has no tag '2.0' in " + registry.host() + "/shop");
            CliRunner bad = CliRunner.run(env, "images", "scan", "Shop:1", "--db", db.toString());
            assertThat(bad.exitCode()).isEqualTo(2);
            assertThat(bad.err()).contains("'Shop:1': 'library/Shop' is not a repository name");
        }
    }

    @Test
    void failOnAndSeverityFilters() {
        CliRunner r = CliRunner.run("images", "scan", "oci:" + layout, "--db", db.toString(), "--fail-on", "critical");
        assertThat(r.exitCode()).as(r.err()).isZero();
        CliRunner quiet = CliRunner.run("images", "scan", "oci:" + layout, "--db", db.toString(), "-q");
        assertThat(quiet.out().strip()).isEqualTo("2 vulnerabilities in 1 image (high 2)");
        CliRunner low = CliRunner.run("images", "scan", "oci:" + layout, "--db", db.toString(), "--severity", "low");
        assertThat(low.exitCode()).isEqualTo(1);
        assertThat(low.out()).doesNotContain("CVE-");
    }

    @Test
    void jsonListsEachVulnerabilityWithItsPackage() throws Exception {
        CliRunner r = CliRunner.run("images", "scan", "oci:" + layout, "--db", db.toString(), "-f", "json");
        JsonNode doc = JSON.readTree(r.out());
        assertThat(doc.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(doc.path("images").get(0).path("os").path("release").asText()).isEqualTo("Debian:12");
        JsonNode v = doc.path("vulnerabilities").get(0);
        assertThat(v.path("id").asText()).isEqualTo("CVE-2023-5363");
        assertThat(v.path("aliases")).extracting(JsonNode::asText).containsExactly("DEBIAN-CVE-2023-5363", "DSA-5532-1");
        assertThat(v.path("severity").asText()).isEqualTo("high");
        assertThat(v.path("fixed").asText()).isEqualTo("3.0.11-1~deb12u2");
        JsonNode p = v.path("package");
        assertThat(p.path("name").asText()).isEqualTo("libssl3");
        assertThat(p.path("ecosystem").asText()).isEqualTo("Debian:12");
        assertThat(p.path("purl").asText()).startsWith("pkg:deb/debian/libssl3@3.0.11-1~deb12u1");
        assertThat(p.path("path").asText()).isEqualTo("/var/lib/dpkg/status:1");
    }

    @Test
    void everyKindOfImageGivesTheSameResult() throws Exception {
        Path archive = tmp.resolve("debian.tar");
        ImageFixtures.debian(Compression.ZSTD).writeOciArchive(archive);
        Path docker = tmp.resolve("docker.tar");
        ImageFixtures.debian(Compression.NONE).writeDockerArchive(docker, "shop:1.0");
        for (String ref : new String[] {"oci-archive:" + archive, "docker-archive:" + docker}) {
            CliRunner r = CliRunner.run("images", "scan", ref, "--db", db.toString(), "-q");
            assertThat(r.out().strip()).as(ref + r.err()).isEqualTo("2 vulnerabilities in 1 image (high 2)");
        }
    }

    @Test
    void anUnpackedFilesystem() throws Exception {
        Path root = tmp.resolve("rootfs");
        Files.createDirectories(root.resolve("etc"));
        Files.createDirectories(root.resolve("lib/apk/db"));
        Files.writeString(root.resolve("etc/os-release"), "ID=alpine\nVERSION_ID=3.19.1\n");
        Files.writeString(root.resolve("lib/apk/db/installed"), ImageFixtures.APK_INSTALLED);
        CliRunner r = CliRunner.run("images", "scan", "--rootfs", root.toString(), "--db", db.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("CVE-2023-42363").contains("busybox").contains("ssl_client (busybox)")
                .contains("1.36.1-r17").endsWith("2 vulnerabilities in 1 image (medium 2)\n");
    }

    @Test
    void noDatabaseSaysHowToGetOneAndDownloadsNothing() {
        CliRunner r = CliRunner.run("images", "scan", "oci:" + layout, "--db", tmp.resolve("none").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no vulnerability database at").contains("never downloads")
                .contains("kubeward vulndb import all.zip");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void anOldDatabaseWarnsAtTheConfiguredAge() throws Exception {
        CliRunner r = CliRunner.run("images", "scan", "oci:" + layout, "--db", db.toString(), "--max-age", "0m");
        assertThat(r.err()).contains("warning: the vulnerability database at").contains("older than 0m");
        Files.writeString(tmp.resolve(".kubeward.yaml"), "vulndb:\n  maxAge: 0m\n");
        CliRunner configured = CliRunner.run(CliRunner.env(tmp, false), "images", "scan", "oci:debian", "--db", "db");
        assertThat(configured.err()).contains("older than 0m");
        CliRunner fresh = CliRunner.run(CliRunner.env(tmp, false), "images", "scan", "oci:debian", "--db", "db", "--max-age", "7d");
        assertThat(fresh.err()).doesNotContain("warning");
        Files.writeString(tmp.resolve(".kubeward.yaml"), "vulndb:\n  maxAge: soon\n");
        CliRunner bad = CliRunner.run(CliRunner.env(tmp, false), "images", "scan", "oci:debian", "--db", "db");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains(".kubeward.yaml:2: vulndb.maxAge must be an age such as 7d, 36h or 90m");
    }

    @Test
    void anUnreadableImageIsSaidAndTheOthersAreScanned() throws Exception {
        CliRunner r = CliRunner.run("images", "scan", "oci:" + tmp.resolve("missing"), "oci:" + layout, "--db", db.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no OCI image layout directory");
        assertThat(r.out()).contains("not scanned").contains("CVE-2023-5363")
                .endsWith("2 vulnerabilities in 2 images (high 2); 1 could not be read\n");
    }

    @Test
    void usageErrors() {
        CliRunner none = CliRunner.run("images", "scan", "--db", db.toString());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("Name at least one image (REF) or --rootfs DIR");
        CliRunner plat = CliRunner.run("images", "scan", "oci:" + layout, "--platform", "amd64", "--db", db.toString());
        assertThat(plat.exitCode()).isEqualTo(2);
        assertThat(plat.err()).contains("'amd64' is not a platform such as linux/amd64");
        CliRunner ref = CliRunner.run("images", "scan", "docker.io/library/nginx:1.25@sha256:12", "--db", db.toString());
        assertThat(ref.exitCode()).isEqualTo(2);
        assertThat(ref.err()).contains("'sha256:12' is not a sha256 digest");
    }

    @Test
    void languagePackagesOfAnApplicationImage() throws Exception {
        Path app = tmp.resolve("app");
        ImageFixtures.application().writeLayout(app, null);
        CliRunner r = CliRunner.run("images", "scan", "oci:" + app, "--db", db.toString(), "-f", "json");
        JsonNode doc = JSON.readTree(r.out());
        assertThat(doc.path("images").get(0).path("packages").asInt()).isEqualTo(10);
        java.util.List<String> found = new java.util.ArrayList<>();
        doc.path("vulnerabilities").forEach(v -> found.add(v.path("severity").asText() + " " + v.path("id").asText() + " "
                + v.path("package").path("name").asText() + " " + v.path("fixed").asText() + " " + v.path("package").path("path").asText()));
        assertThat(found).containsExactly(
                "critical CVE-2021-44228 org.apache.logging.log4j:log4j-core 2.15.0 /app/shop.jar!/BOOT-INF/lib/log4j-core-2.14.1.jar",
                "high CVE-2023-5363 libssl3 3.0.11-1~deb12u2 /var/lib/dpkg/status:1",
                "high CVE-2021-23337 lodash 4.17.21 /app/node_modules/lodash/package.json",
                "high CVE-2023-4911 libc6 2.36-9+deb12u3 /var/lib/dpkg/status:16",
                "medium CVE-2023-32681 requests 2.31.0 /usr/local/lib/python3.11/site-packages/requests-2.30.0.dist-info/METADATA",
                "unknown CVE-2022-41723 golang.org/x/net v0.7.0 /usr/local/bin/server",
                "unknown CVE-2022-41723 stdlib go1.19.6 /usr/local/bin/server");
    }

    @Test
    void rpmPackagesAreMatchedByTheirSourceRpm() throws Exception {
        Path alma = tmp.resolve("alma");
        dev.kubeward.image.catalog.RpmCatalogerTest.alma().writeLayout(alma, null);
        CliRunner r = CliRunner.run("images", "scan", "oci:" + alma, "--db", db.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("AlmaLinux 9.3 (Shamrock Pampas Cat)").contains(": 64 packages, 1 vulnerability");
        assertThat(r.out().lines().filter(l -> l.contains("CVE-2023-3817")).findFirst().orElseThrow())
                .contains("medium").contains("openssl-libs (openssl)").contains("1:3.0.7-18.el9").contains("1:3.0.7-24.el9")
                .contains("/var/lib/rpm/rpmdb.sqlite:1");
    }

    @Test
    void sarifIsValidAndReadByGitHubWithARulePerVulnerability() throws Exception {
        CliRunner r = CliRunner.run("images", "scan", "oci:" + layout, "--db", db.toString(), "-f", "sarif");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        JsonNode run = SarifForGitHubTest.sarif(r);
        JsonNode rules = run.at("/tool/driver/rules");
        assertThat(rules).extracting(n -> n.path("id").asText()).containsExactly("CVE-2023-5363", "CVE-2023-4911");
        assertThat(rules.get(0).at("/properties/security-severity").asText()).isEqualTo("7.5");
        // Rated by Debian's urgency only: the band of its level.
        assertThat(rules.get(1).at("/properties/security-severity").asText()).isEqualTo("8.0");
        JsonNode results = run.get("results");
        assertThat(results).hasSize(2);
        JsonNode ssl = results.get(0);
        assertThat(ssl.path("level").asText()).isEqualTo("error");
        assertThat(ssl.at("/message/text").asText()).contains("CVE-2023-5363 (high) in libssl3 3.0.11-1~deb12u1 (source openssl)")
                .contains("fixed in 3.0.11-1~deb12u2");
        assertThat(ssl.at("/locations/0/logicalLocations/0/fullyQualifiedName").asText())
                .isEqualTo("oci:" + layout + "!/var/lib/dpkg/status:1");
        assertThat(ssl.at("/properties/package/purl").asText()).startsWith("pkg:deb/debian/libssl3@");
        assertThat(ssl.path("suppressions").isMissingNode()).isTrue();
        assertThat(run.at("/invocations/0/executionSuccessful").asBoolean()).isTrue();
        // The same image twice gives the same fingerprints: they name no line or run.
        JsonNode again = SarifForGitHubTest.sarif(CliRunner.run("images", "scan", "oci:" + layout, "--db", db.toString(), "-f", "sarif"));
        assertThat(again.at("/results/0/partialFingerprints")).isEqualTo(ssl.path("partialFingerprints"));
    }

    @Test
    void sarifLocatesAnImageInsideTheRepositoryRelativeToIt() throws Exception {
        Files.createDirectories(tmp.resolve(".git"));
        CliRunner r = CliRunner.run(CliRunner.env(tmp, false), "images", "scan", "oci:debian", "oci:" + tmp.resolve("missing"),
                "--db", "db", "-f", "sarif");
        assertThat(r.exitCode()).isEqualTo(2);
        JsonNode log = JSON.readTree(r.out());
        JsonNode run = log.at("/runs/0");
        SarifForGitHubTest.assertGitHubRequirements(run);
        assertThat(run.at("/results/0/locations/0/physicalLocation/artifactLocation/uri").asText()).isEqualTo("debian");
        assertThat(run.at("/results/0/locations/0/physicalLocation/artifactLocation/uriBaseId").asText()).isEqualTo("%SRCROOT%");
        assertThat(run.at("/invocations/0/executionSuccessful").asBoolean()).isFalse();
        assertThat(run.at("/invocations/0/toolExecutionNotifications/0/descriptor/id").asText()).isEqualTo("image-not-read");
        assertThat(run.at("/invocations/0/toolExecutionNotifications/0/message/text").asText()).contains("no OCI image layout directory");
    }

    @Test
    void junitHasACasePerPackageFailedAtTheThreshold() throws Exception {
        CliRunner r = CliRunner.run("images", "scan", "oci:" + layout, "--db", db.toString(), "-f", "junit");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        org.w3c.dom.Document doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(r.out().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        org.w3c.dom.Element root = doc.getDocumentElement();
        assertThat(root.getAttribute("tests")).isEqualTo("4");
        assertThat(root.getAttribute("failures")).isEqualTo("2");
        org.w3c.dom.NodeList cases = doc.getElementsByTagName("testcase");
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < cases.getLength(); i++) {
            org.w3c.dom.Element c = (org.w3c.dom.Element) cases.item(i);
            names.add(c.getAttribute("name") + (c.getElementsByTagName("failure").getLength() > 0 ? " FAILED" : ""));
        }
        assertThat(names).contains("libssl3 3.0.11-1~deb12u1 (/var/lib/dpkg/status:1) FAILED",
                "libc6 2.36-9+deb12u1 (/var/lib/dpkg/status:16) FAILED");
        assertThat(names.stream().filter(n -> !n.endsWith("FAILED"))).hasSize(2);
        CliRunner critical = CliRunner.run("images", "scan", "oci:" + layout, "--db", db.toString(), "-f", "junit", "--fail-on", "critical");
        assertThat(critical.exitCode()).isZero();
        assertThat(critical.out()).contains("failures=\"0\"").contains("<system-out>below --fail-on critical:\nCVE-2023-5363");
        CliRunner missing = CliRunner.run("images", "scan", "oci:" + tmp.resolve("missing"), "--db", db.toString(), "-f", "junit");
        assertThat(missing.out()).contains("errors=\"1\"").contains("<error message=\"").contains("no OCI image layout directory");
    }

    @Test
    void cycloneDxInventoryIsValidAndCarriesPurlsOsLicensesAndPlaces() throws Exception {
        Path alpine = tmp.resolve("alpine");
        ImageFixtures.alpine().writeLayout(alpine, "edge:1");
        CliRunner r = CliRunner.run("images", "scan", "oci:" + alpine, "--db", db.toString(), "-f", "cyclonedx");
        assertThat(r.exitCode()).as(r.err()).isIn(0, 1);
        JsonNode bom = JSON.readTree(r.out());
        var schema = com.networknt.schema.JsonSchemaFactory.getInstance(com.networknt.schema.SpecVersion.VersionFlag.V7)
                .getSchema(JSON.readTree(Path.of("src/test/resources/schemas/cyclonedx-1.6-subset.schema.json").toFile()));
        assertThat(schema.validate(bom)).as("schema").isEmpty();
        assertThat(bom.at("/metadata/component/type").asText()).isEqualTo("container");
        assertThat(bom.at("/metadata/component/name").asText()).isEqualTo("edge:1");
        assertThat(bom.at("/metadata/component/version").asText()).startsWith("sha256:");
        JsonNode os = bom.at("/components/0");
        assertThat(os.path("type").asText()).isEqualTo("operating-system");
        assertThat(os.path("name").asText()).isEqualTo("alpine");
        assertThat(os.path("version").asText()).isEqualTo("3.19.1");
        JsonNode busybox = bom.at("/components/1");
        assertThat(busybox.path("name").asText()).isEqualTo("busybox");
        assertThat(busybox.path("purl").asText()).isEqualTo("pkg:apk/alpine/busybox@1.36.1-r15?arch=x86_64&distro=alpine-3.19.1");
        assertThat(busybox.at("/licenses/0/license/id").asText()).isEqualTo("GPL-2.0-only");
        assertThat(busybox.at("/evidence/occurrences/0/location").asText()).isEqualTo("/lib/apk/db/installed");
        assertThat(busybox.at("/evidence/occurrences/0/line").asInt()).isEqualTo(1);
        assertThat(busybox.path("properties").toString()).contains("kubeward:package:layerDiffID").contains("\"Alpine:v3.19\"");
        JsonNode ssl = bom.at("/components/2");
        assertThat(ssl.path("properties").toString()).contains("{\"name\":\"kubeward:package:sourceName\",\"value\":\"busybox\"}");
        assertThat(ssl.path("licenses").isMissingNode()).isTrue();
        assertThat(bom.at("/dependencies/0/ref").asText()).isEqualTo(bom.at("/metadata/component/bom-ref").asText());
        assertThat(bom.at("/dependencies/0/dependsOn")).hasSize(4);
        // A component without its required name is what the schema refuses: the check can fail.
        ((com.fasterxml.jackson.databind.node.ObjectNode) bom.at("/components/1")).remove("name");
        assertThat(schema.validate(bom)).isNotEmpty();
    }
}
