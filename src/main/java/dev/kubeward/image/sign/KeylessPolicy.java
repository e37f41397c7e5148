package dev.kubeward.image.sign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keyless (Fulcio) verification against a trusted root, offline, as cosign and sigstore-go verify it:
 *
 * <ol>
 *   <li>the signature verifies with the public key of the leaf certificate (the {@code .sig} layer's
 *       {@code dev.sigstore.cosign/certificate} annotation, or the bundle's {@code certificate} /
 *       first {@code x509CertificateChain} certificate);</li>
 *   <li>a Rekor entry of a log the root lists proves the signing time: its signed entry timestamp
 *       verifies with the log's key (valid at that time); an inclusion proof, when the entry carries
 *       one, must lead to the root hash of a checkpoint the log signed; the entry's body must be
 *       this signature (a {@code hashedrekord} of the payload's SHA-256, or a {@code dsse} entry of the
 *       envelope's payload, with this signature and this certificate);</li>
 *   <li>at that time the certificate was valid, chains (PKIX, the JDK's CertPathValidator) to a
 *       certificate authority of the root that was valid then, and is for code signing (extended key
 *       usage 1.3.6.1.5.5.7.3.3);</li>
 *   <li>its subject alternative name (an email or a URI) is the identity, and its OIDC issuer
 *       (extension 1.3.6.1.4.1.57264.1.8, a DER UTF8String, else the legacy 1.3.6.1.4.1.57264.1.1,
 *       the raw string) the issuer required.</li>
 * </ol>
 *
 * Not verified: SCTs of the certificate transparency logs and RFC 3161 timestamps (a signature whose
 * time only a timestamp authority proves is not verified); certificate revocation (Fulcio issues
 * certificates of minutes).
 */
public final class KeylessPolicy implements SignaturePolicy {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String CERTIFICATE_ANNOTATION = "dev.sigstore.cosign/certificate";
    static final String CHAIN_ANNOTATION = "dev.sigstore.cosign/chain";
    static final String BUNDLE_ANNOTATION = "dev.sigstore.cosign/bundle";
    static final String ISSUER_V2 = "1.3.6.1.4.1.57264.1.8";
    static final String ISSUER_V1 = "1.3.6.1.4.1.57264.1.1";
    static final String CODE_SIGNING = "1.3.6.1.5.5.7.3.3";

    /** An exact value, or a regular expression searched for in the value (Go's MatchString, as cosign uses it). */
    public record Matcher(String exact, Pattern regexp) {
        public static Matcher exact(String value) {
            return new Matcher(value, null);
        }

        public static Matcher regexp(String re) {
            return new Matcher(null, Pattern.compile(re));
        }

        boolean matches(String value) {
            return exact != null ? exact.equals(value) : regexp.matcher(value).find();
        }

        @Override
        public String toString() {
            return exact != null ? exact : "/" + regexp.pattern() + "/";
        }
    }

    private final TrustedRoot root;
    private final Matcher identity;
    private final Matcher issuer;

    public KeylessPolicy(TrustedRoot root, Matcher identity, Matcher issuer) {
        this.root = root;
        this.identity = identity;
        this.issuer = issuer;
    }

    @Override
    public String describe() {
        return "a certificate for " + identity + " issued by " + issuer;
    }

    /** A Rekor entry as the bundle or the cosign annotation gives it. */
    record Entry(byte[] body, long integratedTime, long logIndex, byte[] logId, byte[] set, JsonNode proof) {}

    @Override
    public String verifyLayer(JsonNode annotations, byte[] payload, byte[] signature) {
        String pem = annotations.path(CERTIFICATE_ANNOTATION).asText("");
        if (pem.isEmpty()) {
            return "no certificate (" + CERTIFICATE_ANNOTATION + " annotation): signed with a key, which a keyless identity does not verify";
        }
        X509Certificate leaf;
        try {
            leaf = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException | RuntimeException e) {
            return "the " + CERTIFICATE_ANNOTATION + " annotation is not a PEM certificate";
        }
        if (!CosignVerifier.verifies(leaf.getPublicKey(), payload, signature)) {
            return "the signature does not verify with the certificate's key (the payload was altered, or another key signed it)";
        }
        String bundleText = annotations.path(BUNDLE_ANNOTATION).asText("");
        if (bundleText.isEmpty()) {
            return "no Rekor bundle (" + BUNDLE_ANNOTATION + " annotation): the signing time is not proved, so the "
                    + "certificate cannot be checked";
        }
        Entry entry;
        try {
            JsonNode rb = JSON.readTree(bundleText);
            JsonNode p = rb.path("Payload");
            String set = rb.path("SignedEntryTimestamp").asText("");
            entry = new Entry(Base64.getDecoder().decode(p.path("body").asText("")), number(p.path("integratedTime")),
                    number(p.path("logIndex")), java.util.HexFormat.of().parseHex(p.path("logID").asText("")),
                    set.isEmpty() ? null : Base64.getDecoder().decode(set), null);
        } catch (IOException | IllegalArgumentException e) {
            return "the " + BUNDLE_ANNOTATION + " annotation cannot be read (" + e.getMessage() + ")";
        }
        return check(entry, leaf, payload, signature);
    }

    @Override
    public String verifyBundle(JsonNode bundle, byte[] payload, byte[] pae) {
        JsonNode vm = bundle.path("verificationMaterial");
        String der = vm.path("certificate").path("rawBytes").asText("");
        if (der.isEmpty()) {
            der = vm.path("x509CertificateChain").path("certificates").path(0).path("rawBytes").asText("");
        }
        if (der.isEmpty()) {
            return "signed with a key (verificationMaterial.publicKey), which a keyless identity does not verify";
        }
        X509Certificate leaf;
        try {
            leaf = TrustedRoot.certificate(der, "the bundle's certificate");
        } catch (SignatureException e) {
            return e.getMessage();
        }
        byte[] signature = null;
        for (JsonNode s : bundle.path("dsseEnvelope").path("signatures")) {
            try {
                byte[] sig = Base64.getDecoder().decode(s.path("sig").asText(""));
                if (CosignVerifier.verifies(leaf.getPublicKey(), pae, sig)) {
                    signature = sig;
                    break;
                }
            } catch (IllegalArgumentException e) {
                // not base64: not a signature that verifies
            }
        }
        if (signature == null) {
            return "no signature of the envelope verifies with the certificate's key";
        }
        JsonNode entries = vm.path("tlogEntries");
        if (entries.isEmpty()) {
            return "the bundle has no transparency-log entry (tlogEntries): the signing time is not proved";
        }
        List<String> reasons = new ArrayList<>();
        for (JsonNode e : entries) {
            Entry entry;
            try {
                String set = e.path("inclusionPromise").path("signedEntryTimestamp").asText("");
                entry = new Entry(Base64.getDecoder().decode(e.path("canonicalizedBody").asText("")),
                        number(e.path("integratedTime")), number(e.path("logIndex")),
                        Base64.getDecoder().decode(e.path("logId").path("keyId").asText("")),
                        set.isEmpty() ? null : Base64.getDecoder().decode(set),
                        e.has("inclusionProof") ? e.get("inclusionProof") : null);
            } catch (IllegalArgumentException bad) {
                reasons.add("a transparency-log entry cannot be read (" + bad.getMessage() + ")");
                continue;
            }
            String why = check(entry, leaf, payload, signature);
            if (why == null) {
                return null;
            }
            reasons.add(why);
        }
        return String.join("; ", reasons);
    }

    private static long number(JsonNode n) {
        if (n.isIntegralNumber()) {
            return n.longValue();
        }
        return Long.parseLong(n.asText(""));
    }

    /** The entry proves the time, is this signature, and the certificate is the identity's at that time. */
    private String check(Entry entry, X509Certificate leaf, byte[] payload, byte[] signature) {
        String why = verifyEntry(entry);
        if (why != null) {
            return why;
        }
        why = bodyIsThisSignature(entry.body(), leaf, payload, signature);
        if (why != null) {
            return why;
        }
        return verifyCertificate(leaf, Instant.ofEpochSecond(entry.integratedTime()));
    }

    String verifyEntry(Entry e) {
        TrustedRoot.Log log = root.tlog(e.logId());
        if (log == null) {
            return "the transparency-log entry is from the log " + TrustedRoot.Hex.hex(e.logId())
                    + ", which the trusted root does not list";
        }
        Instant time = Instant.ofEpochSecond(e.integratedTime());
        if (!log.validFor().contains(time)) {
            return "the transparency log's key was not valid at the entry's time " + time + " (valid " + log.validFor() + ")";
        }
        if (e.set() == null) {
            return "the transparency-log entry has no signed entry timestamp (inclusionPromise): its integrated time is "
                    + "not proved (RFC 3161 timestamps are not verified)";
        }
        if (!TransparencyLog.setVerifies(log.key(), e.set(), e.body(), e.integratedTime(), e.logId(), e.logIndex())) {
            return "the signed entry timestamp does not verify with the log's key (the entry, its time or its index was altered)";
        }
        if (e.proof() != null) {
            return verifyProof(e, log);
        }
        return null;
    }

    private static String verifyProof(Entry e, TrustedRoot.Log log) {
        JsonNode p = e.proof();
        long index;
        long size;
        byte[] rootHash;
        List<byte[]> path = new ArrayList<>();
        try {
            index = number(p.path("logIndex"));
            size = number(p.path("treeSize"));
            rootHash = Base64.getDecoder().decode(p.path("rootHash").asText(""));
            for (JsonNode h : p.path("hashes")) {
                path.add(Base64.getDecoder().decode(h.asText("")));
            }
        } catch (IllegalArgumentException bad) {
            return "the inclusion proof cannot be read (" + bad.getMessage() + ")";
        }
        byte[] computed = TransparencyLog.rootFromInclusionProof(index, size, TransparencyLog.leafHash(e.body()), path);
        if (computed == null || !Arrays.equals(computed, rootHash)) {
            return "the inclusion proof does not lead from the entry to its root hash (index " + index + " of " + size + ")";
        }
        String envelope = p.path("checkpoint").path("envelope").asText("");
        if (envelope.isEmpty()) {
            return "the inclusion proof has no checkpoint: its root hash is not signed by the log";
        }
        TransparencyLog.Checkpoint cp;
        try {
            cp = TransparencyLog.verifyCheckpoint(envelope, log.key(), log.key().getEncoded());
        } catch (SignatureException bad) {
            return bad.getMessage();
        }
        if (cp.size() != size || !Arrays.equals(cp.rootHash(), rootHash)) {
            return "the checkpoint is for another tree (size " + cp.size() + ") than the inclusion proof (size " + size + ")";
        }
        return null;
    }

    /** The entry's body must record this signature by this certificate over this payload, or the entry proves nothing about it. */
    static String bodyIsThisSignature(byte[] body, X509Certificate leaf, byte[] payload, byte[] signature) {
        JsonNode b;
        try {
            b = JSON.readTree(body);
        } catch (IOException e) {
            return "the transparency-log entry's body is not JSON";
        }
        String kind = b.path("kind").asText("");
        JsonNode spec = b.path("spec");
        String payloadHash = TrustedRoot.Hex.hex(TrustedRoot.sha256(payload));
        switch (kind) {
            case "hashedrekord" -> {
                JsonNode hash = spec.path("data").path("hash");
                if (!hash.path("algorithm").asText("").equals("sha256") || !hash.path("value").asText("").equals(payloadHash)) {
                    return "the transparency-log entry is for another payload (sha256 " + hash.path("value").asText("?") + ")";
                }
                if (!sameBytes(spec.path("signature").path("content").asText(""), signature)) {
                    return "the transparency-log entry records another signature";
                }
                if (!sameCertificate(spec.path("signature").path("publicKey").path("content").asText(""), leaf)) {
                    return "the transparency-log entry records another certificate";
                }
                return null;
            }
            case "dsse" -> {
                JsonNode hash = spec.path("payloadHash");
                if (!hash.path("algorithm").asText("").equals("sha256") || !hash.path("value").asText("").equals(payloadHash)) {
                    return "the transparency-log entry is for another payload (sha256 " + hash.path("value").asText("?") + ")";
                }
                for (JsonNode s : spec.path("signatures")) {
                    if (sameBytes(s.path("signature").asText(""), signature) && sameCertificate(s.path("verifier").asText(""), leaf)) {
                        return null;
                    }
                }
                return "the transparency-log entry records another signature or certificate";
            }
            default -> {
                return "the transparency-log entry is of kind '" + kind + "', which kubeward does not match against a "
                        + "signature (hashedrekord, dsse)";
            }
        }
    }

    private static boolean sameBytes(String base64, byte[] bytes) {
        try {
            return Arrays.equals(Base64.getDecoder().decode(base64), bytes);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A base64 PEM certificate (as Rekor records the verifier) that is the leaf. */
    private static boolean sameCertificate(String base64Pem, X509Certificate leaf) {
        try {
            byte[] pem = Base64.getDecoder().decode(base64Pem);
            X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem));
            return Arrays.equals(c.getEncoded(), leaf.getEncoded());
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** At the signing time: valid, chained to an authority of the root valid then, for code signing, the identity's, the issuer's. */
    String verifyCertificate(X509Certificate leaf, Instant time) {
        try {
            leaf.checkValidity(Date.from(time));
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            return "the certificate was not valid at the signing time " + time + " (valid "
                    + leaf.getNotBefore().toInstant() + " to " + leaf.getNotAfter().toInstant() + ")";
        }
        String chain = chain(leaf, time);
        if (chain != null) {
            return "the certificate (issued by " + leaf.getIssuerX500Principal().getName() + ") does not chain to a "
                    + "certificate authority of the trusted root valid at " + time + chain;
        }
        try {
            List<String> eku = leaf.getExtendedKeyUsage();
            if (eku == null || !eku.contains(CODE_SIGNING)) {
                return "the certificate is not for code signing (its extended key usage lacks " + CODE_SIGNING + ")";
            }
        } catch (CertificateParsingException e) {
            return "the certificate's extended key usage cannot be read";
        }
        List<String> names = subjectAlternativeNames(leaf);
        if (names.stream().noneMatch(identity::matches)) {
            return "the certificate is for " + (names.isEmpty() ? "no email or URI" : String.join(", ", names))
                    + ", not " + identity;
        }
        String iss = issuer(leaf);
        if (iss == null) {
            return "the certificate has no OIDC issuer (extension " + ISSUER_V2 + " or " + ISSUER_V1 + ")";
        }
        if (!issuer.matches(iss)) {
            return "the certificate was issued for " + iss + ", not " + issuer;
        }
        return null;
    }

    /** Null when the leaf chains to an authority valid at the time; else what PKIX said, for the message. */
    private String chain(X509Certificate leaf, Instant time) {
        String why = "";
        for (TrustedRoot.Authority ca : root.authorities()) {
            if (!ca.validFor().contains(time)) {
                continue;
            }
            List<X509Certificate> chain = ca.chain();
            X509Certificate anchor = chain.get(chain.size() - 1);
            List<X509Certificate> path = new ArrayList<>();
            path.add(leaf);
            path.addAll(chain.subList(0, chain.size() - 1));
            try {
                CertPath cp = CertificateFactory.getInstance("X.509").generateCertPath(path);
                PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
                params.setRevocationEnabled(false);
                params.setDate(Date.from(time));
                CertPathValidator.getInstance("PKIX").validate(cp, params);
                return null;
            } catch (GeneralSecurityException e) {
                why = " (" + e.getMessage() + ")";
            }
        }
        return why;
    }

    /** The certificate's emails (rfc822Name) and URIs. */
    static List<String> subjectAlternativeNames(X509Certificate c) {
        List<String> out = new ArrayList<>();
        try {
            if (c.getSubjectAlternativeNames() != null) {
                for (List<?> n : c.getSubjectAlternativeNames()) {
                    int type = (Integer) n.get(0);
                    if ((type == 1 || type == 6) && n.get(1) instanceof String s) {
                        out.add(s);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // no names that can be read: none that match
        }
        return out;
    }

    /** The OIDC issuer: extension 1.8 (a DER UTF8String), else 1.1 (the raw string). */
    static String issuer(X509Certificate c) {
        byte[] v2 = c.getExtensionValue(ISSUER_V2);
        if (v2 != null) {
            byte[] inner = Der.contents(Der.contents(v2, 0x04), 0x0C);
            return inner == null ? null : new String(inner, StandardCharsets.UTF_8);
        }
        byte[] v1 = c.getExtensionValue(ISSUER_V1);
        if (v1 != null) {
            byte[] raw = Der.contents(v1, 0x04);
            return raw == null ? null : new String(raw, StandardCharsets.UTF_8);
        }
        return null;
    }

    /** Just enough DER: the contents of one element of an expected tag, definite length. */
    static final class Der {
        private Der() {}

        static byte[] contents(byte[] der, int tag) {
            if (der == null || der.length < 2 || (der[0] & 0xff) != tag) {
                return null;
            }
            int len = der[1] & 0xff;
            int off = 2;
            if (len >= 0x80) {
                int n = len & 0x7f;
                if (n == 0 || n > 3 || der.length < 2 + n) {
                    return null;
                }
                len = 0;
                for (int i = 0; i < n; i++) {
                    len = (len << 8) | (der[2 + i] & 0xff);
                }
                off = 2 + n;
            }
            if (off + len != der.length) {
                return null;
            }
            return Arrays.copyOfRange(der, off, off + len);
        }
    }
}
