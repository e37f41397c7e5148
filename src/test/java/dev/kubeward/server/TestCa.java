package dev.kubeward.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A certificate authority made at test time with the JDK's keytool (no committed keys): a CA
 * certificate and leaf pairs it signs for localhost and 127.0.0.1, written as the PEM files a
 * kubernetes.io/tls Secret holds.
 */
final class TestCa {
    private static final String PASS = "changeit";
    final Path dir;
    final Path caStore;
    final X509Certificate caCert;

    TestCa(Path dir) throws Exception {
        this.dir = dir;
        this.caStore = dir.resolve("ca.p12");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=kubeward test CA",
                "-ext", "bc:c", "-validity", "2", "-keystore", caStore.toString(), "-storetype", "PKCS12", "-storepass", PASS);
        KeyStore ks = load(caStore);
        caCert = (X509Certificate) ks.getCertificate("ca");
    }

    /** A client context that trusts this CA only. */
    SSLContext clientContext(String... protocols) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", caCert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance(protocols.length == 0 ? "TLS" : protocols[0]);
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    enum KeyFormat { PKCS8, PKCS1_RSA, SEC1_EC }

    /**
     * A leaf signed by the CA, written to {@code cert} (leaf then CA, as cert-manager writes
     * tls.crt) and {@code key}.
     */
    X509Certificate issue(String name, KeyFormat format, Path cert, Path key) throws Exception {
        Path store = dir.resolve(name + ".p12");
        Files.deleteIfExists(store);
        String alg = format == KeyFormat.PKCS1_RSA ? "RSA" : "EC";
        if (alg.equals("RSA")) {
            keytool("-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=" + name,
                    "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", PASS);
        } else {
            keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                    "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", PASS);
        }
        Path csr = dir.resolve(name + ".csr");
        Path signed = dir.resolve(name + ".crt");
        keytool("-certreq", "-alias", name, "-keystore", store.toString(), "-storepass", PASS, "-file", csr.toString());
        keytool("-gencert", "-alias", "ca", "-keystore", caStore.toString(), "-storepass", PASS, "-infile", csr.toString(),
                "-outfile", signed.toString(), "-rfc", "-validity", "2", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-ext", "EKU=serverAuth");
        X509Certificate leaf;
        try (InputStream in = Files.newInputStream(signed)) {
            leaf = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        PrivateKey pk = (PrivateKey) load(store).getKey(name, PASS.toCharArray());
        String keyPem = switch (format) {
            case PKCS8 -> pem("PRIVATE KEY", pk.getEncoded());
            case PKCS1_RSA -> pem("RSA PRIVATE KEY", innerKey(pk.getEncoded()));
            case SEC1_EC -> pem("EC PRIVATE KEY", sec1(pk.getEncoded()));
        };
        String chain = pem("CERTIFICATE", leaf.getEncoded()) + pem("CERTIFICATE", caCert.getEncoded());
        // Written beside and moved, as the kubelet swaps a Secret volume's files.
        Path tmpCert = Files.createTempFile(dir, "crt", ".tmp");
        Path tmpKey = Files.createTempFile(dir, "key", ".tmp");
        Files.writeString(tmpCert, chain, StandardCharsets.US_ASCII);
        Files.writeString(tmpKey, keyPem, StandardCharsets.US_ASCII);
        Files.move(tmpKey, key, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Files.move(tmpCert, cert, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return leaf;
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** The OCTET STRING of a PKCS#8 PrivateKeyInfo: PKCS#1 for RSA. */
    static byte[] innerKey(byte[] pkcs8) throws Exception {
        TlsFiles.Der.Reader seq = new TlsFiles.Der.Reader(pkcs8).enter(0x30);
        seq.next(0x02);
        seq.next(0x30);
        return seq.next(0x04);
    }

    /** SEC1 with the curve in [0], as openssl ec writes it (the JDK's PKCS#8 inner key has no parameters). */
    static byte[] sec1(byte[] pkcs8) throws Exception {
        TlsFiles.Der.Reader seq = new TlsFiles.Der.Reader(pkcs8).enter(0x30);
        seq.next(0x02);
        TlsFiles.Der.Reader alg = seq.enter(0x30);
        alg.next(0x06);
        byte[] curveOid = TlsFiles.Der.tlv(0x06, alg.next(0x06));
        byte[] inner = seq.next(0x04);
        TlsFiles.Der.Reader ec = new TlsFiles.Der.Reader(inner).enter(0x30);
        ec.next(0x02);
        byte[] priv = ec.next(0x04);
        return TlsFiles.Der.sequence(TlsFiles.Der.concat(new byte[] {0x02, 0x01, 0x01}, TlsFiles.Der.tlv(0x04, priv),
                TlsFiles.Der.tlv(0xa0, curveOid)));
    }

    private static KeyStore load(Path store) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASS.toCharArray());
        }
        return ks;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(keytool.toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + out);
        }
    }

}
