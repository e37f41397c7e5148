package dev.kubeward.bench;

import dev.kubeward.model.InputError;
import dev.kubeward.runtime.AuditEvent;
import dev.kubeward.runtime.AuditLogReader;
import dev.kubeward.runtime.DetectionContext;
import dev.kubeward.runtime.DetectionEngine;
import dev.kubeward.runtime.EventSink;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The audit-log path without the command line: read FILE with the reader and run every built-in
 * detection, RUNS times in one JVM (the first run includes warm-up); prints events per second of
 * each run, and of reading alone (one thread); read + detect parses on every core, as audit-log does. Usage: {@code AuditLogBench FILE [RUNS]} (bench/audit-bench.sh).
 */
public final class AuditLogBench {
    private AuditLogBench() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        for (int run = 1; run <= runs; run++) {
            long[] n = {0, 0, 0};
            long t0 = System.nanoTime();
            try (InputStream in = Files.newInputStream(file)) {
                new AuditLogReader().read(file.toString(), in, new EventSink() {
                    @Override
                    public void event(AuditEvent event) {
                        n[0]++;
                    }

                    @Override
                    public void error(InputError error) {
                        n[1]++;
                    }
                });
            }
            long t1 = System.nanoTime();
            DetectionEngine engine = DetectionEngine.builtIn(DetectionContext.defaults(), a -> n[2]++);
            try (InputStream in = Files.newInputStream(file)) {
                new AuditLogReader().parallel(Runtime.getRuntime().availableProcessors()).read(file.toString(), in, new EventSink() {
                    @Override
                    public void event(AuditEvent event) {
                        engine.accept(event);
                    }

                    @Override
                    public void error(InputError error) {
                        n[1]++;
                    }
                });
            }
            long t2 = System.nanoTime();
            System.out.printf("run %d: read %,d events in %.2f s (%,.0f/s); read + detect %.2f s (%,.0f/s), %,d alerts, %d errors%n",
                    run, n[0], (t1 - t0) / 1e9, n[0] / ((t1 - t0) / 1e9), (t2 - t1) / 1e9, n[0] / ((t2 - t1) / 1e9), n[2], n[1]);
        }
    }
}
