package dev.kubeward.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server over real TLS: JDK HttpClient and sockets against a running Jetty with a test CA's certificate. */
class WebhookServerTest {
    @TempDir
    Path dir;

    TestCa ca;
    Path cert;
    Path key;
    X509Certificate first;
    WebhookServer server;
    final List<String> log = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        ca = new TestCa(dir);
        cert = dir.resolve("tls.crt");
        key = dir.resolve("tls.key");
        first = ca.issue("first", TestCa.KeyFormat.PKCS8, cert, key);
        AdmissionEndpoints endpoints = new AdmissionEndpoints(Reviews.engine(null));
        server = new WebhookServer(new WebhookServer.Settings("127.0.0.1", 0, 0, cert, key, Duration.ofMillis(100),
                ServerLimits.DEFAULT.withBodyTimeout(Duration.ofSeconds(2))), List.of(endpoints.validateRoute()), List.of(),
                () -> true, log::add);
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    HttpClient client(HttpClient.Version version) throws Exception {
        return HttpClient.newBuilder().sslContext(ca.clientContext()).version(version).connectTimeout(Duration.ofSeconds(5)).build();
    }

    URI uri(String path) {
        return URI.create("https://localhost:" + server.tlsPort() + path);
    }

    HttpResponse<String> post(HttpClient c, String path, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return c.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void validatesOverHttp2AndHttp11WithTls12OrNewer() throws Exception {
        byte[] review = Reviews.bytes(Reviews.create(Reviews.yaml(AdmissionEngineTest.PRIVILEGED_POD), "shop"));
        for (HttpClient.Version v : HttpClient.Version.values()) {
            HttpResponse<String> r = post(client(v), "/validate", "application/json", review);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.version()).isEqualTo(v);
            assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
            assertThat(r.sslSession().orElseThrow().getProtocol()).isIn("TLSv1.2", "TLSv1.3");
            JsonNode resp = Reviews.JSON.readTree(r.body()).path("response");
            assertThat(resp.path("uid").asText()).isEqualTo("705ab4f5-6393-11e8-b7cc-42010a800002");
            assertThat(resp.path("allowed").asBoolean()).isFalse();
        }
        // A client that offers only TLS 1.2 is served; plain HTTP on the TLS port is not.
        SSLContext tls12 = ca.clientContext("TLSv1.2");
        HttpClient c12 = HttpClient.newBuilder().sslContext(tls12).build();
        HttpResponse<String> r = c12.send(HttpRequest.newBuilder(uri("/healthz")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.sslSession().orElseThrow().getProtocol()).isEqualTo("TLSv1.2");
        HttpClient plain = HttpClient.newHttpClient();
        assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.tlsPort() + "/healthz"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(java.io.IOException.class);
    }

    @Test
    void tls11IsRefused() throws Exception {
        SSLContext ctx = ca.clientContext();
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", server.tlsPort())) {
            SSLParameters p = s.getSSLParameters();
            p.setProtocols(new String[] {"TLSv1.1"});
            s.setSSLParameters(p);
            assertThatThrownBy(s::startHandshake).isInstanceOf(javax.net.ssl.SSLException.class);
        }
    }

