package dev.kubeward.cli;

import dev.kubeward.check.CheckRegistry;
import dev.kubeward.check.Config;
import dev.kubeward.policy.cel.CelVersion;
import dev.kubeward.server.AdmissionEndpoints;
import dev.kubeward.server.AdmissionEngine;
import dev.kubeward.server.AdmissionReview;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The webhook's answer without the network: the engine {@code serve} builds (every default check,
 * Pod Security, the CEL policies of POLICY-DIR), answering the review of REVIEW-FILE through
 * {@link AdmissionEndpoints#answer} (parse, decide, write) on THREADS threads at once, CALLS times
 * each after a warm-up: the CPU time per answer on each thread, which a loaded host disturbs less
 * than wall time. Set beside the server's CPU per review over HTTPS (bench/serve-bench.sh), it
 * says what TLS, HTTP and Jetty cost. Usage: {@code ServeEngineCost REVIEW-FILE POLICY-DIR THREADS CALLS}.
 */
public final class ServeEngineCost {
    private ServeEngineCost() {}

    public static void main(String[] a) throws Exception {
        byte[] body = Files.readAllBytes(Path.of(a[0]));
        AdmissionEngine engine = ServeCommand.engine(CheckRegistry.builtIn(), Config.DEFAULT, List.of(a[1]), CelVersion.NEWEST, null);
        AdmissionEndpoints endpoints = new AdmissionEndpoints(engine);
        int threads = Integer.parseInt(a[2]);
        int calls = Integer.parseInt(a[3]);
        for (int i = 0; i < 5_000; i++) {
            endpoints.answer(AdmissionReview.parse(body));
        }
        var mx = ManagementFactory.getThreadMXBean();
        for (int round = 1; round <= 3; round++) {
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> workers = new ArrayList<>();
            double[] cpu = new double[threads];
            long wall0 = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                int me = t;
                Thread w = new Thread(() -> {
                    try {
                        go.await();
                        long c0 = mx.getCurrentThreadCpuTime();
                        for (int i = 0; i < calls; i++) {
                            endpoints.answer(AdmissionReview.parse(body));
                        }
                        cpu[me] = (mx.getCurrentThreadCpuTime() - c0) / 1e3 / calls;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                w.start();
                workers.add(w);
            }
            go.countDown();
            for (Thread w : workers) {
                w.join();
            }
            double wall = (System.nanoTime() - wall0) / 1e9;
            StringBuilder per = new StringBuilder();
            for (double c : cpu) {
                per.append(String.format(" %.0f", c));
            }
            System.out.printf("round %d, %d thread(s): CPU per answer (us):%s; %.0f answers/s%n", round, threads, per,
                    threads * (double) calls / wall);
        }
    }
}
