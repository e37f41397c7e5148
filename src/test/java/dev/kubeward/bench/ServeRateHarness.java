package dev.kubeward.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.model.Resource;
import dev.kubeward.source.ManifestLoader;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The load harness of bench/serve-bench.sh.
 *
 * <ul>
 *   <li>{@code review FILE KIND NAME}: prints an AdmissionReview (CREATE in namespace shop) of that
 *       object of FILE, for wrk's Lua script and the rate run.</li>
 *   <li>{@code rate URL CA.pem REVIEW.json RATE SECONDS CONNECTIONS}: sends reviews at a fixed rate
 *       (open loop: each request has an intended send time, one every 1/RATE s) over HTTP/1.1
 *       keep-alive TLS and reports latency percentiles measured from the intended send time, so a
 *       stall of the server is not hidden by the client waiting (no coordinated omission).</li>
 * </ul>
 */
public final class ServeRateHarness {
    private ServeRateHarness() {}

    public static void main(String[] args) throws Exception {
        if (args[0].equals("review")) {
            review(Path.of(args[1]), args[2], args[3]);
        } else {
            rate(URI.create(args[1]), Path.of(args[2]), Path.of(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]),
                    Integer.parseInt(args[6]));
        }
    }

    static void review(Path file, String kind, String name) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Resource r = new ManifestLoader().load(List.of(file.toString())).resources().stream()
                .filter(x -> x.kind().equals(kind) && name.equals(x.name())).findFirst().orElseThrow();
        String[] gv = r.apiVersion().contains("/") ? r.apiVersion().split("/") : new String[] {"", r.apiVersion()};
        ObjectNode root = json.createObjectNode();
        root.put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
        ObjectNode req = root.putObject("request");
        req.put("uid", "bench-0001");
        req.putObject("kind").put("group", gv[0]).put("version", gv[1]).put("kind", kind);
        req.putObject("resource").put("group", gv[0]).put("version", gv[1]).put("resource", kind.toLowerCase() + "s");
        req.put("name", name).put("namespace", "shop").put("operation", "CREATE");
        req.putObject("userInfo").put("username", "alice").putArray("groups").add("system:authenticated");
        req.set("object", r.object());
        req.put("dryRun", false);
        System.out.println(json.writeValueAsString(root));
    }

    static void rate(URI uri, Path caPem, Path reviewFile, int rate, int seconds, int connections) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        byte[] review = Files.readAllBytes(reviewFile);
        List<HttpClient> clients = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            clients.add(HttpClient.newBuilder().sslContext(ctx).version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newFixedThreadPool(2)).build());
        }
        HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofByteArray(review)).build();
        // Warm-up: the JIT and the connections, then the measured run.
        run(clients, request, rate, Math.min(10, seconds), false);
        run(clients, request, rate, seconds, true);
        System.exit(0);
    }

    private static void run(List<HttpClient> clients, HttpRequest request, int rate, int seconds, boolean report) throws Exception {
        int total = rate * seconds;
        long[] latency = new long[total];
        AtomicInteger errors = new AtomicInteger();
        CompletableFuture<?>[] all = new CompletableFuture<?>[total];
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime() + 50_000_000L;
        for (int i = 0; i < total; i++) {
            long intended = start + i * interval;
            long now;
            while ((now = System.nanoTime()) < intended) {
                LockSupport.parkNanos(Math.min(intended - now, 200_000));
            }
            int n = i;
            all[i] = clients.get(i % clients.size()).sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                    .whenComplete((r, e) -> {
                        latency[n] = System.nanoTime() - intended;
                        if (e != null || r.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    });
        }
        CompletableFuture.allOf(all).exceptionally(e -> null).join();
        long elapsed = System.nanoTime() - start;
        if (!report) {
            return;
        }
        long[] sorted = latency.clone();
        Arrays.sort(sorted);
        System.out.printf("rate %d/s for %d s: %d requests in %.2f s (%.0f/s), %d errors; latency from intended send time: "
                + "p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%n", rate, seconds, total, elapsed / 1e9,
                total / (elapsed / 1e9), errors.get(), pct(sorted, 50), pct(sorted, 90), pct(sorted, 99), pct(sorted, 99.9),
                sorted[sorted.length - 1] / 1e6);
    }

    private static double pct(long[] sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

}