    @Test
    void probesAnswerOnBothPorts() throws Exception {
        HttpClient c = client(HttpClient.Version.HTTP_2);
        assertThat(c.send(HttpRequest.newBuilder(uri("/healthz")).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(c.send(HttpRequest.newBuilder(uri("/readyz")).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        HttpResponse<String> plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.plainPort() + "/readyz")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isEqualTo(200);
        // The webhook itself is on the TLS port only.
        HttpResponse<String> noWebhook = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.plainPort() + "/validate")).POST(HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noWebhook.statusCode()).isEqualTo(404);
    }

    @Test
    void wrongContentTypeMethodPathAndMalformedReviews() throws Exception {
        HttpClient c = client(HttpClient.Version.HTTP_1_1);
        byte[] review = Reviews.bytes(Reviews.create(Reviews.yaml(AdmissionEngineTest.PLAIN_POD), "shop"));
        HttpResponse<String> yaml = post(c, "/validate", "application/yaml", review);
        assertThat(yaml.statusCode()).isEqualTo(415);
        // The body was not read: the connection is closed after the answer, and the client is told so it does not reuse it.
        assertThat(yaml.headers().firstValue("connection")).hasValue("close");
        assertThat(post(c, "/validate", null, review).statusCode()).isEqualTo(415);
        assertThat(post(c, "/validate", "application/json; charset=utf-8", review).statusCode()).isEqualTo(200);
        assertThat(post(c, "/nothing", "application/json", review).statusCode()).isEqualTo(404);
        HttpResponse<String> get = c.send(HttpRequest.newBuilder(uri("/validate")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("allow")).hasValue("POST");
        HttpResponse<String> bad = post(c, "/validate", "application/json", "{\"kind\":\"AdmissionReview\"".getBytes(StandardCharsets.UTF_8));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).startsWith("malformed AdmissionReview: the body is not JSON");
        // The server still answers after all of it.
        assertThat(post(c, "/validate", "application/json", review).statusCode()).isEqualTo(200);
    }

    /** Writes the request head and as much of the body as the server takes, and returns the status line. */
    private String raw(String head, byte[] body) throws Exception {
        try (SSLSocket s = (SSLSocket) ca.clientContext().getSocketFactory().createSocket("127.0.0.1", server.tlsPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            try {
                for (int off = 0; off < body.length; off += 64 * 1024) {
                    out.write(body, off, Math.min(64 * 1024, body.length - off));
                }
                out.flush();
            } catch (java.io.IOException refused) {
                // The server answered and closed before the whole body was sent: read the answer.
            }
            byte[] answer = s.getInputStream().readNBytes(12);
            return new String(answer, StandardCharsets.US_ASCII);
        }
    }

    @Test
    void oversizedBodiesAreRefusedDeclaredOrStreamed() throws Exception {
        int max = ServerLimits.API_SERVER_MAX_REQUEST_BYTES;
        // Declared: refused before a byte of the body is read.
        assertThat(raw("POST /validate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                + (max + 1) + "\r\n\r\n", new byte[0])).isEqualTo("HTTP/1.1 413");
        // Chunked, with no length announced: refused once the limit is passed.
        ByteArrayOutputStreamWithChunks chunks = new ByteArrayOutputStreamWithChunks();
        byte[] piece = new byte[64 * 1024];
        java.util.Arrays.fill(piece, (byte) ' ');
        for (int sent = 0; sent <= max; sent += piece.length) {
            chunks.chunk(piece);
        }
        chunks.end();
        assertThat(raw("POST /validate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
                chunks.toByteArray())).isEqualTo("HTTP/1.1 413");
        // A body at the limit is read (and here refused as no review).
        byte[] atLimit = new byte[max];
        java.util.Arrays.fill(atLimit, (byte) ' ');
        assertThat(post(client(HttpClient.Version.HTTP_2), "/validate", "application/json", atLimit).statusCode()).isEqualTo(400);
        byte[] review = Reviews.bytes(Reviews.create(Reviews.yaml(AdmissionEngineTest.PLAIN_POD), "shop"));
        assertThat(post(client(HttpClient.Version.HTTP_2), "/validate", "application/json", review).statusCode()).isEqualTo(200);
    }

    private static final class ByteArrayOutputStreamWithChunks extends java.io.ByteArrayOutputStream {
        void chunk(byte[] b) {
            writeBytes((Integer.toHexString(b.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            writeBytes(b);
            writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }

        void end() {
            writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Test
    void aSlowBodyIsCutOffAtTheDeadline() throws Exception {
        SSLContext ctx = ca.clientContext();
        long start = System.nanoTime();
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", server.tlsPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /validate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            // One byte a second, well above nothing but below the minimum rate; the 2 s deadline ends it.
            String answer = null;
            for (int i = 0; i < 8 && answer == null; i++) {
                try {
                    out.write(' ');
                    out.flush();
                } catch (java.io.IOException closed) {
                    break;
                }
                Thread.sleep(500);
                if (in.available() > 0) {
                    answer = new String(in.readNBytes(in.available()), StandardCharsets.US_ASCII);
                }
            }
            if (answer == null) {
                // The status line and headers, or nothing when the server closes: an SSL socket's
                // available() says 0 until a read, and the server may keep the connection open
                // after its 408, so reading a fixed count would wait for bytes that never come.
                StringBuilder head = new StringBuilder();
                int b;
                while (head.indexOf("\r\n\r\n") < 0 && (b = in.read()) >= 0) {
                    head.append((char) b);
                }
                answer = head.toString();
            }
            assertThat(answer).satisfiesAnyOf(a -> assertThat(a).startsWith("HTTP/1.1 408"), a -> assertThat(a).isEmpty());
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        byte[] review = Reviews.bytes(Reviews.create(Reviews.yaml(AdmissionEngineTest.PLAIN_POD), "shop"));
        assertThat(post(client(HttpClient.Version.HTTP_2), "/validate", "application/json", review).statusCode()).isEqualTo(200);
    }

    @Test
    void certificateAndKeyAreReloadedWhenTheyChange() throws Exception {
        HttpClient before = client(HttpClient.Version.HTTP_1_1);
        HttpResponse<String> r = before.send(HttpRequest.newBuilder(uri("/healthz")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(((X509Certificate) r.sslSession().orElseThrow().getPeerCertificates()[0]).getSerialNumber())
                .isEqualTo(first.getSerialNumber());
        X509Certificate second = ca.issue("second", TestCa.KeyFormat.PKCS1_RSA, cert, key);
        waitFor(() -> server.reloads() >= 1);
        HttpResponse<String> after = client(HttpClient.Version.HTTP_1_1).send(HttpRequest.newBuilder(uri("/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(((X509Certificate) after.sslSession().orElseThrow().getPeerCertificates()[0]).getSerialNumber())
                .isEqualTo(second.getSerialNumber());
        // The connection opened before the rotation still works.
        assertThat(before.send(HttpRequest.newBuilder(uri("/healthz")).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

        // A half-rotated pair (a new key with the old certificate) is refused and the served pair kept.
        // (The rotation above may itself have been seen half done, key moved and certificate not
        // yet: a refusal then, cleared by the reload that followed. So count from here: waiting
        // for "at least one refusal" was met at once under load, with no error left to read.)
        long refusedBefore = server.reloadFailures();
        Path otherCert = dir.resolve("other.crt");
        ca.issue("third", TestCa.KeyFormat.SEC1_EC, otherCert, key);
        waitFor(() -> server.reloadFailures() > refusedBefore);
        assertThat(server.lastReloadError()).contains("does not belong");
        HttpResponse<String> still = client(HttpClient.Version.HTTP_2).send(HttpRequest.newBuilder(uri("/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(((X509Certificate) still.sslSession().orElseThrow().getPeerCertificates()[0]).getSerialNumber())
                .isEqualTo(second.getSerialNumber());
        java.nio.file.Files.copy(otherCert, cert, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        waitFor(() -> server.reloads() >= 2);
        assertThat(log).anyMatch(l -> l.contains("certificate reloaded (CN=third"));
    }

    @Test
    void badPairsFailAtStartWithTheFileNamed() throws Exception {
        Path junk = Reviews.write(dir, "junk.crt", "not a certificate");
        assertThatThrownBy(() -> TlsFiles.load(junk, key)).hasMessageContaining("junk.crt: no PEM certificate");
        Path enc = Reviews.write(dir, "enc.key", "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");
        assertThatThrownBy(() -> TlsFiles.load(cert, enc)).hasMessageContaining("enc.key: the private key is encrypted");
        assertThatThrownBy(() -> TlsFiles.load(dir.resolve("missing.crt"), key)).hasMessageContaining("missing.crt: cannot read");
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(50);
        }
    }

    @Test
    void probesAndMetricsAnswerWhileSlowBodiesHoldEveryRequestSlot() throws Exception {
        // 4 request slots, bodies allowed 60 s at any rate: a slowloris holds them all.
        ServerLimits limits = new ServerLimits(ServerLimits.API_SERVER_MAX_REQUEST_BYTES, 64, 4, 16, 2048, Duration.ofSeconds(60),
                Duration.ofSeconds(60), 0, Duration.ofSeconds(1));
        AdmissionEndpoints endpoints = new AdmissionEndpoints(Reviews.engine(null));
        ServeMetrics metrics = new ServeMetrics();
        WebhookServer small = new WebhookServer(new WebhookServer.Settings("127.0.0.1", 0, 0, cert, key, Duration.ofSeconds(60), limits),
                List.of(endpoints.validateRoute()), List.of(metrics.route()), () -> true, log::add);
        small.start();
        List<SSLSocket> slow = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                SSLSocket s = (SSLSocket) ca.clientContext().getSocketFactory().createSocket("127.0.0.1", small.tlsPort());
                s.getOutputStream().write(("POST /validate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 100000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                slow.add(s);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (small.inFlight() < 4) {
                assertThat(System.nanoTime()).as("the slow bodies hold the slots").isLessThan(deadline);
                Thread.sleep(20);
            }
            // Every slot is held: a review now waits for one (up to the body timeout), but the
            // probes and the metrics do not take a slot, on either port.
            for (String path : List.of("/healthz", "/readyz")) {
                try (SSLSocket s = (SSLSocket) ca.clientContext().getSocketFactory().createSocket("127.0.0.1", small.tlsPort())) {
                    s.setSoTimeout(20_000);
                    s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    assertThat(new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200");
                }
                HttpResponse<String> plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + small.plainPort() + path)).timeout(Duration.ofSeconds(20)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(plain.statusCode()).isEqualTo(200);
            }
            HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + small.plainPort() + "/metrics")).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(small.inFlight()).isGreaterThanOrEqualTo(4); // the slow bodies still hold their slots
        } finally {
            for (SSLSocket s : slow) {
                s.close();
            }
            small.stop();
        }
    }
}
