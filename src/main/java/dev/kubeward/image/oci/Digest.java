package dev.kubeward.image.oci;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A content digest as the OCI image specification writes it, {@code algorithm:encoded}. sha256 and
 * sha512 are the registered algorithms and the only ones read; the encoded part must be lowercase
 * hex of the algorithm's length (the specification's grammar), so that a digest can name a file
 * under {@code blobs/} without reaching outside it.
 */
public record Digest(String algorithm, String hex) {
    private static final Pattern SHA256 = Pattern.compile("[a-f0-9]{64}");
    private static final Pattern SHA512 = Pattern.compile("[a-f0-9]{128}");

    /** Parses {@code sha256:…}; throws {@link IllegalArgumentException} with a sentence for anything else. */
    public static Digest parse(String s) {
        if (s == null) {
            throw new IllegalArgumentException("no digest");
        }
        int colon = s.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("'" + s + "' is not a digest (algorithm:hex)");
        }
        String alg = s.substring(0, colon);
        String hex = s.substring(colon + 1);
        Pattern p = switch (alg) {
            case "sha256" -> SHA256;
            case "sha512" -> SHA512;
            default -> throw new IllegalArgumentException("'" + s + "': digest algorithm '" + alg + "' is not sha256 or sha512");
        };
        if (!p.matcher(hex).matches()) {
            throw new IllegalArgumentException("'" + s + "' is not a " + alg + " digest (lowercase hex of "
                    + (alg.equals("sha256") ? 64 : 128) + " digits)");
        }
        return new Digest(alg, hex);
    }

    /** The digest of {@code bytes} with this digest's algorithm. */
    public static Digest sha256(byte[] bytes) {
        return new Digest("sha256", HexFormat.of().formatHex(messageDigest("sha256").digest(bytes)));
    }

    public MessageDigest newMessageDigest() {
        return messageDigest(algorithm);
    }

    static MessageDigest messageDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm.equals("sha256") ? "SHA-256" : "SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code bytes} have this digest. */
    public boolean matches(byte[] bytes) {
        return HexFormat.of().formatHex(newMessageDigest().digest(bytes)).equals(hex);
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}
