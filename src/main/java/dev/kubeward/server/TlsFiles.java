package dev.kubeward.server;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A certificate chain and its private key read from PEM files, as cert-manager and
 * {@code kubernetes.io/tls} Secrets hold them ({@code tls.crt}, {@code tls.key}): the key in
 * PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}, cert-manager's default for RSA)
 * or SEC1 ({@code EC PRIVATE KEY}). The key must belong to the first certificate, so a pair caught
 * half-rotated (new key, old certificate) is refused rather than served.
 */
public final class TlsFiles {
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    static final char[] PASSWORD = "kubeward".toCharArray();

    /** A loaded pair: the key store Jetty serves and a fingerprint of the files' content. */
    public record Loaded(KeyStore keyStore, String fingerprint, X509Certificate leaf) {}

    private TlsFiles() {}

    /** Reads and checks a pair; the message of the exception names the file and what is wrong. */
    public static Loaded load(Path certFile, Path keyFile) throws TlsException {
        byte[] certBytes = read(certFile);
        byte[] keyBytes = read(keyFile);
        List<X509Certificate> chain = certificates(certFile, new String(certBytes, StandardCharsets.US_ASCII));
        PrivateKey key = privateKey(keyFile, new String(keyBytes, StandardCharsets.US_ASCII));
        if (!matches(key, chain.get(0).getPublicKey())) {
            throw new TlsException(keyFile + ": the private key does not belong to the first certificate of " + certFile);
        }
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("kubeward", key, PASSWORD, chain.toArray(new Certificate[0]));
            return new Loaded(ks, fingerprint(certBytes, keyBytes), chain.get(0));
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsException(certFile + ": cannot build a key store: " + e.getMessage());
        }
    }

    /** A digest of both files' bytes, to notice a change without parsing. */
    public static String fingerprint(Path certFile, Path keyFile) throws TlsException {
        return fingerprint(read(certFile), read(keyFile));
    }

    private static String fingerprint(byte[] cert, byte[] key) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(cert);
            d.update((byte) 0);
            d.update(key);
            return HexFormat.of().formatHex(d.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] read(Path file) throws TlsException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new TlsException(file + ": cannot read: " + e.getClass().getSimpleName() + " " + e.getMessage());
        }
    }

    private static List<X509Certificate> certificates(Path file, String text) throws TlsException {
        List<X509Certificate> out = new ArrayList<>();
        Matcher m = PEM.matcher(text);
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            while (m.find()) {
                if (!m.group(1).equals("CERTIFICATE")) {
                    continue;
                }
                byte[] der = Base64.getMimeDecoder().decode(m.group(2));
                out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new TlsException(file + ": not a valid PEM certificate: " + e.getMessage());
        }
        if (out.isEmpty()) {
            throw new TlsException(file + ": no PEM certificate (-----BEGIN CERTIFICATE-----) found");
        }
        return out;
    }

    private static PrivateKey privateKey(Path file, String text) throws TlsException {
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            String type = m.group(1);
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(m.group(2));
            } catch (IllegalArgumentException e) {
                throw new TlsException(file + ": the " + type + " block is not valid base64");
            }
            try {
                switch (type) {
                    case "PRIVATE KEY" -> {
                        return pkcs8(der);
                    }
                    case "RSA PRIVATE KEY" -> {
                        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(wrapRsa(der)));
                    }
                    case "EC PRIVATE KEY" -> {
                        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(wrapEc(der)));
                    }
                    case "ENCRYPTED PRIVATE KEY" -> throw new TlsException(file
                            + ": the private key is encrypted; give an unencrypted key (as in a kubernetes.io/tls Secret)");
                    default -> {
                        // EC PARAMETERS and the like, which openssl writes before the key.
                    }
                }
            } catch (GeneralSecurityException | Der.Malformed e) {
                throw new TlsException(file + ": the " + type + " is not a valid key: " + e.getMessage());
            }
        }
        throw new TlsException(file + ": no PEM private key (PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY) found");
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        GeneralSecurityException last = null;
        for (String alg : new String[] {"RSA", "EC", "Ed25519", "RSASSA-PSS"}) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }

    /** Signs and verifies a probe: true when {@code key} is the private half of {@code pub}. */
    private static boolean matches(PrivateKey key, PublicKey pub) {
        String alg = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            case "RSASSA-PSS" -> "RSASSA-PSS";
            default -> null;
        };
        if (alg == null) {
            return false;
        }
        try {
            byte[] probe = "kubeward".getBytes(StandardCharsets.US_ASCII);
            Signature s = Signature.getInstance(alg);
            if (alg.equals("RSASSA-PSS")) {
                s.setParameter(new java.security.spec.PSSParameterSpec("SHA-256", "MGF1",
                        java.security.spec.MGF1ParameterSpec.SHA256, 32, 1));
            }
            s.initSign(key);
            s.update(probe);
            byte[] sig = s.sign();
            s.initVerify(pub);
            s.update(probe);
            return s.verify(sig);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    // PKCS#8 PrivateKeyInfo ::= SEQUENCE { version INTEGER 0, algorithm AlgorithmIdentifier, privateKey OCTET STRING }
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7,
        0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    private static final byte[] EC_PUBLIC_KEY_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    static byte[] wrapRsa(byte[] pkcs1) {
        return Der.sequence(Der.concat(new byte[] {0x02, 0x01, 0x00}, RSA_ALGORITHM, Der.tlv(0x04, pkcs1)));
    }

    /**
     * SEC1 ECPrivateKey ::= SEQUENCE { version 1, privateKey OCTET STRING, [0] parameters (the
     * curve OID), [1] publicKey }: the curve moves into PKCS#8's AlgorithmIdentifier.
     */
    static byte[] wrapEc(byte[] sec1) throws Der.Malformed {
        Der.Reader outer = new Der.Reader(sec1);
        Der.Reader seq = outer.enter(0x30);
        seq.next(0x02);
        seq.next(0x04);
        byte[] curve = null;
        while (seq.hasMore()) {
            int tag = seq.peekTag();
            byte[] content = seq.next(tag);
            if (tag == 0xa0) {
                curve = content;
            }
        }
        if (curve == null) {
            throw new Der.Malformed("the EC key does not name its curve");
        }
        byte[] algorithm = Der.sequence(Der.concat(EC_PUBLIC_KEY_OID, curve));
        return Der.sequence(Der.concat(new byte[] {0x02, 0x01, 0x00}, algorithm, Der.tlv(0x04, sec1)));
    }

    /** The little DER the key formats need. */
    static final class Der {
        static final class Malformed extends Exception {
            Malformed(String message) {
                super(message);
            }
        }

        static byte[] concat(byte[]... parts) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte[] p : parts) {
                out.writeBytes(p);
            }
            return out.toByteArray();
        }

        static byte[] sequence(byte[] content) {
            return tlv(0x30, content);
        }

        static byte[] tlv(int tag, byte[] content) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(tag);
            int n = content.length;
            if (n < 0x80) {
                out.write(n);
            } else {
                int bytes = n > 0xffffff ? 4 : n > 0xffff ? 3 : n > 0xff ? 2 : 1;
                out.write(0x80 | bytes);
                for (int i = bytes - 1; i >= 0; i--) {
                    out.write((n >>> (8 * i)) & 0xff);
                }
            }
            out.writeBytes(content);
            return out.toByteArray();
        }

        static final class Reader {
            private final byte[] data;
            private int pos;
            private final int end;

            Reader(byte[] data) {
                this(data, 0, data.length);
            }

            private Reader(byte[] data, int start, int end) {
                this.data = data;
                this.pos = start;
                this.end = end;
            }

            boolean hasMore() {
                return pos < end;
            }

            int peekTag() throws Malformed {
                if (pos >= end) {
                    throw new Malformed("truncated");
                }
                return data[pos] & 0xff;
            }

            /** The content of the next element, which must have this tag ([0] gives the curve OID inside it). */
            byte[] next(int tag) throws Malformed {
                int[] bounds = header(tag);
                pos = bounds[1];
                return java.util.Arrays.copyOfRange(data, bounds[0], bounds[1]);
            }

            Reader enter(int tag) throws Malformed {
                int[] bounds = header(tag);
                pos = bounds[1];
                return new Reader(data, bounds[0], bounds[1]);
            }

            private int[] header(int tag) throws Malformed {
                if (peekTag() != tag) {
                    throw new Malformed("unexpected DER tag " + Integer.toHexString(peekTag()));
                }
                int p = pos + 1;
                if (p >= end) {
                    throw new Malformed("truncated");
                }
                int len = data[p++] & 0xff;
                if (len >= 0x80) {
                    int bytes = len & 0x7f;
                    if (bytes == 0 || bytes > 4 || p + bytes > end) {
                        throw new Malformed("bad DER length");
                    }
                    len = 0;
                    for (int i = 0; i < bytes; i++) {
                        len = (len << 8) | (data[p++] & 0xff);
                    }
                }
                if (len < 0 || p + len > end) {
                    throw new Malformed("truncated");
                }
                return new int[] {p, p + len};
            }
        }
    }

    /** A certificate or key that cannot be served; the message is for people. */
    public static final class TlsException extends Exception {
        public TlsException(String message) {
            super(message);
        }
    }
}
