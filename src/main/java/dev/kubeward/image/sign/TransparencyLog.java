package dev.kubeward.image.sign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * What a Rekor entry proves, checked offline with the log's key from the trusted root:
 *
 * <ul>
 *   <li>the signed entry timestamp (SET, the log's "inclusion promise"): the log's signature over the
 *       canonical JSON (RFC 8785) of {@code {body, integratedTime, logID, logIndex}}, the body in base64
 *       and the log id in hex, as Rekor signs it; it is what proves the integrated time;</li>
 *   <li>the inclusion proof: the Merkle audit path of RFC 6962 / RFC 9162 (leaf {@code SHA-256(0x00 ||
 *       body)}, nodes {@code SHA-256(0x01 || left || right)}) from the entry to the root hash, and the
 *       checkpoint that commits to that root and tree size, a signed note (C2SP signed-note: the body's
 *       lines, a blank line, then {@code — NAME base64(keyhint || signature)} lines, the key hint the
 *       first four bytes of the SHA-256 of the log's DER public key) signed by the log's key.</li>
 * </ul>
 */
public final class TransparencyLog {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TransparencyLog() {}

    /** The bytes a SET signs. */
    static byte[] setPayload(String bodyBase64, long integratedTime, String logIdHex, long logIndex) {
        try {
            // RFC 8785: members sorted by name, no whitespace; the strings here are base64 and hex.
            String json = "{\"body\":" + JSON.writeValueAsString(bodyBase64) + ",\"integratedTime\":" + integratedTime
                    + ",\"logID\":" + JSON.writeValueAsString(logIdHex) + ",\"logIndex\":" + logIndex + "}";
            return json.getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the SET verifies with the log's key. */
    static boolean setVerifies(PublicKey logKey, byte[] set, byte[] body, long integratedTime, byte[] logId, long logIndex) {
        return CosignVerifier.verifies(logKey, setPayload(Base64.getEncoder().encodeToString(body), integratedTime,
                TrustedRoot.Hex.hex(logId), logIndex), set);
    }

    static byte[] leafHash(byte[] entry) {
        byte[] b = new byte[entry.length + 1];
        b[0] = 0;
        System.arraycopy(entry, 0, b, 1, entry.length);
        return TrustedRoot.sha256(b);
    }

    static byte[] nodeHash(byte[] left, byte[] right) {
        byte[] b = new byte[1 + left.length + right.length];
        b[0] = 1;
        System.arraycopy(left, 0, b, 1, left.length);
        System.arraycopy(right, 0, b, 1 + left.length, right.length);
        return TrustedRoot.sha256(b);
    }

    /**
     * The root hash an inclusion proof leads to (RFC 9162 section 2.1.3.2), or null when the proof cannot
     * be for that index in a tree of that size (index out of range, a path too long or too short).
     */
    static byte[] rootFromInclusionProof(long index, long treeSize, byte[] leafHash, List<byte[]> path) {
        if (index < 0 || treeSize <= 0 || index >= treeSize) {
            return null;
        }
        long fn = index;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (sn == 0) {
                return null;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 ? r : null;
    }

    /** A checkpoint's body: the log's origin, the tree size and its root hash. */
    record Checkpoint(String origin, long size, byte[] rootHash) {}

    /**
     * Reads a checkpoint and verifies that one of its signatures is the log's; the reason it is not
     * is the exception's message.
     */
    static Checkpoint verifyCheckpoint(String envelope, PublicKey logKey, byte[] logKeyDer) throws SignatureException {
        int blank = envelope.indexOf("\n\n");
        if (blank < 0) {
            throw new SignatureException("the checkpoint is not a signed note (no blank line before its signatures)");
        }
        String body = envelope.substring(0, blank + 1);
        String[] lines = body.split("\n", -1);
        if (lines.length < 4) {
            throw new SignatureException("the checkpoint's body has fewer than three lines (origin, size, root hash)");
        }
        long size;
        byte[] root;
        try {
            size = Long.parseLong(lines[1]);
            root = Base64.getDecoder().decode(lines[2]);
        } catch (IllegalArgumentException e) {
            throw new SignatureException("the checkpoint's size or root hash cannot be read");
        }
        byte[] hint = Arrays.copyOf(TrustedRoot.sha256(logKeyDer), 4);
        List<String> names = new ArrayList<>();
        for (String line : envelope.substring(blank + 2).split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if (!line.startsWith("\u2014 ")) {
                throw new SignatureException("the checkpoint has a signature line that does not start with an em dash");
            }
            String[] f = line.substring(2).split(" ");
            if (f.length != 2) {
                throw new SignatureException("the checkpoint has a signature line that is not '— NAME SIGNATURE'");
            }
            names.add(f[0]);
            byte[] sig;
            try {
                sig = Base64.getDecoder().decode(f[1]);
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (sig.length > 4 && Arrays.equals(Arrays.copyOf(sig, 4), hint)
                    && CosignVerifier.verifies(logKey, body.getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(sig, 4, sig.length))) {
                return new Checkpoint(lines[0], size, root);
            }
        }
        throw new SignatureException("no signature of the checkpoint (" + String.join(", ", names)
                + ") verifies with the log's key");
    }
}
