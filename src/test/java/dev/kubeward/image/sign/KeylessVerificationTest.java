package dev.kubeward.image.sign;

import static dev.kubeward.image.sign.SigstoreFixtures.JSON;
import static dev.kubeward.image.sign.SigstoreFixtures.b64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.image.oci.Digest;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Keyless verification against a trusted root of the test's own: certificates, Rekor entries, SETs,
 * inclusion proofs and checkpoints made here, each case changing one thing.
 */
class KeylessVerificationTest {
    static final String IDENTITY = "https://github.com/org/app/.github/workflows/release.yml@refs/heads/main";
    static final String ISSUER = "https://token.actions.githubusercontent.com";
    static final Instant T = Instant.parse("2025-06-01T12:00:00Z");
    static final Digest DIGEST = Digest.parse("sha256:" + "ab".repeat(32));

    SigstoreFixtures.Ca fulcio;
    SigstoreFixtures.Ca rogue;
    SigstoreFixtures.Log rekor;
    TrustedRoot root;
    CosignVerifier verifier = new CosignVerifier(null);

    @BeforeEach
    void setUp() throws Exception {
        fulcio = SigstoreFixtures.Ca.create("fulcio");
        rogue = SigstoreFixtures.Ca.create("rogue");
        rekor = new SigstoreFixtures.Log("rekor.test - 42");
        root = TrustedRoot.parse(SigstoreFixtures.trustedRoot(List.of(fulcio), List.of(rekor)), "trusted_root.json");
    }

    KeylessPolicy policy() {
        return new KeylessPolicy(root, KeylessPolicy.Matcher.exact(IDENTITY), KeylessPolicy.Matcher.exact(ISSUER));
    }

    /** What a signature is made of; each case changes one field. */
    final class Signing {
        KeyPair key = CosignFixtures.p256();
        SigstoreFixtures.Ca ca = fulcio;
        String identity = IDENTITY;
        String issuer = ISSUER;
        boolean legacyIssuer;
        boolean codeSigning = true;
        Instant notBefore = T.minusSeconds(60);
        Instant notAfter = T.plusSeconds(600);
        long integratedTime = T.getEpochSecond();
        Digest signed = DIGEST;
        SigstoreFixtures.Log log = rekor;

        Signing() throws Exception {}

        X509Certificate cert() throws Exception {
            return ca.leaf(key.getPublic(), identity, issuer, notBefore, notAfter, legacyIssuer, codeSigning);
        }
    }

    /** The tag scheme: a .sig layer with the certificate, chain and Rekor bundle annotations. */
    CosignVerifier.Result layer(Signing s, Consumer<ObjectNode> tamper) throws Exception {
        X509Certificate cert = s.cert();
        byte[] payload = CosignFixtures.payload("registry.test/org/app", s.signed.toString());
        byte[] sig = CosignFixtures.sign(s.key.getPrivate(), payload);
        byte[] body = SigstoreFixtures.hashedRekord(payload, sig, cert);
        long index = s.log.append(body);
        ObjectNode rekorBundle = JSON.createObjectNode().put("SignedEntryTimestamp", b64(s.log.set(body, s.integratedTime, index)));
        rekorBundle.putObject("Payload").put("body", b64(body)).put("integratedTime", s.integratedTime).put("logIndex", index)
                .put("logID", HexFormat.of().formatHex(s.log.keyId));
        tamper.accept(rekorBundle);
        ObjectNode annotations = JSON.createObjectNode();
        annotations.put(CosignVerifier.SIGNATURE_ANNOTATION, b64(sig));
        annotations.put(KeylessPolicy.CERTIFICATE_ANNOTATION, SigstoreFixtures.pem(cert));
        annotations.put(KeylessPolicy.CHAIN_ANNOTATION, SigstoreFixtures.pem(s.ca.intermediate()) + SigstoreFixtures.pem(s.ca.root()));
        annotations.put(KeylessPolicy.BUNDLE_ANNOTATION, JSON.writeValueAsString(rekorBundle));
        CosignVerifier.Material m = new CosignVerifier.Material("registry.test/org/app:1.0", DIGEST,
                List.of(new CosignVerifier.Layer("sig layer 1", annotations, payload, null)));
        return verifier.check(m, policy());
    }

