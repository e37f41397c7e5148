package dev.kubeward.image.sign;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A Sigstore of the tests' own: a Fulcio-like CA (root and intermediate), leaf certificates with
 * Fulcio's extensions, a Rekor-like log (its key, entries, SETs, a Merkle tree with inclusion proofs
 * and signed checkpoints), and the trusted_root.json that lists them. BouncyCastle (test scope) only
 * writes the certificates; every check is the JDK's and kubeward's.
 */
public final class SigstoreFixtures {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong SERIAL = new AtomicLong(1000);

    private SigstoreFixtures() {}

    /** A certificate authority: a self-signed root and an intermediate that issues leaves. */
    public record Ca(KeyPair rootKey, X509Certificate root, KeyPair intermediateKey, X509Certificate intermediate) {
        public static Ca create(String name) throws Exception {
            Instant from = Instant.parse("2020-01-01T00:00:00Z");
            Instant to = Instant.parse("2040-01-01T00:00:00Z");
            KeyPair rk = CosignFixtures.p256();
            X509Certificate root = ca(new X500Name("O=" + name + ",CN=" + name + " root"), rk.getPublic(),
                    new X500Name("O=" + name + ",CN=" + name + " root"), rk.getPrivate(), from, to, 1);
            KeyPair ik = CosignFixtures.p256();
            X509Certificate inter = ca(new X500Name("O=" + name + ",CN=" + name + " intermediate"), ik.getPublic(),
                    new X500Name("O=" + name + ",CN=" + name + " root"), rk.getPrivate(), from, to, 0);
            return new Ca(rk, root, ik, inter);
        }

