package dev.kubeward.image.sign;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.PublicKey;
import java.util.Base64;

/**
 * Who must have signed: a public key ({@link Key}) or a keyless identity ({@link KeylessPolicy}). A policy
 * checks that a signature was made by the signer it names; {@link CosignVerifier} checks what the
 * signature signs (the image's digest).
 */
public interface SignaturePolicy {
    /** How messages name the signer: {@code the key}, {@code a certificate for … issued by …}. */
    String describe();

    /**
     * Why the signature of a {@code .sig} layer was not made by this signer, or null when it was.
     *
     * @param annotations the layer's annotations (the certificate, chain and Rekor bundle of a keyless signature)
     * @param payload the simple-signing payload's bytes
     * @param signature the signature (decoded from {@code dev.cosignproject.cosign/signature})
     */
    String verifyLayer(JsonNode annotations, byte[] payload, byte[] signature);

    /**
     * Why a Sigstore bundle's DSSE envelope was not signed by this signer, or null when it was.
     *
     * @param payload the envelope's payload (decoded)
     * @param pae the envelope's pre-authentication encoding, the bytes its signatures sign
     */
    String verifyBundle(JsonNode bundle, byte[] payload, byte[] pae);

    /** A public key (cosign.pub): the signature must verify with it; transparency-log entries are not checked. */
    record Key(PublicKey key) implements SignaturePolicy {
        @Override
        public String describe() {
            return "the key";
        }

        @Override
        public String verifyLayer(JsonNode annotations, byte[] payload, byte[] signature) {
            return CosignVerifier.verifies(key, payload, signature) ? null
                    : "the signature does not verify with the key (another key signed it, or the payload was altered)";
        }

        @Override
        public String verifyBundle(JsonNode bundle, byte[] payload, byte[] pae) {
            JsonNode vm = bundle.path("verificationMaterial");
            if (vm.has("certificate") || vm.has("x509CertificateChain")) {
                return "signed with a certificate (keyless), which a key does not verify";
            }
            for (JsonNode s : bundle.path("dsseEnvelope").path("signatures")) {
                try {
                    if (CosignVerifier.verifies(key, pae, Base64.getDecoder().decode(s.path("sig").asText("")))) {
                        return null;
                    }
                } catch (IllegalArgumentException e) {
                    // not base64: not a signature that verifies
                }
            }
            return "no signature of the envelope verifies with the key";
        }
    }
}