    CosignVerifier.Result layer(Signing s) throws Exception {
        return layer(s, b -> { });
    }

    /** A Sigstore bundle v0.3 (DSSE of an in-toto statement) with its tlog entry; {@code tamper} edits the bundle. */
    CosignVerifier.Result bundle(Signing s, Consumer<ObjectNode> tamper) throws Exception {
        X509Certificate cert = s.cert();
        ObjectNode statement = JSON.createObjectNode().put("_type", "https://in-toto.io/Statement/v1")
                .put("predicateType", "https://sigstore.dev/cosign/sign/v1");
        statement.putArray("subject").addObject().put("name", "registry.test/org/app").putObject("digest")
                .put("sha256", s.signed.hex());
        statement.putObject("predicate");
        byte[] payload = JSON.writeValueAsBytes(statement);
        byte[] sig = CosignFixtures.sign(s.key.getPrivate(), CosignVerifier.pae("application/vnd.in-toto+json", payload));
        byte[] body = SigstoreFixtures.dsse(payload, sig, cert);
        long index = s.log.append(body);
        ObjectNode b = JSON.createObjectNode().put("mediaType", "application/vnd.dev.sigstore.bundle.v0.3+json");
        ObjectNode vm = b.putObject("verificationMaterial");
        vm.putObject("certificate").put("rawBytes", b64(cert.getEncoded()));
        vm.putArray("tlogEntries").add(s.log.entry(body, index, s.integratedTime, "dsse"));
        ObjectNode env = b.putObject("dsseEnvelope").put("payload", b64(payload)).put("payloadType", "application/vnd.in-toto+json");
        env.putArray("signatures").addObject().put("sig", b64(sig));
        tamper.accept(b);
        CosignVerifier.Material m = new CosignVerifier.Material("registry.test/org/app:1.0", DIGEST,
                List.of(new CosignVerifier.Bundle("bundle", JSON.readTree(JSON.writeValueAsBytes(b)), null)));
        return verifier.check(m, policy());
    }

    CosignVerifier.Result bundle(Signing s) throws Exception {
        return bundle(s, b -> { });
    }

    static ObjectNode entry(ObjectNode bundle) {
        return (ObjectNode) bundle.path("verificationMaterial").path("tlogEntries").get(0);
    }

    static String flipped(String base64) {
        byte[] b = java.util.Base64.getDecoder().decode(base64);
        b[b.length / 2] ^= 1;
        return b64(b);
    }

    @Test
    void aGoodSignatureVerifiesInBothSchemes() throws Exception {
        CosignVerifier.Result l = layer(new Signing());
        assertThat(l.verified()).as(l.failure()).isTrue();
        CosignVerifier.Result b = bundle(new Signing());
        assertThat(b.verified()).as(b.failure()).isTrue();
        // Bundle v0.1/v0.2: the certificate as the first of x509CertificateChain.
        CosignVerifier.Result old = bundle(new Signing(), bn -> {
            ObjectNode vm = (ObjectNode) bn.get("verificationMaterial");
            String leaf = vm.path("certificate").path("rawBytes").asText();
            vm.remove("certificate");
            vm.putObject("x509CertificateChain").putArray("certificates").addObject().put("rawBytes", leaf);
            bn.put("mediaType", "application/vnd.dev.sigstore.bundle+json;version=0.1");
        });
        assertThat(old.verified()).as(old.failure()).isTrue();
        assertThat(policy().describe()).isEqualTo("a certificate for " + IDENTITY + " issued by " + ISSUER);
    }

