package dev.kubeward.image.sign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubeward.image.oci.Digest;
import dev.kubeward.image.oci.ImageException;
import dev.kubeward.image.oci.RegistryClient;
import dev.kubeward.image.oci.RegistryRef;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Verifies cosign signatures of an image in a registry against a public key, in both places cosign
 * puts them:
 *
 * <ul>
 *   <li>the tag scheme: {@code REPO:sha256-HEX.sig}, a manifest whose layers are simple-signing
 *       payloads ({@code application/vnd.dev.cosign.simplesigning.v1+json}), each with its signature
 *       in the {@code dev.cosignproject.cosign/signature} annotation (base64; ECDSA signatures in
 *       ASN.1 DER) over the payload's bytes; the payload's {@code critical.type} must be
 *       {@code cosign container image signature} and its {@code critical.image.docker-manifest-digest}
 *       the image's digest;</li>
 *   <li>Sigstore bundles attached as OCI referrers (cosign 3's default): referrers of the image
 *       (the referrers API, else its fallback tag {@code sha256-HEX}) whose artifact type is
 *       {@code application/vnd.dev.sigstore.bundle.v0.3+json}; the bundle's DSSE envelope is
 *       verified over DSSE's pre-authentication encoding, and the in-toto statement it carries must
 *       name the image's digest among its subjects.</li>
 * </ul>
 *
 * The digest verified is the one the reference resolves to (an index's for a multi-platform image,
 * as {@code cosign sign} signs it). Who signed is the {@link SignaturePolicy}'s to check: a key
 * ({@link SignaturePolicy.Key}, without the Rekor entry) or a keyless identity ({@link KeylessPolicy}).
 */
public final class CosignVerifier {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String SIMPLE_SIGNING = "application/vnd.dev.cosign.simplesigning.v1+json";
    static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";
    static final String COSIGN_TYPE = "cosign container image signature";
    static final String BUNDLE_TYPE_PREFIX = "application/vnd.dev.sigstore.bundle";
    private static final long MAX_PAYLOAD = 1 << 20;

    /** One signature looked at: where it is, whether it verified, and why not. */
    public record Check(String where, boolean verified, String reason) {}

    /** What was found for an image: its digest and each signature's check. */
    public record Result(String reference, Digest digest, List<Check> checks, String policy) {
        public boolean verified() {
            return checks.stream().anyMatch(Check::verified);
        }

        /** Why the image is not verified, in one sentence. */
        public String failure() {
            if (verified()) {
                return null;
            }
            if (checks.isEmpty()) {
                return "no cosign signature (neither the tag " + digest.algorithm() + "-" + digest.hex()
                        + ".sig nor a Sigstore bundle referrer)";
            }
            return "no signature verifies with " + policy + ": " + String.join("; ", checks.stream()
                    .map(c -> c.where() + ": " + c.reason()).toList());
        }
    }

    /**
     * What the registry holds for an image, fetched once and checked against any number of policies:
     * the digest the reference resolves to and each signature found (its bytes, or why they could not be read).
     */
    public record Material(String reference, Digest digest, List<Candidate> candidates) {}

    /** A signature found: a simple-signing layer of the {@code .sig} tag, or a Sigstore bundle referrer. */
    public sealed interface Candidate permits Layer, Bundle {
        String where();

        /** Why its bytes could not be read, or null. */
        String problem();
    }

    /** A layer of the {@code .sig} manifest: its annotations and its payload (fetched by digest). */
    public record Layer(String where, JsonNode annotations, byte[] payload, String problem) implements Candidate {}

    /** A Sigstore bundle attached as a referrer. */
    public record Bundle(String where, JsonNode bundle, String problem) implements Candidate {}

    private final RegistryClient client;

    public CosignVerifier(RegistryClient client) {
        this.client = client;
    }

    public Result verify(String reference, PublicKey key) throws ImageException {
        return check(fetch(reference), new SignaturePolicy.Key(key));
    }

    /** Resolves the reference and reads every signature cosign attaches to its digest (nothing is verified yet). */
    public Material fetch(String reference) throws ImageException {
        RegistryRef ref;
        try {
            ref = RegistryRef.parse(reference);
        } catch (IllegalArgumentException e) {
            throw new ImageException(e.getMessage());
        }
        Digest digest = ref.digest() != null ? ref.digest() : client.manifest(ref).digest();
        return fetch(reference, ref, digest);
    }

    /** Reads every signature cosign attaches to {@code digest} in the reference's repository. */
    public Material fetch(String reference, RegistryRef ref, Digest digest) throws ImageException {
        List<Candidate> found = new ArrayList<>();
        RegistryRef sigTag = ref.withTag(digest.algorithm() + "-" + digest.hex() + ".sig");
        Optional<RegistryClient.Manifest> sigs = client.manifestIfPresent(sigTag);
        if (sigs.isPresent()) {
            JsonNode m = sigs.get().json();
            int i = 0;
            for (JsonNode layer : m.path("layers")) {
                String where = sigTag + " layer " + (++i);
                JsonNode annotations = layer.path("annotations");
                if (!SIMPLE_SIGNING.equals(layer.path("mediaType").asText())) {
                    found.add(new Layer(where, annotations, null, "media type " + layer.path("mediaType").asText("(none)")
                            + ", not " + SIMPLE_SIGNING));
                    continue;
                }
                try {
                    found.add(new Layer(where, annotations,
                            client.smallBlob(ref, Digest.parse(layer.path("digest").asText(null)), MAX_PAYLOAD), null));
                } catch (ImageException | IllegalArgumentException e) {
                    found.add(new Layer(where, annotations, null, "the payload: " + e.getMessage()));
                }
            }
        }
        Optional<JsonNode> referrers = client.referrers(ref, digest);
        if (referrers.isPresent()) {
            for (JsonNode d : referrers.get().path("manifests")) {
                String type = d.path("artifactType").asText("");
                if (!type.startsWith(BUNDLE_TYPE_PREFIX)) {
                    continue;
                }
                String where = ref.name() + "@" + d.path("digest").asText("?") + " (Sigstore bundle)";
                found.add(readBundle(ref, d, where));
            }
        }
        return new Material(reference, digest, List.copyOf(found));
    }

    private Bundle readBundle(RegistryRef ref, JsonNode descriptor, String where) {
        try {
            RegistryClient.Manifest m = client.manifest(ref.withDigest(Digest.parse(descriptor.path("digest").asText(null))));
            JsonNode layer = null;
            for (JsonNode l : m.json().path("layers")) {
                if (l.path("mediaType").asText("").startsWith(BUNDLE_TYPE_PREFIX)) {
                    layer = l;
                }
            }
            if (layer == null) {
                return new Bundle(where, null, "the referrer holds no bundle layer");
            }
            JsonNode b = JSON.readTree(client.smallBlob(ref, Digest.parse(layer.path("digest").asText(null)), MAX_PAYLOAD));
            if (b == null || !b.isObject()) {
                return new Bundle(where, null, "the bundle is not a JSON object");
            }
            return new Bundle(where, b, null);
        } catch (ImageException | IllegalArgumentException | IOException e) {
            return new Bundle(where, null, "the bundle: " + e.getMessage());
        }
    }

    /** Checks every signature found against the policy. */
    public Result check(Material material, SignaturePolicy policy) {
        List<Check> checks = new ArrayList<>();
        for (Candidate c : material.candidates()) {
            if (c.problem() != null) {
                checks.add(new Check(c.where(), false, c.problem()));
            } else if (c instanceof Layer l) {
                checks.add(simpleSigning(l, policy, material.digest()));
            } else if (c instanceof Bundle b) {
                checks.add(bundle(b, policy, material.digest()));
            }
        }
        return new Result(material.reference(), material.digest(), List.copyOf(checks), policy.describe());
    }

    private Check simpleSigning(Layer layer, SignaturePolicy policy, Digest digest) {
        String where = layer.where();
        String sig = layer.annotations().path(SIGNATURE_ANNOTATION).asText("");
        if (sig.isEmpty()) {
            return new Check(where, false, "no " + SIGNATURE_ANNOTATION + " annotation");
        }
        byte[] payload = layer.payload();
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(sig.strip());
        } catch (IllegalArgumentException e) {
            return new Check(where, false, "the signature annotation is not base64");
        }
        String why = policy.verifyLayer(layer.annotations(), payload, signature);
        if (why != null) {
            return new Check(where, false, why);
        }
        JsonNode p;
        try {
            p = JSON.readTree(payload);
        } catch (IOException e) {
            return new Check(where, false, "the signed payload is not JSON");
        }
        String type = p.path("critical").path("type").asText("");
        if (!COSIGN_TYPE.equals(type)) {
            return new Check(where, false, "the signed payload's critical.type is '" + type + "', not '" + COSIGN_TYPE + "'");
        }
        String signed = p.path("critical").path("image").path("docker-manifest-digest").asText("");
        if (!signed.equals(digest.toString())) {
            return new Check(where, false, "the signed payload is for " + (signed.isEmpty() ? "no digest" : signed)
                    + ", not the image's " + digest);
        }
        return new Check(where, true, null);
    }

    private Check bundle(Bundle bundle, SignaturePolicy policy, Digest digest) {
        String where = bundle.where();
        JsonNode b = bundle.bundle();
        JsonNode env = b.path("dsseEnvelope");
        if (!env.isObject()) {
            return new Check(where, false, "the bundle has no DSSE envelope (a messageSignature bundle signs a blob, not an image)");
        }
        byte[] payload;
        try {
            payload = Base64.getDecoder().decode(env.path("payload").asText(""));
        } catch (IllegalArgumentException e) {
            return new Check(where, false, "the envelope's payload is not base64");
        }
        String payloadType = env.path("payloadType").asText("");
        byte[] pae = pae(payloadType, payload);
        String why = policy.verifyBundle(b, payload, pae);
        if (why != null) {
            return new Check(where, false, why);
        }
        if (!payloadType.equals("application/vnd.in-toto+json")) {
            return new Check(where, false, "the envelope's payload type is '" + payloadType + "', not an in-toto statement");
        }
        JsonNode statement;
        try {
            statement = JSON.readTree(payload);
        } catch (IOException e) {
            return new Check(where, false, "the signed statement is not JSON");
        }
        for (JsonNode subject : statement.path("subject")) {
            if (digest.hex().equals(subject.path("digest").path(digest.algorithm()).asText())) {
                return new Check(where, true, null);
            }
        }
        return new Check(where, false, "the signed statement's subjects do not include the image's " + digest);
    }

    /** DSSE's pre-authentication encoding: {@code DSSEv1 LEN(type) type LEN(body) body}, lengths in ASCII decimal. */
    static byte[] pae(String type, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] t = type.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(("DSSEv1 " + t.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(t);
        out.writeBytes((" " + body.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body);
        return out.toByteArray();
    }

    static boolean verifies(PublicKey key, byte[] data, byte[] signature) {
        try {
            Signature s = Signature.getInstance(PublicKeys.algorithm(key));
            s.initVerify(key);
            s.update(data);
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
