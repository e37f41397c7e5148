package dev.kubeward.image.sign;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** A verification key as cosign writes it: a PEM {@code PUBLIC KEY} (PKIX SubjectPublicKeyInfo), ECDSA, RSA or Ed25519. */
public final class PublicKeys {
    private PublicKeys() {}

    public static PublicKey read(Path file) throws SignatureException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new SignatureException(file + ": unreadable (" + e.getMessage() + ")");
        }
        return parse(text, file.toString());
    }

    public static PublicKey parse(String pem, String where) throws SignatureException {
        int begin = pem.indexOf("-----BEGIN PUBLIC KEY-----");
        int end = pem.indexOf("-----END PUBLIC KEY-----");
        if (begin < 0 || end < begin) {
            throw new SignatureException(where + ": not a PEM public key (-----BEGIN PUBLIC KEY-----, as cosign generate-key-pair writes cosign.pub)");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.substring(begin + 26, end));
        } catch (IllegalArgumentException e) {
            throw new SignatureException(where + ": the PEM block is not base64");
        }
        return fromDer(der, where);
    }

    /** A DER SubjectPublicKeyInfo: ECDSA, RSA or Ed25519. */
    static PublicKey fromDer(byte[] der, String where) throws SignatureException {
        for (String alg : new String[] {"EC", "RSA", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new SignatureException(where + ": not an ECDSA, RSA or Ed25519 public key");
    }

    /** The JCA signature algorithm cosign uses with a key: SHA-256 with ECDSA (DER signature) or RSA PKCS#1 v1.5, or Ed25519. */
    static String algorithm(PublicKey key) {
        return switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> "Ed25519";
        };
    }
}
