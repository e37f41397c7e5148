package dev.kubeward.image.sign;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.image.TestImages;
import dev.kubeward.image.oci.FakeRegistry;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;

/** Cosign signatures made by tests, for the tests of other packages: keys, simple-signing payloads, the .sig tag. */
public final class CosignFixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CosignFixtures() {}

    public static KeyPair p256() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    public static byte[] sign(PrivateKey key, byte[] data) throws Exception {
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(key);
        s.update(data);
        return s.sign();
    }

    public static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** A simple-signing payload as cosign writes it. */
    public static byte[] payload(String ref, String digest) throws Exception {
        ObjectNode p = JSON.createObjectNode();
        ObjectNode c = p.putObject("critical");
        c.putObject("identity").put("docker-reference", ref);
        c.putObject("image").put("docker-manifest-digest", digest);
        c.put("type", CosignVerifier.COSIGN_TYPE);
        p.putNull("optional");
        return JSON.writeValueAsBytes(p);
    }

    /** Pushes REPO:sha256-HEX.sig with one layer: the payload for {@code digest}, signed by each key given. */
    public static void sign(FakeRegistry registry, String repo, String digest, List<KeyPair> keys) throws Exception {
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        registry.blobs.put(TestImages.sha256(config), config);
        ObjectNode m = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        m.putObject("config").put("mediaType", "application/vnd.oci.image.config.v1+json").put("digest", TestImages.sha256(config))
                .put("size", config.length);
        var layers = m.putArray("layers");
        byte[] payload = payload(registry.host() + "/" + repo, digest);
        registry.blobs.put(TestImages.sha256(payload), payload);
        for (KeyPair k : keys) {
            layers.addObject().put("mediaType", CosignVerifier.SIMPLE_SIGNING).put("digest", TestImages.sha256(payload))
                    .put("size", payload.length).putObject("annotations")
                    .put(CosignVerifier.SIGNATURE_ANNOTATION, Base64.getEncoder().encodeToString(sign(k.getPrivate(), payload)));
        }
        registry.putManifest(repo + ":sha256-" + digest.substring(7) + ".sig", JSON.writeValueAsBytes(m),
                "application/vnd.oci.image.manifest.v1+json");
    }
}
