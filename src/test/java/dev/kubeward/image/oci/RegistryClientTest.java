package dev.kubeward.image.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.image.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";

    @TempDir
    Path tmp;

    FakeRegistry registry;

    @BeforeEach
    void start() throws Exception {
        registry = new FakeRegistry();
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private RegistryClient.Options options(RegistryCredentials creds) {
        return new RegistryClient.Options(Set.of(registry.host()), creds, Duration.ofSeconds(10));
    }

    private RegistryCredentials dockerConfig(String json) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("docker"));
        Files.writeString(dir.resolve("config.json"), json);
        return RegistryCredentials.fromEnvironment(Map.of("DOCKER_CONFIG", dir.toString(), "PATH", tmp.resolve("bin").toString()));
    }

    private List<String> walk(String ref, RegistryClient.Options opts, Platform platform) throws Exception {
        ImageLoaderTest.Recorder r = new ImageLoaderTest.Recorder();
        try (Image image = ImageLoader.open(ref, tmp, platform, opts)) {
            image.walk(r);
        }
        return r.seen;
    }

    private static TestImages.Builder app() {
        return TestImages.image().layer(TestImages.layer().file("/etc/a", "1"))
                .layer(TestImages.layer().file("/etc/b", "2").compression(TestImages.Compression.ZSTD));
    }

    @Test
    void pullsAnonymouslyWhenTheRegistryAsksNothing() throws Exception {
        TestImages.Blobs b = registry.push("library/app", "1.0", app());
        assertThat(walk(registry.host() + "/library/app:1.0", options(RegistryCredentials.none()), null))
                .containsExactly("0 /etc/a=1", "1 /etc/b=2");
        try (Image image = ImageLoader.open(registry.host() + "/library/app:1.0", tmp, null, options(RegistryCredentials.none()))) {
            assertThat(image.manifestDigest().toString()).isEqualTo(b.manifestDigest());
            assertThat(image.name()).isEqualTo(registry.host() + "/library/app:1.0");
        }
    }

    @Test
    void answersABearerChallengeWithATokenFromTheRealmUsingDockerConfigCredentials() throws Exception {
        registry.push("library/app", "1.0", app());
        registry.auth = FakeRegistry.Auth.TOKEN;
        String auth = Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8));
        RegistryCredentials creds = dockerConfig("{\"auths\":{\"http://" + registry.host() + "/v1/\":{\"auth\":\"" + auth + "\"}}}");
        assertThat(walk(registry.host() + "/library/app:1.0", options(creds), null)).containsExactly("0 /etc/a=1", "1 /etc/b=2");
        // One token for the whole pull: the service and scope of the challenge were asked for.
        assertThat(registry.log).filteredOn(l -> l.startsWith("token ")).containsExactly(
                "token service=fake-registry&scope=repository:library/app:pull");
    }

    @Test
    void refusedCredentialsAndMissingOnesAreNamed() throws Exception {
        registry.push("library/app", "1.0", app());
        registry.auth = FakeRegistry.Auth.TOKEN;
        RegistryCredentials wrong = dockerConfig("{\"auths\":{\"" + registry.host() + "\":{\"username\":\"alice\",\"password\":\"nope\"}}}");
        assertThatThrownBy(() -> walk(registry.host() + "/library/app:1.0", options(wrong), null))
                .isInstanceOf(ImageException.class)
                .hasMessageContaining("token endpoint localhost answered 401 (UNAUTHORIZED bad credentials)")
                .hasMessageContaining("credentials for " + registry.host() + " were refused")
                .hasMessageNotContaining("nope");
        registry.auth = FakeRegistry.Auth.BASIC;
        assertThatThrownBy(() -> walk(registry.host() + "/library/app:1.0", options(RegistryCredentials.none()), null))
                .isInstanceOf(ImageException.class).hasMessageContaining("401 unauthorized (UNAUTHORIZED authentication required)");
    }

    @Test
    void basicAuthAndACredentialHelper() throws Exception {
        registry.push("library/app", "1.0", app());
        registry.auth = FakeRegistry.Auth.BASIC;
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path helper = bin.resolve("docker-credential-fake");
        // The helper answers for the server it is asked about on standard input.
        Files.writeString(helper, "#!/bin/sh\nread server\nif [ \"$1\" = get ] && [ \"$server\" = \"" + registry.host()
                + "\" ]; then echo '{\"ServerURL\":\"x\",\"Username\":\"alice\",\"Secret\":\"s3cret\"}'; else echo 'credentials not found in native keychain'; exit 1; fi\n");
        helper.toFile().setExecutable(true);
        RegistryCredentials creds = dockerConfig("{\"credHelpers\":{\"" + registry.host() + "\":\"fake\"}}");
        assertThat(walk(registry.host() + "/library/app:1.0", options(creds), null)).hasSize(2);
        assertThat(creds.lookup("ghcr.io")).isEmpty();
        RegistryCredentials missing = dockerConfig("{\"credsStore\":\"absent\"}");
        assertThatThrownBy(() -> missing.lookup("ghcr.io")).isInstanceOf(ImageException.class)
                .hasMessageContaining("docker-credential-absent is not on the PATH");
    }

    @Test
    void dockerHubCredentialsAreUnderTheIndexKey() throws Exception {
        String auth = Base64.getEncoder().encodeToString("bob:pw:with:colons".getBytes(StandardCharsets.UTF_8));
        RegistryCredentials creds = dockerConfig("{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"" + auth + "\"},"
                + "\"https://ghcr.io\":{\"identitytoken\":\"refresh\"}}}");
        assertThat(creds.lookup("docker.io")).hasValueSatisfying(c -> {
            assertThat(c.username()).isEqualTo("bob");
            assertThat(c.password()).isEqualTo("pw:with:colons");
        });
        assertThat(creds.lookup("ghcr.io")).hasValueSatisfying(c -> assertThat(c.identityToken()).isEqualTo("refresh"));
        assertThat(creds.lookup("quay.io")).isEmpty();
        assertThat(creds.lookup("docker.io").orElseThrow().toString()).doesNotContain("pw");
        RegistryCredentials bad = dockerConfig("{\"auths\":{\"ghcr.io\":{\"auth\":\"!!!\"}}}");
        assertThatThrownBy(() -> bad.lookup("ghcr.io")).hasMessageContaining("auths.ghcr.io.auth is not base64");
    }

    @Test
    void takesThePlatformFromAnIndexByDigest() throws Exception {
        TestImages.Blobs amd = registry.push("library/app", null, TestImages.image().layer(TestImages.layer().file("/arch", "amd64")));
        TestImages.Blobs arm = registry.push("library/app", null, TestImages.image().architecture("arm64")
                .layer(TestImages.layer().file("/arch", "arm64")));
        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", OCI_INDEX);
        ArrayNode ms = index.putArray("manifests");
        ms.addObject().put("mediaType", OCI_MANIFEST).put("digest", amd.manifestDigest()).put("size", amd.manifestSize())
                .putObject("platform").put("os", "linux").put("architecture", "amd64");
        ms.addObject().put("mediaType", OCI_MANIFEST).put("digest", arm.manifestDigest()).put("size", arm.manifestSize())
                .putObject("platform").put("os", "linux").put("architecture", "arm64");
        registry.putManifest("library/app:multi", JSON.writeValueAsBytes(index), OCI_INDEX);
        RegistryClient.Options o = options(RegistryCredentials.none());
        assertThat(walk(registry.host() + "/library/app:multi", o, Platform.parse("linux/arm64"))).containsExactly("0 /arch=arm64");
        assertThat(walk(registry.host() + "/library/app:multi", o, null)).containsExactly("0 /arch=amd64");
        assertThatThrownBy(() -> walk(registry.host() + "/library/app:multi", o, Platform.parse("linux/riscv64")))
                .hasMessageContaining("no image for linux/riscv64 (it has linux/amd64, linux/arm64); choose one with --platform");
    }

    @Test
    void aLayerWhoseBytesAreNotItsDigestIsRejected() throws Exception {
        TestImages.Blobs b = registry.push("library/app", "1.0", app());
        String layer = JSON.readTree(b.byDigest().get(b.manifestDigest())).path("layers").path(0).path("digest").asText();
        byte[] evil = TestImages.layer().file("/etc/a", "evil").blob(TestImages.layer().file("/etc/a", "evil").tar());
        byte[] padded = java.util.Arrays.copyOf(evil, registry.blobs.get(layer).length);
        registry.tampered.put(layer, padded);
        assertThatThrownBy(() -> walk(registry.host() + "/library/app:1.0", options(RegistryCredentials.none()), null))
                .isInstanceOf(ImageException.class).hasMessageContaining("not " + layer + " as the manifest says")
                .hasMessageContaining("tampered");
    }

    @Test
    void aManifestPulledByDigestMustHaveIt() throws Exception {
        TestImages.Blobs b = registry.push("library/app", "1.0", app());
        TestImages.Blobs other = registry.push("library/other", null, TestImages.image().layer(TestImages.layer().file("/x", "y")));
        // The registry serves another manifest under the digest asked for.
        registry.putManifest("library/app:" + b.manifestDigest(), other.byDigest().get(other.manifestDigest()), OCI_MANIFEST);
        assertThatThrownBy(() -> walk(registry.host() + "/library/app@" + b.manifestDigest(), options(RegistryCredentials.none()), null))
                .isInstanceOf(ImageException.class).hasMessageContaining("does not have the digest " + b.manifestDigest());
    }

    @Test
    void aConfigurationWhoseBytesAreNotItsDigestIsRejected() throws Exception {
        TestImages.Blobs b = registry.push("library/app", "1.0", app());
        registry.tampered.put(b.configDigest(), "{\"rootfs\":{}}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> walk(registry.host() + "/library/app:1.0", options(RegistryCredentials.none()), null))
                .isInstanceOf(ImageException.class).hasMessageContaining("image configuration")
                .hasMessageContaining("does not have the digest " + b.configDigest());
    }

    @Test
    void notFoundAndRateLimitAreNamed() throws Exception {
        registry.push("library/app", "1.0", app());
        RegistryClient.Options o = options(RegistryCredentials.none());
        assertThatThrownBy(() -> walk(registry.host() + "/library/app:2.0", o, null))
                .isInstanceOf(ImageException.class).hasMessageContaining("404 not found: the registry has no tag '2.0' in "
                        + registry.host() + "/library/app");
        registry.blobs.clear();
        assertThatThrownBy(() -> walk(registry.host() + "/library/app:1.0", o, null))
                .isInstanceOf(ImageException.class).hasMessageContaining("image configuration").hasMessageContaining("is missing");
        registry.rateLimited = true;
        assertThatThrownBy(() -> walk(registry.host() + "/library/app:1.0", o, null))
                .isInstanceOf(ImageException.class)
                .hasMessageContaining("429 too many requests (TOOMANYREQUESTS pull rate limit): the registry's rate limit; retry after 30 s");
    }

    @Test
    void followsBlobRedirectsToStorageWithoutTheRegistryToken() throws Exception {
        registry.push("library/app", "1.0", app());
        registry.auth = FakeRegistry.Auth.TOKEN;
        registry.anonymousTokens = true;
        registry.redirectBlobs = true;
        RegistryClient.Options o = new RegistryClient.Options(Set.of(registry.host()), RegistryCredentials.none(), Duration.ofSeconds(10));
        assertThat(walk(registry.host() + "/library/app:1.0", o, null)).containsExactly("0 /etc/a=1", "1 /etc/b=2");
        assertThat(registry.log).anyMatch(l -> l.startsWith("GET /storage/"));
        assertThat(registry.storageAuth).isEmpty();
    }

    @Test
    void aStalledTransferFailsAfterTheIdleTimeout() throws Exception {
        registry.push("library/app", "1.0", TestImages.image().layer(TestImages.layer()
                .file("/big", new byte[200_000], 0644).compression(TestImages.Compression.NONE)));
        RegistryClient.Options o = new RegistryClient.Options(Set.of(registry.host()), RegistryCredentials.none(), Duration.ofSeconds(1));
        try (Image image = ImageLoader.open(registry.host() + "/library/app:1.0", tmp, null, o)) {
            registry.stallBlobs = true;
            assertThatThrownBy(() -> image.walk(new ImageLoaderTest.Recorder())).isInstanceOf(ImageException.class)
                    .hasMessageContaining("the transfer stalled");
        }
    }

    @Test
    void plainHttpOnlyForAnInsecureRegistry() throws Exception {
        registry.push("library/app", "1.0", app());
        RegistryClient.Options secure = new RegistryClient.Options(Set.of(), RegistryCredentials.none(), Duration.ofSeconds(1));
        assertThatThrownBy(() -> walk(registry.host() + "/library/app:1.0", secure, null))
                .isInstanceOf(ImageException.class).hasMessageContaining("--insecure-registry " + registry.host());
    }

    @Test
    void referencesAreNormalisedAsDockerDoes() {
        record Row(String in, String out, String api) {}
        for (Row r : List.of(
                new Row("nginx", "docker.io/library/nginx:latest", "registry-1.docker.io"),
                new Row("docker://nginx:1.27", "docker.io/library/nginx:1.27", "registry-1.docker.io"),
                new Row("index.docker.io/bitnami/redis:7", "docker.io/bitnami/redis:7", "registry-1.docker.io"),
                new Row("ghcr.io/org/app", "ghcr.io/org/app:latest", "ghcr.io"),
                new Row("localhost:5000/a/b:dev", "localhost:5000/a/b:dev", "localhost:5000"),
                new Row("quay.io/x/y@sha256:" + "a".repeat(64), "quay.io/x/y@sha256:" + "a".repeat(64), "quay.io"),
                new Row("quay.io/x/y:1@sha256:" + "b".repeat(64), "quay.io/x/y:1@sha256:" + "b".repeat(64), "quay.io"))) {
            RegistryRef ref = RegistryRef.parse(r.in());
            assertThat(ref.toString()).as(r.in()).isEqualTo(r.out());
            assertThat(ref.apiHost()).as(r.in()).isEqualTo(r.api());
        }
        assertThat(RegistryRef.parse("quay.io/x/y:1@sha256:" + "b".repeat(64)).reference()).isEqualTo("sha256:" + "b".repeat(64));
        for (String bad : List.of("Nginx", "ghcr.io/Org/app", "nginx:", "nginx@", "nginx@sha256:12", "a//b", "nginx:-x", " nginx")) {
            assertThatThrownBy(() -> RegistryRef.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void challengesAreParsedWithQuotedCommas() {
        RegistryClient.Challenge c = RegistryClient.Challenge.parse(
                "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:a/b:pull,push\"");
        assertThat(c.scheme()).isEqualTo("bearer");
        assertThat(c.params()).containsEntry("realm", "https://auth.docker.io/token")
                .containsEntry("service", "registry.docker.io").containsEntry("scope", "repository:a/b:pull,push");
        assertThat(RegistryClient.Challenge.parse("Basic realm=\"Registry Realm\"").scheme()).isEqualTo("basic");
    }
}
