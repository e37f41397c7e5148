package dev.kubeward.bench;

import dev.kubeward.model.InputError;
import dev.kubeward.runtime.AuditEvent;
import dev.kubeward.runtime.AuditLogReader;
import dev.kubeward.runtime.DetectionContext;
import dev.kubeward.runtime.DetectionEngine;
import dev.kubeward.runtime.EventSink;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reading, then reading and detecting, on one thread: the CPU time per event of each (warm after
 * the first runs), which a loaded host disturbs less than wall time. Usage: {@code AuditCpuBench
 * FILE RUNS} (bench/audit-compare.sh, which compiles it against each build).
 */
public final class AuditCpuBench {
  private AuditCpuBench() {}

  public static void main(String[] a) throws Exception {
    var mx = ManagementFactory.getThreadMXBean();
    for (int run = 1; run <= Integer.parseInt(a[1]); run++) {
      long[] n = {0, 0};
      long c0 = mx.getCurrentThreadCpuTime();
      try (InputStream in = Files.newInputStream(Path.of(a[0]))) {
        new AuditLogReader().read(a[0], in, new EventSink() { public void event(AuditEvent e) { n[0]++; } public void error(InputError e) {} });
      }
      long c1 = mx.getCurrentThreadCpuTime();
      DetectionEngine engine = DetectionEngine.builtIn(DetectionContext.defaults(), x -> n[1]++);
      try (InputStream in = Files.newInputStream(Path.of(a[0]))) {
        new AuditLogReader().read(a[0], in, new EventSink() { public void event(AuditEvent e) { engine.accept(e); } public void error(InputError e) {} });
      }
      long c2 = mx.getCurrentThreadCpuTime();
      System.out.printf("run %d: read %.2f us/event CPU; read+detect %.2f us/event CPU (detect %.2f); %d alerts%n", run,
          (c1 - c0) / 1e3 / n[0], (c2 - c1) / 1e3 / n[0], ((c2 - c1) - (c1 - c0)) / 1e3 / n[0], n[1]);
    }
  }
}
