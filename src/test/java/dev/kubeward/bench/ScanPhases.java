package dev.kubeward.bench;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckRegistry;
import dev.kubeward.check.Config;
import dev.kubeward.check.Finding;
import dev.kubeward.check.Scanner;
import dev.kubeward.check.Severity;
import dev.kubeward.model.Inventory;
import dev.kubeward.report.JsonReporter;
import dev.kubeward.report.ScanReport;
import dev.kubeward.source.LoadResult;
import dev.kubeward.source.ManifestLoader;
import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Where a scan's time goes, phase by phase, in one cold JVM: reading and parsing, the registry and
 * inventory, the engine models built in {@code Check.prepare} (in parallel, as the Scanner does),
 * the per-object pass, and the JSON report. Usage: {@code ScanPhases DIR}; run it with the
 * launcher's JVM options (bench/scan-bench.sh does).
 */
public final class ScanPhases {
    private ScanPhases() {}

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        LoadResult loaded = new ManifestLoader().load(List.of(args[0]));
        long parsed = System.nanoTime();
        Scanner scanner = new Scanner(CheckRegistry.builtIn(), Config.DEFAULT);
        Inventory inventory = new Inventory(loaded.resources());
        long indexed = System.nanoTime();
        CheckContext context = new CheckContext(inventory, Config.DEFAULT);
        scanner.enabledChecks().parallelStream().forEach(e -> e.check().prepare(context));
        long prepared = System.nanoTime();
        List<Finding> findings = scanner.scan(inventory); // its own prepare finds the models memoized
        long scanned = System.nanoTime();
        try (Writer out = new BufferedWriter(new OutputStreamWriter(new FileOutputStream("/dev/null"),
                StandardCharsets.UTF_8))) {
            new JsonReporter().write(new ScanReport("bench", findings, List.of(), List.of(), loaded.errors(),
                    loaded.files(), Severity.HIGH), out);
        }
        long written = System.nanoTime();
        System.out.printf("load %d ms, registry+inventory %d ms, prepare %d ms, per-object pass %d ms, "
                        + "json %d ms (%d objects, %d findings)%n", ms(start, parsed), ms(parsed, indexed),
                ms(indexed, prepared), ms(prepared, scanned), ms(scanned, written), inventory.all().size(),
                findings.size());
    }

    private static long ms(long from, long to) {
        return (to - from) / 1_000_000;
    }
}
