package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code images.builds} through {@code scan}: where the Dockerfiles are found, the errors, the related locations. */
class BuildJoinScanTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEPLOY = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
              namespace: shop
            spec:
              securityContext:
                runAsNonRoot: true
              containers:
                - name: web
                  image: ghcr.io/acme/shop:1.2
            """;

    @TempDir
    Path dir;

    private CliRunner scan(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "scan";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRunner.run(CliRunner.env(dir, false), all);
    }

    private void write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void aDockerfileOutsideTheScanIsReadAsContextAndNamedAsTheRelatedLocation() throws Exception {
        write(".kubeward.yaml", "images:\n  builds:\n    docker/shop/Dockerfile: ghcr.io/acme/shop\n");
        write("k8s/pod.yaml", DEPLOY);
        write("docker/shop/Dockerfile", "FROM debian:12-slim\nRUN useradd app\nUSER app\n");
        CliRunner r = scan(dir.resolve("k8s").toString(), "-f", "json", "--fail-on", "none");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode findings = JSON.readTree(r.out()).get("findings");
        JsonNode joined = null;
        for (JsonNode f : findings) {
            assertThat(f.get("file").asText()).as("nothing is reported on the context Dockerfile").endsWith("pod.yaml");
            if (f.get("checkId").asText().equals("dockerfile-user-fails-runasnonroot")) {
                joined = f;
            }
        }
        assertThat(joined).as("findings: %s", findings).isNotNull();
        assertThat(joined.get("line").asInt()).isEqualTo(8);
        assertThat(joined.get("message").asText()).contains("non-numeric user (app)").contains("docker/shop/Dockerfile");
        assertThat(joined.get("related").get(0).get("file").asText()).endsWith("docker/shop/Dockerfile");
        assertThat(joined.get("related").get(0).get("line").asInt()).isEqualTo(3);
    }

    @Test
    void scanningBothFilesReportsOnBothWithSarifRelatedLocations() throws Exception {
        write(".kubeward.yaml", "images:\n  builds:\n    docker/shop/Dockerfile: ghcr.io/acme/shop\n");
        write("k8s/pod.yaml", DEPLOY);
        write("docker/shop/Dockerfile", "FROM debian:12-slim\nRUN useradd app\nUSER app\n");
        CliRunner r = scan(dir.toString(), "-f", "sarif", "--fail-on", "none");
        assertThat(r.exitCode()).as(r.err()).isZero();
        int seen = 0;
        for (JsonNode result : JSON.readTree(r.out()).get("runs").get(0).get("results")) {
            if (!result.get("ruleId").asText().equals("dockerfile-user-fails-runasnonroot")) {
                continue;
            }
            seen++;
            String uri = result.get("locations").get(0).get("physicalLocation").get("artifactLocation").get("uri").asText();
            JsonNode related = result.get("relatedLocations").get(0);
            String relatedUri = related.get("physicalLocation").get("artifactLocation").get("uri").asText();
            int relatedLine = related.get("physicalLocation").get("region").get("startLine").asInt();
            if (uri.endsWith("k8s/pod.yaml")) {
                assertThat(relatedUri).endsWith("docker/shop/Dockerfile");
                assertThat(relatedLine).isEqualTo(3);
            } else {
                assertThat(uri).endsWith("docker/shop/Dockerfile");
                assertThat(relatedUri).endsWith("k8s/pod.yaml");
                assertThat(relatedLine).isEqualTo(8);
            }
            assertThat(related.get("message").get("text").asText()).isNotBlank();
        }
        assertThat(seen).as("one finding on each file").isEqualTo(2);
    }

    @Test
    void aMappingToAMissingDockerfileIsAConfigurationErrorAtItsLine() throws Exception {
        write(".kubeward.yaml", "checks:\n  disable: []\nimages:\n  builds:\n    docker/gone/Dockerfile: ghcr.io/acme/shop\n");
        write("k8s/pod.yaml", DEPLOY);
        CliRunner r = scan(dir.resolve("k8s").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(".kubeward.yaml:5: images.builds: docker/gone/Dockerfile does not exist")
                .doesNotContain("Exception");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aRepositoryWithATagIsAConfigurationError() throws Exception {
        write(".kubeward.yaml", "images:\n  builds:\n    Dockerfile: ghcr.io/acme/shop:1.2\n");
        write("Dockerfile", "FROM scratch\n");
        CliRunner r = scan(dir.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(".kubeward.yaml:3:").contains("has a tag").doesNotContain("Exception");
    }

    @Test
    void anUnparseableMappedDockerfileIsAnInputErrorAtItsLineAndTheRestIsScanned() throws Exception {
        write(".kubeward.yaml", "images:\n  builds:\n    docker/Dockerfile: ghcr.io/acme/shop\n");
        write("k8s/pod.yaml", DEPLOY);
        write("docker/Dockerfile", "FROM debian:12\nFROBNICATE now\n");
        CliRunner r = scan(dir.resolve("k8s").toString(), "-f", "json", "--fail-on", "none");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("docker/Dockerfile:2:").contains("images.builds at .kubeward.yaml:3")
                .doesNotContain("Exception");
        assertThat(JSON.readTree(r.out()).get("findings")).as("the manifests are still scanned").isNotEmpty();
    }

    @Test
    void anUnparseableScannedDockerfileIsReportedOnce() throws Exception {
        write(".kubeward.yaml", "images:\n  builds:\n    docker/Dockerfile: ghcr.io/acme/shop\n");
        write("k8s/pod.yaml", DEPLOY);
        write("docker/Dockerfile", "FROM debian:12\nFROBNICATE now\n");
        CliRunner r = scan(dir.toString(), "-f", "json", "--fail-on", "none");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().split("docker/Dockerfile:2:", -1)).as(r.err()).hasSize(2);
    }
}
