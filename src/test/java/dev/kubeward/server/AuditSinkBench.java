package dev.kubeward.server;

import dev.kubeward.runtime.DetectionContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The audit webhook sink under the API server's default batching: BATCHES_PER_SECOND EventLists of
 * EVENTS events each (10 and 400 by default: --audit-webhook-batch-throttle-qps 10,
 * --audit-webhook-batch-max-size 400) POSTed over HTTPS for SECONDS, from the events of an audit
 * corpus (AuditCorpusGenerator). Prints the time to answer each batch (p50, p99, max), and whether
 * the detections kept up (queue depth at the end, events processed).
 * Usage: {@code AuditSinkBench CORPUS [SECONDS] [BATCHES_PER_SECOND] [EVENTS]} (bench/audit-bench.sh).
 */
public final class AuditSinkBench {
    private AuditSinkBench() {}

    public static void main(String[] args) throws Exception {
        List<String> lines = new ArrayList<>();
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int qps = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int size = args.length > 3 ? Integer.parseInt(args[3]) : 400;
        try (var reader = Files.newBufferedReader(Path.of(args[0]))) {
            String l;
            while ((l = reader.readLine()) != null && lines.size() < seconds * qps * size) {
                lines.add(l);
            }
        }
        Path dir = Files.createTempDirectory("kubeward-sink-bench");
        TestCa ca = new TestCa(dir);
        ca.issue("bench", TestCa.KeyFormat.PKCS8, dir.resolve("tls.crt"), dir.resolve("tls.key"));
        ServeMetrics metrics = new ServeMetrics();
        AtomicLong alerts = new AtomicLong();
        AuditEndpoint audit = new AuditEndpoint(DetectionContext.defaults(), metrics.registry(), a -> alerts.incrementAndGet(),
                AuditEndpoint.DEFAULT_QUEUE_EVENTS);
        WebhookServer server = new WebhookServer(new WebhookServer.Settings("127.0.0.1", 0, -1, dir.resolve("tls.crt"),
                dir.resolve("tls.key"), Duration.ofSeconds(10), null), List.of(audit.route()), List.of(), () -> true, line -> {});
        server.start();
        HttpClient client = HttpClient.newBuilder().sslContext(ca.clientContext()).version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create("https://localhost:" + server.tlsPort() + "/audit");
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i + size <= lines.size(); i += size) {
            bodies.add(("{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"metadata\":{},\"items\":["
                    + String.join(",", lines.subList(i, i + size)) + "]}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        List<Long> micros = Collections.synchronizedList(new ArrayList<>());
        List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService ticks = Executors.newScheduledThreadPool(4);
        AtomicLong next = new AtomicLong();
        long start = System.nanoTime();
        ticks.scheduleAtFixedRate(() -> {
            int i = (int) next.getAndIncrement();
            if (i >= bodies.size()) {
                return;
            }
            long t0 = System.nanoTime();
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i))).build(), HttpResponse.BodyHandlers.discarding());
                statuses.add(r.statusCode());
            } catch (Exception e) {
                statuses.add(-1);
            }
            micros.add((System.nanoTime() - t0) / 1000);
        }, 0, 1_000_000 / qps, TimeUnit.MICROSECONDS);
        while (micros.size() < bodies.size()) {
            Thread.sleep(50);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long total = (long) bodies.size() * size;
        long deadline = System.currentTimeMillis() + 60_000;
        while (audit.processed() < total && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        double drained = (System.nanoTime() - start) / 1e9;
        ticks.shutdownNow();
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        // The first second includes the JIT warming up; the steady state is the rest.
        List<Long> steady = new ArrayList<>(micros.subList(Math.min(qps, micros.size()), micros.size()));
        Collections.sort(steady);
        System.out.printf("%d batches of %d events at %d/s over %.1f s: answered p50 %.1f ms, p99 %.1f ms, max %.1f ms "
                        + "(after the first second: p99 %.1f ms, max %.1f ms); status %s; %,d events processed %.1f s after the "
                        + "first batch (%,d expected), queue %d at the end, %,d alerts%n",
                bodies.size(), size, qps, elapsed, pct(sorted, 50), pct(sorted, 99), sorted.get(sorted.size() - 1) / 1000.0,
                pct(steady, 99), steady.isEmpty() ? 0 : steady.get(steady.size() - 1) / 1000.0,
                statuses.stream().distinct().sorted().toList(), audit.processed(), drained, total, audit.queued(), alerts.get());
        server.stop();
        audit.close();
        System.exit(0);
    }

    private static double pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1000.0;
    }
}