        /** A Fulcio-style leaf: empty subject, the identity as a critical SAN, code signing, the issuer extensions. */
        X509Certificate leaf(PublicKey key, String identity, String issuer, Instant notBefore, Instant notAfter,
                boolean legacyIssuer, boolean codeSigning) throws Exception {
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(X500Name.getInstance(intermediate.getSubjectX500Principal().getEncoded()),
                    BigInteger.valueOf(SERIAL.incrementAndGet()), java.util.Date.from(notBefore), java.util.Date.from(notAfter),
                    new X500Name(""), key);
            GeneralName san = identity.contains("@") && !identity.contains("://")
                    ? new GeneralName(GeneralName.rfc822Name, identity) : new GeneralName(GeneralName.uniformResourceIdentifier, identity);
            b.addExtension(Extension.subjectAlternativeName, true, new GeneralNames(san));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(codeSigning ? KeyPurposeId.id_kp_codeSigning : KeyPurposeId.id_kp_emailProtection));
            if (issuer != null) {
                if (legacyIssuer) {
                    // 1.1: the raw string as the extension's value.
                    b.addExtension(new Extension(new ASN1ObjectIdentifier(KeylessPolicy.ISSUER_V1), false,
                            issuer.getBytes(StandardCharsets.UTF_8)));
                } else {
                    b.addExtension(new ASN1ObjectIdentifier(KeylessPolicy.ISSUER_V2), false, new DERUTF8String(issuer));
                }
            }
            return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA")
                    .build(intermediateKey.getPrivate())));
        }
    }

    private static X509Certificate ca(X500Name subject, PublicKey key, X500Name issuer, PrivateKey signer, Instant from,
            Instant to, int pathLen) throws Exception {
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                java.util.Date.from(from), java.util.Date.from(to), subject, key);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(pathLen));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
    }

    static String pem(X509Certificate c) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(c.getEncoded()) + "\n-----END CERTIFICATE-----\n";
    }

    static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    /** A transparency log: its key, its origin, and the bodies it holds (the Merkle tree's leaves). */
    public static final class Log {
        final KeyPair key;
        final byte[] keyId;
        final String origin;
        final List<byte[]> leaves = new ArrayList<>();

        public Log(String origin) throws Exception {
            this.key = CosignFixtures.p256();
            this.keyId = TrustedRoot.sha256(key.getPublic().getEncoded());
            this.origin = origin;
        }

        /** Appends a body; its index. A few other entries around it, so that proofs have paths. */
        long append(byte[] body) {
            for (int i = 0; i < 5; i++) {
                leaves.add(("other entry " + leaves.size()).getBytes(StandardCharsets.UTF_8));
            }
            leaves.add(body);
            long index = leaves.size() - 1;
            for (int i = 0; i < 3; i++) {
                leaves.add(("later entry " + leaves.size()).getBytes(StandardCharsets.UTF_8));
            }
            return index;
        }

        byte[] set(byte[] body, long integratedTime, long logIndex) throws Exception {
            return CosignFixtures.sign(key.getPrivate(), TransparencyLog.setPayload(b64(body), integratedTime,
                    HexFormat.of().formatHex(keyId), logIndex));
        }

        /** RFC 6962 MTH, by its recursive definition. */
        byte[] root(int from, int to) {
            int n = to - from;
            if (n == 1) {
                return TransparencyLog.leafHash(leaves.get(from));
            }
            int k = Integer.highestOneBit(n - 1);
            return TransparencyLog.nodeHash(root(from, from + k), root(from + k, to));
        }

        /** RFC 6962 PATH(m, D[from:to]), by its recursive definition. */
        List<byte[]> path(int m, int from, int to) {
            int n = to - from;
            List<byte[]> out = new ArrayList<>();
            if (n == 1) {
                return out;
            }
            int k = Integer.highestOneBit(n - 1);
            if (m < k) {
                out.addAll(path(m, from, from + k));
                out.add(root(from + k, to));
            } else {
                out.addAll(path(m - k, from + k, to));
                out.add(root(from, from + k));
            }
            return out;
        }

        String checkpoint(long size, byte[] root, KeyPair signer) throws Exception {
            String body = origin + "\n" + size + "\n" + b64(root) + "\n";
            byte[] sig = CosignFixtures.sign(signer.getPrivate(), body.getBytes(StandardCharsets.UTF_8));
            byte[] hint = java.util.Arrays.copyOf(TrustedRoot.sha256(signer.getPublic().getEncoded()), 4);
            byte[] both = new byte[4 + sig.length];
            System.arraycopy(hint, 0, both, 0, 4);
            System.arraycopy(sig, 0, both, 4, sig.length);
            return body + "\n\u2014 " + origin.split(" ")[0] + " " + b64(both) + "\n";
        }

        /** A bundle's tlogEntries element for a body at an index, with its SET and inclusion proof. */
        ObjectNode entry(byte[] body, long index, long integratedTime, String kind) throws Exception {
            ObjectNode e = JSON.createObjectNode();
            e.put("logIndex", String.valueOf(index));
            e.putObject("logId").put("keyId", b64(keyId));
            e.putObject("kindVersion").put("kind", kind).put("version", "0.0.1");
            e.put("integratedTime", String.valueOf(integratedTime));
            e.putObject("inclusionPromise").put("signedEntryTimestamp", b64(set(body, integratedTime, index)));
            ObjectNode proof = e.putObject("inclusionProof");
            int size = leaves.size();
            byte[] root = root(0, size);
            proof.put("logIndex", String.valueOf(index)).put("rootHash", b64(root)).put("treeSize", String.valueOf(size));
            ArrayNode hashes = proof.putArray("hashes");
            for (byte[] h : path((int) index, 0, size)) {
                hashes.add(b64(h));
            }
            proof.putObject("checkpoint").put("envelope", checkpoint(size, root, key));
            e.put("canonicalizedBody", b64(body));
            return e;
        }
    }

    /** The hashedrekord body Rekor records for a signature over a payload by a certificate. */
    static byte[] hashedRekord(byte[] payload, byte[] signature, X509Certificate cert) throws Exception {
        ObjectNode b = JSON.createObjectNode().put("apiVersion", "0.0.1").put("kind", "hashedrekord");
        ObjectNode spec = b.putObject("spec");
        spec.putObject("data").putObject("hash").put("algorithm", "sha256")
                .put("value", HexFormat.of().formatHex(TrustedRoot.sha256(payload)));
        spec.putObject("signature").put("content", b64(signature)).putObject("publicKey")
                .put("content", b64(pem(cert).getBytes(StandardCharsets.US_ASCII)));
        return JSON.writeValueAsBytes(b);
    }

    /** The dsse body Rekor records for an envelope signed by a certificate. */
    static byte[] dsse(byte[] payload, byte[] signature, X509Certificate cert) throws Exception {
        ObjectNode b = JSON.createObjectNode().put("apiVersion", "0.0.1").put("kind", "dsse");
        ObjectNode spec = b.putObject("spec");
        spec.putObject("envelopeHash").put("algorithm", "sha256").put("value", "00");
        spec.putObject("payloadHash").put("algorithm", "sha256").put("value", HexFormat.of().formatHex(TrustedRoot.sha256(payload)));
        spec.putArray("signatures").addObject().put("signature", b64(signature))
                .put("verifier", b64(pem(cert).getBytes(StandardCharsets.US_ASCII)));
        return JSON.writeValueAsBytes(b);
    }

    /** trusted_root.json listing these authorities and logs. */
    public static byte[] trustedRoot(List<Ca> cas, List<Log> logs) throws Exception {
        ObjectNode r = JSON.createObjectNode().put("mediaType", "application/vnd.dev.sigstore.trustedroot+json;version=0.1");
        ArrayNode tl = r.putArray("tlogs");
        for (Log l : logs) {
            ObjectNode t = tl.addObject().put("baseUrl", "https://rekor.test").put("hashAlgorithm", "SHA2_256");
            t.putObject("publicKey").put("rawBytes", b64(l.key.getPublic().getEncoded())).put("keyDetails", "PKIX_ECDSA_P256_SHA_256")
                    .putObject("validFor").put("start", "2021-01-01T00:00:00Z");
            t.putObject("logId").put("keyId", b64(l.keyId));
        }
        ArrayNode ca = r.putArray("certificateAuthorities");
        for (Ca c : cas) {
            ObjectNode a = ca.addObject().put("uri", "https://fulcio.test");
            a.putObject("subject").put("organization", "test").put("commonName", "test");
            ArrayNode certs = a.putObject("certChain").putArray("certificates");
            certs.addObject().put("rawBytes", b64(c.intermediate().getEncoded()));
            certs.addObject().put("rawBytes", b64(c.root().getEncoded()));
            a.putObject("validFor").put("start", "2021-01-01T00:00:00Z");
        }
        r.putArray("ctlogs");
        r.putArray("timestampAuthorities");
        return JSON.writeValueAsBytes(r);
    }

    /**
     * A cosign 3 keyless bundle (v0.3, DSSE of an in-toto statement about {@code subjectHex}) signed at
     * {@code time} by a fresh key certified by {@code ca} for the identity and issuer, logged in {@code log}.
     */
    public static ObjectNode keylessBundle(Ca ca, Log log, String identity, String issuer, String subjectHex, Instant time)
            throws Exception {
        KeyPair key = CosignFixtures.p256();
        X509Certificate cert = ca.leaf(key.getPublic(), identity, issuer, time.minusSeconds(60), time.plusSeconds(600), false, true);
        ObjectNode statement = JSON.createObjectNode().put("_type", "https://in-toto.io/Statement/v1")
                .put("predicateType", "https://sigstore.dev/cosign/sign/v1");
        statement.putArray("subject").addObject().put("name", "image").putObject("digest").put("sha256", subjectHex);
        statement.putObject("predicate");
        byte[] payload = JSON.writeValueAsBytes(statement);
        byte[] sig = CosignFixtures.sign(key.getPrivate(), CosignVerifier.pae("application/vnd.in-toto+json", payload));
        byte[] body = dsse(payload, sig, cert);
        long index = log.append(body);
        ObjectNode b = JSON.createObjectNode().put("mediaType", "application/vnd.dev.sigstore.bundle.v0.3+json");
        ObjectNode vm = b.putObject("verificationMaterial");
        vm.putObject("certificate").put("rawBytes", b64(cert.getEncoded()));
        vm.putArray("tlogEntries").add(log.entry(body, index, time.getEpochSecond(), "dsse"));
        ObjectNode env = b.putObject("dsseEnvelope").put("payload", b64(payload)).put("payloadType", "application/vnd.in-toto+json");
        env.putArray("signatures").addObject().put("sig", b64(sig));
        return b;
    }

    /** Attaches a bundle to an image as an OCI referrer (the referrers API's index), as cosign 3 does. */
    public static void attach(dev.kubeward.image.oci.FakeRegistry registry, String repo, String subject, ObjectNode bundle)
            throws Exception {
        byte[] bundleBytes = JSON.writeValueAsBytes(bundle);
        registry.blobs.put(dev.kubeward.image.TestImages.sha256(bundleBytes), bundleBytes);
        byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
        registry.blobs.put(dev.kubeward.image.TestImages.sha256(empty), empty);
        ObjectNode m = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.manifest.v1+json")
                .put("artifactType", "application/vnd.dev.sigstore.bundle.v0.3+json");
        m.putObject("config").put("mediaType", "application/vnd.oci.empty.v1+json")
                .put("digest", dev.kubeward.image.TestImages.sha256(empty)).put("size", 2);
        m.putArray("layers").addObject().put("mediaType", "application/vnd.dev.sigstore.bundle.v0.3+json")
                .put("digest", dev.kubeward.image.TestImages.sha256(bundleBytes)).put("size", bundleBytes.length);
        m.putObject("subject").put("mediaType", "application/vnd.oci.image.manifest.v1+json").put("digest", subject);
        byte[] mb = JSON.writeValueAsBytes(m);
        String md = dev.kubeward.image.TestImages.sha256(mb);
        registry.putManifest(repo + ":" + md, mb, "application/vnd.oci.image.manifest.v1+json");
        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.index.v1+json");
        index.putArray("manifests").addObject().put("mediaType", "application/vnd.oci.image.manifest.v1+json")
                .put("digest", md).put("size", mb.length).put("artifactType", "application/vnd.dev.sigstore.bundle.v0.3+json");
        registry.putManifest(repo + ":referrers:" + subject, JSON.writeValueAsBytes(index), "application/vnd.oci.image.index.v1+json");
    }
}
