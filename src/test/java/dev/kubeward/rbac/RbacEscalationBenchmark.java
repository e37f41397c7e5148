package dev.kubeward.rbac;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The escalation analysis alone, repeated on one model of RbacBenchmark's generated cluster, in
 * thread CPU time: on a shared machine CPU time is steadier than wall time, and the first runs
 * show the cost before the JIT has compiled the analysis. A main, not a test. Arguments
 * (optional): repetitions (8), then RbacBenchmark's roles bindings namespaces seed. To compare
 * two builds, run this class against each build's classes in turn (it uses only
 * {@code RbacModel.escalations()}, which every build has).
 */
public final class RbacEscalationBenchmark {

    private RbacEscalationBenchmark() {}

    public static void main(String[] args) {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int roles = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int bindings = args.length > 2 ? Integer.parseInt(args[2]) : 50_000;
        int namespaces = args.length > 3 ? Integer.parseInt(args[3]) : 500;
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 42L;
        List<RbacObject> objects = RbacBenchmark.parse(RbacBenchmark.generate(roles, bindings, namespaces, new Random(seed)));
        objects.addAll(Fixtures.bootstrapObjects());
        RbacModel model = RbacModel.build(objects);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Long> millis = new ArrayList<>();
        int paths = 0;
        for (int i = 0; i < repetitions; i++) {
            long start = threads.getCurrentThreadCpuTime();
            paths = model.escalations().paths().size();
            millis.add((threads.getCurrentThreadCpuTime() - start) / 1_000_000);
        }
        System.out.printf("escalation analysis and every path, CPU ms per run: %s (best %d; %,d paths)%n", millis,
                millis.stream().mapToLong(Long::longValue).min().orElse(0), paths);
    }
}