    @Test
    void anotherIdentityDoesNotVerify() throws Exception {
        Signing s = new Signing();
        s.identity = "https://github.com/evil/app/.github/workflows/release.yml@refs/heads/main";
        assertThat(layer(s).failure()).contains("the certificate is for " + s.identity + ", not " + IDENTITY);
        assertThat(bundle(s).failure()).contains("the certificate is for " + s.identity);
        s.identity = "alice@example.com";
        assertThat(layer(s).failure()).contains("the certificate is for alice@example.com, not " + IDENTITY);
    }

    @Test
    void identityAndIssuerRegexpsAreSearchedAsCosignSearchesThem() throws Exception {
        KeylessPolicy re = new KeylessPolicy(root, KeylessPolicy.Matcher.regexp("^https://github\\.com/org/"),
                KeylessPolicy.Matcher.regexp("githubusercontent"));
        Signing s = new Signing();
        X509Certificate cert = s.cert();
        assertThat(re.verifyCertificate(cert, T)).isNull();
        KeylessPolicy other = new KeylessPolicy(root, KeylessPolicy.Matcher.regexp("^https://github\\.com/evil/"),
                KeylessPolicy.Matcher.regexp("githubusercontent"));
        assertThat(other.verifyCertificate(cert, T)).contains("not /^https://github\\.com/evil//");
    }

    @Test
    void anotherIssuerDoesNotVerifyAndTheLegacyExtensionIsRead() throws Exception {
        Signing s = new Signing();
        s.issuer = "https://accounts.google.com";
        assertThat(layer(s).failure()).contains("the certificate was issued for https://accounts.google.com, not " + ISSUER);
        s.issuer = null;
        assertThat(bundle(s).failure()).contains("the certificate has no OIDC issuer");
        Signing legacy = new Signing();
        legacy.legacyIssuer = true;
        assertThat(layer(legacy).verified()).isTrue();
        assertThat(KeylessPolicy.issuer(legacy.cert())).isEqualTo(ISSUER);
    }

    @Test
    void aCertificateExpiredAtTheIntegratedTimeDoesNotVerify() throws Exception {
        Signing s = new Signing();
        s.integratedTime = T.plusSeconds(3600).getEpochSecond();
        assertThat(layer(s).failure()).contains("the certificate was not valid at the signing time 2025-06-01T13:00:00Z");
        assertThat(bundle(s).failure()).contains("not valid at the signing time");
        s.integratedTime = T.minusSeconds(3600).getEpochSecond();
        assertThat(layer(s).failure()).contains("not valid at the signing time 2025-06-01T11:00:00Z");
    }

    @Test
    void aChainToAnUntrustedCaDoesNotVerify() throws Exception {
        Signing s = new Signing();
        s.ca = rogue;
        assertThat(layer(s).failure()).contains("does not chain to a certificate authority of the trusted root");
        assertThat(bundle(s).failure()).contains("does not chain");
        // The chain annotation names the rogue CA (layer() writes it): it is not trusted for being there.
    }

    @Test
    void aCertificateNotForCodeSigningDoesNotVerify() throws Exception {
        Signing s = new Signing();
        s.codeSigning = false;
        assertThat(layer(s).failure()).contains("not for code signing");
    }

    @Test
    void aTamperedSetDoesNotVerify() throws Exception {
        assertThat(layer(new Signing(), b -> b.put("SignedEntryTimestamp", flipped(b.path("SignedEntryTimestamp").asText()))).failure())
                .contains("the signed entry timestamp does not verify with the log's key");
        // A time moved into the certificate's validity, under a SET that signed another.
        Signing late = new Signing();
        late.integratedTime = T.plusSeconds(3600).getEpochSecond();
        assertThat(layer(late, b -> ((ObjectNode) b.get("Payload")).put("integratedTime", T.getEpochSecond())).failure())
                .contains("the signed entry timestamp does not verify");
        assertThat(bundle(new Signing(), b -> entry(b).put("logIndex", "999")).failure()).contains("signed entry timestamp does not verify");
        assertThat(bundle(new Signing(), b -> ((ObjectNode) entry(b).get("inclusionPromise")).put("signedEntryTimestamp",
                flipped(entry(b).path("inclusionPromise").path("signedEntryTimestamp").asText()))).failure())
                .contains("signed entry timestamp does not verify");
        // No SET: the time is not proved (a timestamp authority's is not read).
        assertThat(bundle(new Signing(), b -> entry(b).remove("inclusionPromise")).failure())
                .contains("has no signed entry timestamp (inclusionPromise): its integrated time is not proved");
    }

