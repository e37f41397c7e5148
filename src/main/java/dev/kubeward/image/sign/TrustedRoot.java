package dev.kubeward.image.sign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A Sigstore {@code trusted_root.json} (protobuf-specs {@code dev.sigstore.trustroot.v1.TrustedRoot}
 * in its JSON form): the certificate authorities (Fulcio) whose chains keyless certificates must
 * chain to, and the transparency logs (Rekor) whose keys sign entry timestamps and checkpoints, each
 * valid for a window of time. The CT logs and timestamp authorities it lists are counted, not used
 * (SCTs and RFC 3161 timestamps are not verified).
 */
public final class TrustedRoot {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String MEDIA_TYPE_PREFIX = "application/vnd.dev.sigstore.trustedroot";

    /** A window of validity; {@code end} null when open. */
    public record Window(Instant start, Instant end) {
        public boolean contains(Instant t) {
            return (start == null || !t.isBefore(start)) && (end == null || !t.isAfter(end));
        }

        @Override
        public String toString() {
            return (start == null ? "any time" : start.toString()) + " to " + (end == null ? "now" : end.toString());
        }
    }

    /**
     * A certificate authority: its chain as the root lists it (intermediates first, the root last).
     */
    public record Authority(String uri, List<X509Certificate> chain, Window validFor) {}

    /** A transparency log: its key, the key's id (SHA-256 of its DER SubjectPublicKeyInfo) and when the key was valid. */
    public record Log(String baseUrl, byte[] keyId, PublicKey key, Window validFor) {
        public String keyIdHex() {
            return Hex.hex(keyId);
        }
    }

    private final String source;
    private final List<Authority> authorities;
    private final List<Log> tlogs;
    private final int ctlogs;
    private final int timestampAuthorities;

    private TrustedRoot(String source, List<Authority> authorities, List<Log> tlogs, int ctlogs, int tsas) {
        this.source = source;
        this.authorities = List.copyOf(authorities);
        this.tlogs = List.copyOf(tlogs);
        this.ctlogs = ctlogs;
        this.timestampAuthorities = tsas;
    }

    public String source() {
        return source;
    }

    public List<Authority> authorities() {
        return authorities;
    }

    public List<Log> tlogs() {
        return tlogs;
    }

    public int ctlogs() {
        return ctlogs;
    }

    public int timestampAuthorities() {
        return timestampAuthorities;
    }

    /** The transparency log of a key id, if the root lists it. */
    public Log tlog(byte[] keyId) {
        for (Log l : tlogs) {
            if (Arrays.equals(l.keyId(), keyId)) {
                return l;
            }
        }
        return null;
    }

    public static TrustedRoot read(Path file) throws SignatureException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new SignatureException(file + ": unreadable (" + e.getMessage() + ")");
        }
        return parse(bytes, file.toString());
    }

    public static TrustedRoot parse(byte[] bytes, String where) throws SignatureException {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new SignatureException(where + ":" + (e.getLocation() == null ? 0 : e.getLocation().getLineNr())
                    + ": not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new SignatureException(where + ": unreadable (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new SignatureException(where + ": not a trusted root (a JSON object with certificateAuthorities and tlogs)");
        }
        String mediaType = root.path("mediaType").asText("");
        if (!mediaType.startsWith(MEDIA_TYPE_PREFIX)) {
            throw new SignatureException(where + ": mediaType is '" + mediaType + "', not " + MEDIA_TYPE_PREFIX
                    + "+json;version=0.1 (a Sigstore trusted_root.json)");
        }
        List<Authority> cas = new ArrayList<>();
        JsonNode list = root.path("certificateAuthorities");
        for (int i = 0; i < list.size(); i++) {
            String at = where + ": certificateAuthorities[" + i + "]";
            JsonNode ca = list.get(i);
            List<X509Certificate> chain = new ArrayList<>();
            JsonNode certs = ca.path("certChain").path("certificates");
            for (int j = 0; j < certs.size(); j++) {
                chain.add(certificate(certs.get(j).path("rawBytes").asText(""), at + ".certChain.certificates[" + j + "]"));
            }
            if (chain.isEmpty()) {
                throw new SignatureException(at + ": certChain has no certificates");
            }
            cas.add(new Authority(ca.path("uri").asText(""), List.copyOf(chain), window(ca.path("validFor"), at + ".validFor")));
        }
        List<Log> logs = new ArrayList<>();
        list = root.path("tlogs");
        for (int i = 0; i < list.size(); i++) {
            String at = where + ": tlogs[" + i + "]";
            JsonNode t = list.get(i);
            JsonNode pk = t.path("publicKey");
            byte[] der = base64(pk.path("rawBytes").asText(""), at + ".publicKey.rawBytes");
            PublicKey key = PublicKeys.fromDer(der, at + ".publicKey");
            byte[] keyId = base64(t.path("logId").path("keyId").asText(""), at + ".logId.keyId");
            byte[] computed = sha256(der);
            if (!Arrays.equals(keyId, computed)) {
                throw new SignatureException(at + ": logId.keyId is not the SHA-256 of its public key (" + Hex.hex(keyId)
                        + ", not " + Hex.hex(computed) + ")");
            }
            logs.add(new Log(t.path("baseUrl").asText(""), keyId, key, window(pk.path("validFor"), at + ".publicKey.validFor")));
        }
        if (cas.isEmpty() || logs.isEmpty()) {
            throw new SignatureException(where + ": a trusted root for keyless verification needs certificateAuthorities "
                    + "and tlogs (it has " + cas.size() + " and " + logs.size() + ")");
        }
        return new TrustedRoot(where, cas, logs, root.path("ctlogs").size(), root.path("timestampAuthorities").size());
    }

    static X509Certificate certificate(String base64Der, String where) throws SignatureException {
        return certificate(base64(base64Der, where), where);
    }

    static X509Certificate certificate(byte[] der, String where) throws SignatureException {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            throw new SignatureException(where + ": not an X.509 certificate (" + e.getMessage() + ")");
        }
    }

    private static Window window(JsonNode node, String where) throws SignatureException {
        return new Window(instant(node.get("start"), where + ".start"), instant(node.get("end"), where + ".end"));
    }

    private static Instant instant(JsonNode n, String where) throws SignatureException {
        if (n == null || n.isNull()) {
            return null;
        }
        try {
            return Instant.parse(n.asText());
        } catch (DateTimeParseException e) {
            throw new SignatureException(where + ": '" + n.asText() + "' is not an RFC 3339 time");
        }
    }

    static byte[] base64(String text, String where) throws SignatureException {
        if (text.isEmpty()) {
            throw new SignatureException(where + ": missing");
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new SignatureException(where + ": not base64");
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is in every JDK", e);
        }
    }

    /** Lowercase hex. */
    static final class Hex {
        private Hex() {}

        static String hex(byte[] b) {
            return java.util.HexFormat.of().formatHex(b);
        }
    }
}
