package dev.kubeward.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kubeward serve as a process: SIGTERM while a review is in flight lets it finish, then the process ends. */
class ServeProcessTest {
    @TempDir
    Path dir;

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void sigtermDrainsTheReviewInFlight() throws Exception {
        TestCa ca = new TestCa(dir);
        Path cert = dir.resolve("tls.crt");
        Path key = dir.resolve("tls.key");
        ca.issue("serve", TestCa.KeyFormat.PKCS1_RSA, cert, key);
        int port = freePort();
        Path errFile = dir.resolve("err.txt");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "dev.kubeward.cli.Main", "serve",
                "--tls-cert", cert.toString(), "--tls-key", key.toString(), "--port", Integer.toString(port),
                "--metrics-port", "-1", "--address", "127.0.0.1", "--warmup", "600"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(errFile.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(errFile).contains("listening on")) {
                assertThat(p.isAlive()).as(Files.readString(errFile)).isTrue();
                assertThat(System.nanoTime()).as("started").isLessThan(deadline);
                Thread.sleep(100);
            }
            // Warming up (10 minutes or 60,000 reviews: long after this test): alive, not ready, and reviews are answered.
            assertThat(probe(ca, port, "/healthz")).startsWith("HTTP/1.1 200");
            assertThat(probe(ca, port, "/readyz")).startsWith("HTTP/1.1 503").endsWith("not ready");
            byte[] review = Reviews.bytes(Reviews.create(Reviews.yaml(AdmissionEngineTest.PRIVILEGED_POD), "shop"));
            try (SSLSocket s = (SSLSocket) ca.clientContext().getSocketFactory().createSocket("127.0.0.1", port)) {
                s.setSoTimeout(20_000);
                OutputStream out = s.getOutputStream();
                out.write(("POST /validate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                        + review.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(review, 0, review.length / 2);
                out.flush();
                Thread.sleep(300);
                p.destroy(); // SIGTERM
                long stopAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!Files.readString(errFile).contains("stopping")) {
                    assertThat(System.nanoTime()).as("stopping").isLessThan(stopAt);
                    Thread.sleep(20);
                }
                Thread.sleep(300);
                // A new connection is no longer accepted while the old one drains.
                boolean refused;
                try (SSLSocket other = (SSLSocket) ca.clientContext().getSocketFactory().createSocket("127.0.0.1", port)) {
                    other.setSoTimeout(2000);
                    other.startHandshake();
                    refused = false;
                } catch (java.io.IOException e) {
                    refused = true;
                }
                assertThat(refused).as("new connections during the drain").isTrue();
                out.write(review, review.length / 2, review.length - review.length / 2);
                out.flush();
                InputStream in = s.getInputStream();
                String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                assertThat(answer).startsWith("HTTP/1.1 200").contains("\"allowed\":false");
            }
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isIn(0, 143);
            assertThat(Files.readString(errFile)).contains("letting 1 review(s) in flight finish").doesNotContain("Exception");
        } finally {
            p.destroyForcibly();
        }
    }


    private static String probe(TestCa ca, int port, String path) throws Exception {
        try (SSLSocket s = (SSLSocket) ca.clientContext().getSocketFactory().createSocket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }
}
