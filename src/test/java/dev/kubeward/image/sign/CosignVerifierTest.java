package dev.kubeward.image.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.image.TestImages;
import dev.kubeward.image.oci.FakeRegistry;
import dev.kubeward.image.oci.RegistryClient;
import dev.kubeward.image.oci.RegistryCredentials;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CosignVerifierTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    FakeRegistry registry;
    CosignVerifier verifier;
    KeyPair signer;
    KeyPair other;
    String image;
    String digest;

    static KeyPair p256() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    static byte[] sign(PrivateKey key, byte[] data) throws Exception {
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(key);
        s.update(data);
        return s.sign();
    }

    @BeforeEach
    void setUp() throws Exception {
        registry = new FakeRegistry();
        verifier = new CosignVerifier(new RegistryClient(new RegistryClient.Options(Set.of(registry.host()),
                RegistryCredentials.none(), Duration.ofSeconds(10))));
        signer = p256();
        other = p256();
        TestImages.Blobs b = registry.push("org/app", "1.0", TestImages.image().layer(TestImages.layer().file("/a", "1")));
        digest = b.manifestDigest();
        image = registry.host() + "/org/app:1.0";
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    static byte[] payload(String ref, String digest, String type) throws Exception {
        ObjectNode p = JSON.createObjectNode();
        ObjectNode c = p.putObject("critical");
        c.putObject("identity").put("docker-reference", ref);
        c.putObject("image").put("docker-manifest-digest", digest);
        c.put("type", type);
        p.putNull("optional");
        return JSON.writeValueAsBytes(p);
    }

    /** Pushes REPO:sha256-HEX.sig with one simple-signing layer per payload, each with its signature annotation. */
    void pushSignatures(String subject, Map<byte[], byte[]> payloadsAndSignatures) throws Exception {
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        registry.blobs.put(TestImages.sha256(config), config);
        ObjectNode m = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        m.putObject("config").put("mediaType", "application/vnd.oci.image.config.v1+json").put("digest", TestImages.sha256(config))
                .put("size", config.length);
        var layers = m.putArray("layers");
        for (Map.Entry<byte[], byte[]> e : payloadsAndSignatures.entrySet()) {
            registry.blobs.put(TestImages.sha256(e.getKey()), e.getKey());
            layers.addObject().put("mediaType", CosignVerifier.SIMPLE_SIGNING).put("digest", TestImages.sha256(e.getKey()))
                    .put("size", e.getKey().length).putObject("annotations")
                    .put(CosignVerifier.SIGNATURE_ANNOTATION, Base64.getEncoder().encodeToString(e.getValue()));
        }
        registry.putManifest("org/app:sha256-" + subject.substring(7) + ".sig", JSON.writeValueAsBytes(m),
                "application/vnd.oci.image.manifest.v1+json");
    }

    @Test
    void aSignatureByTheKeyOverThisDigestVerifies() throws Exception {
        byte[] p = payload(registry.host() + "/org/app", digest, CosignVerifier.COSIGN_TYPE);
        pushSignatures(digest, Map.of(p, sign(signer.getPrivate(), p)));
        CosignVerifier.Result r = verifier.verify(image, signer.getPublic());
        assertThat(r.verified()).isTrue();
        assertThat(r.digest().toString()).isEqualTo(digest);
        assertThat(verifier.verify(registry.host() + "/org/app@" + digest, signer.getPublic()).verified()).isTrue();
    }

    @Test
    void anotherKeyDoesNotVerify() throws Exception {
        byte[] p = payload(registry.host() + "/org/app", digest, CosignVerifier.COSIGN_TYPE);
        pushSignatures(digest, Map.of(p, sign(other.getPrivate(), p)));
        CosignVerifier.Result r = verifier.verify(image, signer.getPublic());
        assertThat(r.verified()).isFalse();
        assertThat(r.failure()).contains("does not verify with the key");
    }

    @Test
    void aSignedPayloadForAnotherDigestDoesNotVerify() throws Exception {
        // A valid signature of another image, copied beside this one.
        String otherDigest = "sha256:" + "e".repeat(64);
        byte[] p = payload(registry.host() + "/org/app", otherDigest, CosignVerifier.COSIGN_TYPE);
        pushSignatures(digest, Map.of(p, sign(signer.getPrivate(), p)));
        CosignVerifier.Result r = verifier.verify(image, signer.getPublic());
        assertThat(r.verified()).isFalse();
        assertThat(r.failure()).contains("the signed payload is for " + otherDigest + ", not the image's " + digest);
        byte[] wrongType = payload(registry.host() + "/org/app", digest, "atomic container signature");
        pushSignatures(digest, Map.of(wrongType, sign(signer.getPrivate(), wrongType)));
        assertThat(verifier.verify(image, signer.getPublic()).failure()).contains("critical.type is 'atomic container signature'");
    }

    @Test
    void aTamperedPayloadDoesNotVerify() throws Exception {
        byte[] p = payload(registry.host() + "/org/app", digest, CosignVerifier.COSIGN_TYPE);
        byte[] sig = sign(signer.getPrivate(), p);
        byte[] altered = new String(p, StandardCharsets.UTF_8).replace("\"optional\":null", "\"optional\":{\"x\":1}")
                .getBytes(StandardCharsets.UTF_8);
        // The payload changed and its descriptor with it: the signature no longer covers it.
        pushSignatures(digest, Map.of(altered, sig));
        assertThat(verifier.verify(image, signer.getPublic()).failure()).contains("does not verify with the key");
        // The payload changed under its descriptor: its digest gives it away.
        pushSignatures(digest, Map.of(p, sig));
        registry.tampered.put(TestImages.sha256(p), altered);
        assertThat(verifier.verify(image, signer.getPublic()).failure()).contains("tampered");
    }

    @Test
    void noSignatureIsNamed() throws Exception {
        CosignVerifier.Result r = verifier.verify(image, signer.getPublic());
        assertThat(r.verified()).isFalse();
        assertThat(r.checks()).isEmpty();
        assertThat(r.failure()).isEqualTo("no cosign signature (neither the tag sha256-" + digest.substring(7)
                + ".sig nor a Sigstore bundle referrer)");
        assertThatThrownBy(() -> verifier.verify(registry.host() + "/org/app:9.9", signer.getPublic()))
                .hasMessageContaining("404 not found");
    }

    /** A Sigstore bundle (DSSE envelope of an in-toto statement about the image) attached as a referrer. */
    void pushBundle(KeyPair key, String subjectHex, boolean certificate) throws Exception {
        ObjectNode statement = JSON.createObjectNode().put("_type", "https://in-toto.io/Statement/v1")
                .put("predicateType", "https://sigstore.dev/cosign/sign/v1");
        statement.putArray("subject").addObject().put("name", registry.host() + "/org/app").putObject("digest").put("sha256", subjectHex);
        statement.putObject("predicate");
        byte[] body = JSON.writeValueAsBytes(statement);
        byte[] sig = sign(key.getPrivate(), CosignVerifier.pae("application/vnd.in-toto+json", body));
        ObjectNode bundle = JSON.createObjectNode().put("mediaType", "application/vnd.dev.sigstore.bundle.v0.3+json");
        ObjectNode vm = bundle.putObject("verificationMaterial");
        if (certificate) {
            vm.putObject("certificate").put("rawBytes", "MII=");
        } else {
            vm.putObject("publicKey").put("hint", "k");
        }
        ObjectNode env = bundle.putObject("dsseEnvelope").put("payload", Base64.getEncoder().encodeToString(body))
                .put("payloadType", "application/vnd.in-toto+json");
        env.putArray("signatures").addObject().put("sig", Base64.getEncoder().encodeToString(sig));
        byte[] bundleBytes = JSON.writeValueAsBytes(bundle);
        registry.blobs.put(TestImages.sha256(bundleBytes), bundleBytes);
        byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
        registry.blobs.put(TestImages.sha256(empty), empty);
        ObjectNode m = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.manifest.v1+json")
                .put("artifactType", "application/vnd.dev.sigstore.bundle.v0.3+json");
        m.putObject("config").put("mediaType", "application/vnd.oci.empty.v1+json").put("digest", TestImages.sha256(empty)).put("size", 2);
        m.putArray("layers").addObject().put("mediaType", "application/vnd.dev.sigstore.bundle.v0.3+json")
                .put("digest", TestImages.sha256(bundleBytes)).put("size", bundleBytes.length);
        m.putObject("subject").put("mediaType", "application/vnd.oci.image.manifest.v1+json").put("digest", digest);
        byte[] mb = JSON.writeValueAsBytes(m);
        registry.putManifest("org/app:" + TestImages.sha256(mb), mb, "application/vnd.oci.image.manifest.v1+json");
        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.index.v1+json");
        index.putArray("manifests").addObject().put("mediaType", "application/vnd.oci.image.manifest.v1+json")
                .put("digest", TestImages.sha256(mb)).put("size", mb.length)
                .put("artifactType", "application/vnd.dev.sigstore.bundle.v0.3+json");
        registry.putManifest("org/app:referrers:" + digest, JSON.writeValueAsBytes(index), "application/vnd.oci.image.index.v1+json");
    }

    @Test
    void aSigstoreBundleReferrerVerifies() throws Exception {
        pushBundle(signer, digest.substring(7), false);
        assertThat(verifier.verify(image, signer.getPublic()).verified()).isTrue();
        assertThat(verifier.verify(image, other.getPublic()).failure()).contains("no signature of the envelope verifies with the key");
        pushBundle(signer, "f".repeat(64), false);
        assertThat(verifier.verify(image, signer.getPublic()).failure()).contains("subjects do not include the image's " + digest);
        pushBundle(signer, digest.substring(7), true);
        assertThat(verifier.verify(image, signer.getPublic()).failure()).contains("keyless");
    }

    @Test
    void theReferrersFallbackTagIsReadWhenTheRegistryHasNoReferrersApi() throws Exception {
        pushBundle(signer, digest.substring(7), false);
        registry.referrersApi = false;
        var idx = registry.manifests.get("org/app:referrers:" + digest);
        registry.putManifest("org/app:sha256-" + digest.substring(7), idx.bytes(), "application/vnd.oci.image.index.v1+json");
        assertThat(verifier.verify(image, signer.getPublic()).verified()).isTrue();
    }

    @Test
    void publicKeysAreReadFromPem() throws Exception {
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(signer.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        assertThat(PublicKeys.parse(pem, "cosign.pub")).isEqualTo(signer.getPublic());
        assertThatThrownBy(() -> PublicKeys.parse("-----BEGIN PRIVATE KEY-----\nAA==\n", "cosign.key"))
                .hasMessageContaining("cosign.key: not a PEM public key");
        assertThatThrownBy(() -> PublicKeys.parse("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----", "k.pub"))
                .hasMessageContaining("not an ECDSA, RSA or Ed25519 public key");
    }
}
