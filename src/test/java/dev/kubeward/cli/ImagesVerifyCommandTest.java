package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.image.TestImages;
import dev.kubeward.image.oci.FakeRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagesVerifyCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void verifiedUnsignedAndUnreadableImagesHaveTheirExitCodes() throws Exception {
        try (FakeRegistry registry = new FakeRegistry()) {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair kp = g.generateKeyPair();
            Path pub = tmp.resolve("cosign.pub");
            Files.writeString(pub, "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(kp.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
            String digest = registry.push("org/app", "1.0", TestImages.image().layer(TestImages.layer().file("/a", "1"))).manifestDigest();
            registry.push("org/app", "unsigned", TestImages.image().layer(TestImages.layer().file("/b", "2")));
            ObjectNode p = JSON.createObjectNode();
            p.putObject("critical").put("type", "cosign container image signature").putObject("image")
                    .put("docker-manifest-digest", digest);
            byte[] payload = JSON.writeValueAsBytes(p);
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(kp.getPrivate());
            s.update(payload);
            byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
            registry.blobs.put(TestImages.sha256(config), config);
            registry.blobs.put(TestImages.sha256(payload), payload);
            ObjectNode m = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.manifest.v1+json");
            m.putObject("config").put("mediaType", "application/vnd.oci.image.config.v1+json").put("digest", TestImages.sha256(config))
                    .put("size", 2);
            m.putArray("layers").addObject().put("mediaType", "application/vnd.dev.cosign.simplesigning.v1+json")
                    .put("digest", TestImages.sha256(payload)).put("size", payload.length).putObject("annotations")
                    .put("dev.cosignproject.cosign/signature", Base64.getEncoder().encodeToString(s.sign()));
            registry.putManifest("org/app:sha256-" + digest.substring(7) + ".sig", JSON.writeValueAsBytes(m),
                    "application/vnd.oci.image.manifest.v1+json");
            String host = registry.host();
            CliRunner ok = CliRunner.run("images", "verify", host + "/org/app:1.0", "--key", pub.toString(), "--insecure-registry", host);
            assertThat(ok.exitCode()).as(ok.err()).isZero();
            assertThat(ok.out()).contains(host + "/org/app:1.0 (" + digest + "): verified, 1 signature")
                    .contains("1 of 1 image verified");
            CliRunner unsigned = CliRunner.run("images", "verify", host + "/org/app:1.0", host + "/org/app:unsigned", "--key",
                    pub.toString(), "--insecure-registry", host);
            assertThat(unsigned.exitCode()).isEqualTo(1);
            assertThat(unsigned.out()).contains("/org/app:unsigned (sha256:").contains("NOT VERIFIED: no cosign signature")
                    .contains("1 of 2 images verified");
            CliRunner missing = CliRunner.run("images", "verify", host + "/org/app:2.0", "--key", pub.toString(), "--insecure-registry", host);
            assertThat(missing.exitCode()).isEqualTo(2);
            assertThat(missing.err()).contains("404 not found");
            CliRunner json = CliRunner.run("images", "verify", host + "/org/app:1.0", host + "/org/app:unsigned", host + "/org/app:2.0",
                    "--key", pub.toString(), "--insecure-registry", host, "-f", "json");
            assertThat(json.exitCode()).isEqualTo(2);
            com.fasterxml.jackson.databind.JsonNode doc = JSON.readTree(json.out());
            assertThat(JsonSchemasTest.strict("images-verify").validate(doc)).as("schema").isEmpty();
            assertThat(doc.at("/images/0/verified").asBoolean()).isTrue();
            assertThat(doc.at("/images/0/digest").asText()).isEqualTo(digest);
            assertThat(doc.at("/images/0/signatures/0/where").asText()).endsWith(".sig layer 1");
            assertThat(doc.at("/images/0/signatures/0/verified").asBoolean()).isTrue();
            assertThat(doc.at("/images/0/failure").isNull()).isTrue();
            assertThat(doc.at("/images/1/verified").asBoolean()).isFalse();
            assertThat(doc.at("/images/1/failure").asText()).startsWith("no cosign signature");
            assertThat(doc.at("/images/2/error").asText()).contains("404 not found");
            assertThat(doc.at("/images/2/digest").isNull()).isTrue();
            assertThat(doc.at("/summary").toString()).isEqualTo("{\"images\":3,\"verified\":1,\"notVerified\":1,\"notRead\":1}");
            CliRunner badKey = CliRunner.run("images", "verify", host + "/org/app:1.0", "--key", tmp.resolve("none.pub").toString());
            assertThat(badKey.exitCode()).isEqualTo(2);
            assertThat(badKey.err()).contains("none.pub: unreadable");
        }
    }
}