    @Test
    void aBadInclusionProofDoesNotVerify() throws Exception {
        assertThat(bundle(new Signing(), b -> {
            var hashes = (com.fasterxml.jackson.databind.node.ArrayNode) entry(b).path("inclusionProof").get("hashes");
            hashes.set(0, JSON.getNodeFactory().textNode(flipped(hashes.get(0).asText())));
        }).failure()).contains("the inclusion proof does not lead from the entry to its root hash");
        assertThat(bundle(new Signing(), b -> ((ObjectNode) entry(b).get("inclusionProof")).put("logIndex", "0")).failure())
                .contains("the inclusion proof does not lead");
        // A checkpoint signed by another key.
        SigstoreFixtures.Log impostor = new SigstoreFixtures.Log("rekor.test - 42");
        assertThat(bundle(new Signing(), b -> {
            ObjectNode proof = (ObjectNode) entry(b).get("inclusionProof");
            try {
                String cp = rekor.checkpoint(proof.path("treeSize").asLong(),
                        java.util.Base64.getDecoder().decode(proof.path("rootHash").asText()), impostor.key);
                ((ObjectNode) proof.get("checkpoint")).put("envelope", cp);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).failure()).contains("no signature of the checkpoint (rekor.test) verifies with the log's key");
        // A checkpoint of another tree, properly signed.
        assertThat(bundle(new Signing(), b -> {
            ObjectNode proof = (ObjectNode) entry(b).get("inclusionProof");
            try {
                ((ObjectNode) proof.get("checkpoint")).put("envelope", rekor.checkpoint(3, rekor.root(0, 3), rekor.key));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).failure()).contains("the checkpoint is for another tree");
        assertThat(bundle(new Signing(), b -> ((ObjectNode) entry(b).get("inclusionProof")).remove("checkpoint")).failure())
                .contains("has no checkpoint");
    }

    @Test
    void aBundleWithNoTlogEntryDoesNotVerify() throws Exception {
        assertThat(bundle(new Signing(), b -> ((ObjectNode) b.get("verificationMaterial")).putArray("tlogEntries")).failure())
                .contains("the bundle has no transparency-log entry (tlogEntries): the signing time is not proved");
    }

    @Test
    void aLogTheRootDoesNotListProvesNothing() throws Exception {
        Signing s = new Signing();
        s.log = new SigstoreFixtures.Log("elsewhere - 1");
        assertThat(layer(s).failure()).contains("which the trusted root does not list");
        assertThat(bundle(s).failure()).contains("which the trusted root does not list");
    }

    @Test
    void aPayloadOfAnotherDigestDoesNotVerify() throws Exception {
        Signing s = new Signing();
        s.signed = Digest.parse("sha256:" + "cd".repeat(32));
        assertThat(layer(s).failure()).contains("the signed payload is for " + s.signed + ", not the image's " + DIGEST);
        assertThat(bundle(s).failure()).contains("subjects do not include the image's " + DIGEST);
    }

    @Test
    void anEntryOfAnotherSignatureProvesNothingAboutThisOne() throws Exception {
        // The SET and proof are genuine, but for another body: another payload signed by the same certificate.
        Signing s = new Signing();
        X509Certificate cert = s.cert();
        byte[] payload = CosignFixtures.payload("registry.test/org/app", DIGEST.toString());
        byte[] sig = CosignFixtures.sign(s.key.getPrivate(), payload);
        byte[] other = "another payload".getBytes(StandardCharsets.UTF_8);
        byte[] body = SigstoreFixtures.hashedRekord(other, CosignFixtures.sign(s.key.getPrivate(), other), cert);
        assertThat(KeylessPolicy.bodyIsThisSignature(body, cert, payload, sig)).contains("is for another payload");
        byte[] sameHashOtherSig = SigstoreFixtures.hashedRekord(payload, CosignFixtures.sign(s.key.getPrivate(), other), cert);
        assertThat(KeylessPolicy.bodyIsThisSignature(sameHashOtherSig, cert, payload, sig)).contains("records another signature");
        Signing two = new Signing();
        byte[] otherCert = SigstoreFixtures.hashedRekord(payload, sig, two.cert());
        assertThat(KeylessPolicy.bodyIsThisSignature(otherCert, cert, payload, sig)).contains("records another certificate");
        assertThat(KeylessPolicy.bodyIsThisSignature("{\"kind\":\"rekord\"}".getBytes(StandardCharsets.UTF_8), cert, payload, sig))
                .contains("of kind 'rekord'");
    }

    @Test
    void keySignedAndKeylessSignaturesAreToldApart() throws Exception {
        // A keyless policy on a key-signed layer and bundle.
        KeyPair k = CosignFixtures.p256();
        byte[] payload = CosignFixtures.payload("registry.test/org/app", DIGEST.toString());
        ObjectNode ann = JSON.createObjectNode().put(CosignVerifier.SIGNATURE_ANNOTATION, b64(CosignFixtures.sign(k.getPrivate(), payload)));
        CosignVerifier.Material m = new CosignVerifier.Material("r", DIGEST, List.of(new CosignVerifier.Layer("l", ann, payload, null)));
        assertThat(verifier.check(m, policy()).failure()).contains("signed with a key, which a keyless identity does not verify");
        ObjectNode keyBundle = JSON.createObjectNode();
        keyBundle.putObject("verificationMaterial").putObject("publicKey").put("hint", "x");
        keyBundle.putObject("dsseEnvelope").put("payload", b64(payload)).put("payloadType", "application/vnd.in-toto+json");
        assertThat(policy().verifyBundle(keyBundle, payload, payload)).contains("signed with a key (verificationMaterial.publicKey)");
        // A layer without its Rekor bundle.
        Signing s = new Signing();
        CosignVerifier.Result r = layer(s, b -> b.removeAll());
        assertThat(r.failure()).contains("the " + KeylessPolicy.BUNDLE_ANNOTATION + " annotation cannot be read");
    }

    @Test
    void merkleProofsOfEveryLeafOfTreesUpToFortyLeadToTheRoot() {
        for (int size = 1; size <= 40; size++) {
            SigstoreFixtures.Log t;
            try {
                t = new SigstoreFixtures.Log("t");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            for (int i = 0; i < size; i++) {
                t.leaves.add(("leaf " + i).getBytes(StandardCharsets.UTF_8));
            }
            byte[] root = t.root(0, size);
            for (int i = 0; i < size; i++) {
                List<byte[]> path = t.path(i, 0, size);
                byte[] leaf = TransparencyLog.leafHash(t.leaves.get(i));
                assertThat(TransparencyLog.rootFromInclusionProof(i, size, leaf, path)).as("leaf %d of %d", i, size).isEqualTo(root);
                if (size > 1) {
                    // Another index, or a path one hash short or long, does not lead there.
                    byte[] wrong = TransparencyLog.rootFromInclusionProof((i + 1) % size, size, leaf, path);
                    assertThat(wrong).as("leaf %d of %d at another index", i, size).isNotEqualTo(root);
                    assertThat(TransparencyLog.rootFromInclusionProof(i, size, leaf, path.subList(0, path.size() - 1)))
                            .isNotEqualTo(root);
                    List<byte[]> longer = new ArrayList<>(path);
                    longer.add(root);
                    assertThat(TransparencyLog.rootFromInclusionProof(i, size, leaf, longer)).isNull();
                }
            }
            assertThat(TransparencyLog.rootFromInclusionProof(size, size, root, List.of())).isNull();
        }
    }

    @Test
    void trustedRootsAreReadToTheLetterAndBadOnesNamed() throws Exception {
        assertThat(root.authorities()).hasSize(1);
        assertThat(root.authorities().get(0).chain()).hasSize(2);
        assertThat(root.tlogs().get(0).keyIdHex()).isEqualTo(HexFormat.of().formatHex(rekor.keyId));
        assertThatThrownBy(() -> TrustedRoot.parse("{\n\"mediaType\": ,}".getBytes(StandardCharsets.UTF_8), "tr.json"))
                .hasMessageStartingWith("tr.json:2: not JSON");
        assertThatThrownBy(() -> TrustedRoot.parse("{\"mediaType\":\"application/json\"}".getBytes(StandardCharsets.UTF_8), "tr.json"))
                .hasMessageContaining("not application/vnd.dev.sigstore.trustedroot");
        JsonNode good = JSON.readTree(SigstoreFixtures.trustedRoot(List.of(fulcio), List.of(rekor)));
        ObjectNode badId = good.deepCopy();
        ((ObjectNode) badId.path("tlogs").get(0).get("logId")).put("keyId", b64(new byte[32]));
        assertThatThrownBy(() -> TrustedRoot.parse(JSON.writeValueAsBytes(badId), "tr.json"))
                .hasMessageContaining("tr.json: tlogs[0]: logId.keyId is not the SHA-256 of its public key");
        ObjectNode badCert = good.deepCopy();
        ((ObjectNode) badCert.path("certificateAuthorities").get(0).path("certChain").path("certificates").get(0)).put("rawBytes", "AAAA");
        assertThatThrownBy(() -> TrustedRoot.parse(JSON.writeValueAsBytes(badCert), "tr.json"))
                .hasMessageContaining("certificateAuthorities[0].certChain.certificates[0]: not an X.509 certificate");
        ObjectNode noCas = good.deepCopy();
        noCas.putArray("certificateAuthorities");
        assertThatThrownBy(() -> TrustedRoot.parse(JSON.writeValueAsBytes(noCas), "tr.json"))
                .hasMessageContaining("needs certificateAuthorities and tlogs (it has 0 and 1)");
        ObjectNode badTime = good.deepCopy();
        ((ObjectNode) badTime.path("certificateAuthorities").get(0).get("validFor")).put("start", "yesterday");
        assertThatThrownBy(() -> TrustedRoot.parse(JSON.writeValueAsBytes(badTime), "tr.json"))
                .hasMessageContaining("validFor.start: 'yesterday' is not an RFC 3339 time");
    }

    @Test
    void aCaOrLogKeyOutsideItsValidityWindowDoesNotCount() throws Exception {
        ObjectNode r = (ObjectNode) JSON.readTree(SigstoreFixtures.trustedRoot(List.of(fulcio), List.of(rekor)));
        ((ObjectNode) r.path("certificateAuthorities").get(0).get("validFor")).put("end", "2024-01-01T00:00:00Z");
        root = TrustedRoot.parse(JSON.writeValueAsBytes(r), "tr.json");
        assertThat(layer(new Signing()).failure()).contains("does not chain to a certificate authority of the trusted root valid at 2025-06-01T12:00:00Z");
        r = (ObjectNode) JSON.readTree(SigstoreFixtures.trustedRoot(List.of(fulcio), List.of(rekor)));
        ((ObjectNode) r.path("tlogs").get(0).path("publicKey").get("validFor")).put("end", "2024-01-01T00:00:00Z");
        root = TrustedRoot.parse(JSON.writeValueAsBytes(r), "tr.json");
        assertThat(layer(new Signing()).failure()).contains("the transparency log's key was not valid at the entry's time");
    }
}
