package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ImagesCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void listsManifestAndDockerfileImagesWithTheRulesTheyBreak() throws Exception {
        CliRunner r = CliRunner.run("images", "examples/insecure", "-c", "examples/kubeward.yaml", "-f", "json");
        assertThat(r.exitCode()).isEqualTo(1);
        JsonNode images = JSON.readTree(r.out()).get("images");
        JsonNode nginx = find(images, "nginx:latest");
        assertThat(nginx.get("registry").asText()).isEqualTo("docker.io");
        assertThat(nginx.get("repository").asText()).isEqualTo("library/nginx");
        assertThat(nginx.get("violations")).extracting(JsonNode::asText)
                .contains("image-banned", "image-tag-latest", "image-registry-untrusted");
        assertThat(nginx.at("/uses/0/file").asText()).isEqualTo("examples/insecure/web.yaml");
        assertThat(nginx.at("/uses/0/line").asInt()).isEqualTo(26);
        JsonNode ubuntu = find(images, "ubuntu:latest");
        assertThat(ubuntu.at("/uses/0/where").asText()).startsWith("FROM of stage");
        assertThat(ubuntu.get("violations")).extracting(JsonNode::asText).contains("dockerfile-base-banned",
                "dockerfile-base-latest");
    }

    /** The objects of kubectl-get.json, created in the mock API server: a Deployment with its copies, two bare pods. */
    private static dev.kubeward.source.cluster.MockCluster seeded() throws Exception {
        dev.kubeward.source.cluster.MockCluster cluster = new dev.kubeward.source.cluster.MockCluster();
        for (JsonNode item : JSON.readTree(new java.io.File("src/test/resources/cluster/kubectl-get.json")).get("items")) {
            cluster.create(item, item.at("/metadata/namespace").asText());
        }
        return cluster;
    }

    @Test
    void readsTheClusterThroughItsApi(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        try (dev.kubeward.source.cluster.MockCluster cluster = seeded()) {
            java.nio.file.Path kubeconfig = cluster.kubeconfig(dir, "prod");
            CliRunner r = CliRunner.run("images", "--cluster", "--kubeconfig", kubeconfig.toString(), "-c",
                    "examples/kubeward.yaml", "-f", "json");
            assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
            JsonNode images = JSON.readTree(r.out()).get("images");
            assertThat(images.findValuesAsText("image"))
                    .containsExactlyInAnyOrder("nginx:1.27", "busybox:latest",
                            "ghcr.io/example/runner@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
            // One use for the Deployment: its ReplicaSet and Pod are copies, not further uses.
            assertThat(find(images, "nginx:1.27").get("uses")).singleElement()
                    .satisfies(u -> assertThat(u.get("file").asText()).isEqualTo("cluster:prod/Deployment/shop/web"));
            assertThat(find(images, "busybox:latest").get("violations")).extracting(JsonNode::asText)
                    .contains("image-tag-latest");
            CliRunner text = CliRunner.run("images", "--cluster", "--kubeconfig", kubeconfig.toString());
            assertThat(text.out()).contains("cluster:prod/Deployment/shop/web spec.template.spec.containers[0].image");
        }
    }

    @Test
    void theOldClusterOptionsStillWorkWithANote(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        try (dev.kubeward.source.cluster.MockCluster cluster = seeded()) {
            java.nio.file.Path kubeconfig = cluster.kubeconfig(dir, "prod");
            CliRunner r = CliRunner.run("images", "--cluster", "--kubeconfig", kubeconfig.toString(), "--context", "prod",
                    "--kubectl", "/nonexistent/kubectl", "-f", "json");
            assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
            assertThat(r.err()).contains("'images --context' is deprecated").contains("'images --kubectl' is ignored");
            CliRunner other = CliRunner.run("images", "--cluster", "--kubeconfig", kubeconfig.toString(), "--context", "nope");
            assertThat(other.exitCode()).isEqualTo(2);
            assertThat(other.err()).contains("no context 'nope' in the kubeconfig");
        }
    }

    @Test
    void pathsWithTheClusterAreReadToo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        try (dev.kubeward.source.cluster.MockCluster cluster = seeded()) {
            java.nio.file.Path kubeconfig = cluster.kubeconfig(dir, "prod");
            CliRunner r = CliRunner.run("images", "--cluster", "--kubeconfig", kubeconfig.toString(), "examples/insecure",
                    "-f", "json");
            JsonNode images = JSON.readTree(r.out()).get("images");
            assertThat(images.findValuesAsText("image")).contains("nginx:1.27", "nginx:latest");
        }
    }

    @Test
    void hardenedImagesBreakNothing() throws Exception {
        CliRunner r = CliRunner.run("images", "examples/hardened", "-c", "examples/kubeward.yaml", "-f", "json");
        assertThat(r.exitCode()).isZero();
        JsonNode images = JSON.readTree(r.out()).get("images");
        assertThat(images).isNotEmpty().allSatisfy(i -> assertThat(i.get("violations")).isEmpty());
        assertThat(images).allSatisfy(i -> assertThat(i.get("digest").asText()).startsWith("sha256:"));
        long dockerfileBases = 0;
        for (JsonNode i : images) {
            dockerfileBases += i.get("uses").findValuesAsText("where").stream().filter(w -> w.startsWith("FROM")).count();
        }
        assertThat(dockerfileBases).isEqualTo(2);
    }

    @Test
    void aFromOfAnEarlierStageIsNotAnImage() throws Exception {
        CliRunner r = CliRunner.run("images", "src/test/resources/dockerfile/fixtures/final-builds-on-stage.Dockerfile",
                "-f", "json");
        JsonNode images = JSON.readTree(r.out()).get("images");
        assertThat(images).extracting(i -> i.get("image").asText()).doesNotContain("runtime-base", "build");
        assertThat(images).hasSize(2);
        assertThat(images).isNotEmpty();
    }

    @Test
    void imagesOfCopyFromAndRunMountAreListedWhereUsed() throws Exception {
        CliRunner r = CliRunner.run("images", "src/test/resources/dockerfile/fixtures/copy-from-image.Dockerfile",
                "-f", "json");
        JsonNode images = JSON.readTree(r.out()).get("images");
        assertThat(images).extracting(i -> i.get("image").asText()).doesNotContain("build", "0")
                .contains("nginx:latest", "centos:7", "golang:1.22");
        JsonNode nginx = find(images, "nginx:latest");
        assertThat(nginx.at("/uses/0/line").asInt()).isEqualTo(7);
        assertThat(nginx.at("/uses/0/where").asText()).isEqualTo("COPY --from in stage build");
        assertThat(nginx.get("violations")).extracting(JsonNode::asText)
                .containsExactly("dockerfile-base-latest", "dockerfile-base-not-digest-pinned");
        JsonNode golang = find(images, "golang:1.22");
        assertThat(golang.at("/uses/0/line").asInt()).isEqualTo(5);
        assertThat(golang.at("/uses/0/where").asText()).isEqualTo("RUN --mount in stage build");
        assertThat(golang.get("violations")).extracting(JsonNode::asText)
                .containsExactly("dockerfile-base-not-digest-pinned");
    }

    private static JsonNode find(JsonNode images, String image) {
        for (JsonNode i : images) {
            if (i.get("image").asText().equals(image)) {
                return i;
            }
        }
        throw new AssertionError("no image " + image + " in " + images);
    }
}
