package dev.kubeward.pss;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.model.PodTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Throughput check for the evaluator (a main, not a test): generates 100,000 varied pod templates,
 * then times evaluating every one at restricted:latest and baseline:v1.30, on one thread and on
 * two. Generation is excluded from the timings; a warm-up pass runs first so the JIT has compiled
 * the hot paths.
 *
 * <p>Run: {@code ./mvnw -o -q -B test-compile && java -cp "target/classes:target/test-classes:$(cat target/pss-bench.cp)" dev.kubeward.pss.PssBenchmark}
 * (see docs/pss.md for producing the classpath file).
 */
public final class PssBenchmark {

    private static final int PODS = 100_000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] CAPABILITIES = {"NET_BIND_SERVICE", "CHOWN", "SYS_ADMIN", "NET_RAW"};
    private static final String[] SYSCTLS = {"kernel.shm_rmid_forced", "net.ipv4.tcp_rmem", "kernel.msgmax"};
    private static final String[] VOLUME_SOURCES = {"configMap", "secret", "emptyDir", "hostPath", "nfs", "projected"};
    private static final String[] SECCOMP = {"RuntimeDefault", "Localhost", "Unconfined"};

    private PssBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<PodTemplate> pods = generate(new Random(42));
        PssEvaluator evaluator = PssEvaluator.standard();
        PssVersion v130 = PssVersion.of(30);

        long warmUpViolations = 0;
        for (int round = 0; round < 3; round++) {
            warmUpViolations += evaluateRange(evaluator, pods, 0, pods.size(), v130);
        }

        long start = System.nanoTime();
        long violations = evaluateRange(evaluator, pods, 0, pods.size(), v130);
        long singleThreadNanos = System.nanoTime() - start;

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            int half = pods.size() / 2;
            start = System.nanoTime();
            Future<Long> first = pool.submit(() -> evaluateRange(evaluator, pods, 0, half, v130));
            Future<Long> second = pool.submit(() -> evaluateRange(evaluator, pods, half, pods.size(), v130));
            long twoThreadViolations = first.get() + second.get();
            long twoThreadNanos = System.nanoTime() - start;

            System.out.printf("pod templates: %,d (each evaluated at restricted:latest and baseline:v1.30)%n", pods.size());
            System.out.printf("violations found: %,d (warm-up total %,d)%n", violations, warmUpViolations);
            System.out.printf("1 thread : %,d ms for %,d evaluations (%.2f us/evaluation)%n",
                    singleThreadNanos / 1_000_000, 2L * pods.size(), singleThreadNanos / 1_000.0 / (2.0 * pods.size()));
            System.out.printf("2 threads: %,d ms for %,d evaluations (violations %,d)%n",
                    twoThreadNanos / 1_000_000, 2L * pods.size(), twoThreadViolations);
        } finally {
            pool.shutdown();
        }
    }

    private static long evaluateRange(PssEvaluator evaluator, List<PodTemplate> pods, int from, int to, PssVersion pinned) {
        long violations = 0;
        for (int i = from; i < to; i++) {
            PodTemplate pod = pods.get(i);
            violations += evaluator.evaluate(Level.RESTRICTED, PssVersion.LATEST, pod).violations().size();
            violations += evaluator.evaluate(Level.BASELINE, pinned, pod).violations().size();
        }
        return violations;
    }

    private static List<PodTemplate> generate(Random random) {
        List<PodTemplate> pods = new ArrayList<>(PODS);
        for (int i = 0; i < PODS; i++) {
            ObjectNode deployment = NODES.objectNode();
            deployment.put("apiVersion", "apps/v1");
            deployment.put("kind", "Deployment");
            ObjectNode template = deployment.putObject("spec").putObject("template");
            ObjectNode metadata = template.putObject("metadata");
            if (random.nextInt(10) == 0) {
                metadata.putObject("annotations")
                        .put("container.apparmor.security.beta.kubernetes.io/app-0", random.nextBoolean() ? "unconfined" : "runtime/default");
            }
            template.set("spec", podSpec(random));
            pods.add(PodTemplate.of(PssCasesTest.resource(deployment)).orElseThrow());
        }
        return pods;
    }

    private static JsonNode podSpec(Random random) {
        ObjectNode spec = NODES.objectNode();
        if (random.nextInt(20) == 0) {
            spec.put("hostNetwork", true);
        }
        if (random.nextInt(30) == 0) {
            spec.putObject("os").put("name", "windows");
        }
        if (random.nextBoolean()) {
            ObjectNode podContext = spec.putObject("securityContext");
            podContext.put("runAsNonRoot", random.nextInt(5) != 0);
            if (random.nextBoolean()) {
                podContext.putObject("seccompProfile").put("type", SECCOMP[random.nextInt(SECCOMP.length)]);
            }
            if (random.nextInt(8) == 0) {
                podContext.putArray("sysctls").addObject().put("name", SYSCTLS[random.nextInt(SYSCTLS.length)]).put("value", "1");
            }
            if (random.nextInt(6) == 0) {
                podContext.put("runAsUser", random.nextInt(3) == 0 ? 0 : 1000);
            }
        }
        addContainers(spec.putArray("containers"), "app", 1 + random.nextInt(3), random);
        if (random.nextInt(3) == 0) {
            addContainers(spec.putArray("initContainers"), "init", 1, random);
        }
        if (random.nextBoolean()) {
            ArrayNode volumes = spec.putArray("volumes");
            for (int v = 0, n = 1 + random.nextInt(3); v < n; v++) {
                ObjectNode volume = volumes.addObject().put("name", "vol-" + v);
                volume.putObject(VOLUME_SOURCES[random.nextInt(VOLUME_SOURCES.length)]);
            }
        }
        return spec;
    }

    private static void addContainers(ArrayNode containers, String prefix, int count, Random random) {
        for (int c = 0; c < count; c++) {
            ObjectNode container = containers.addObject().put("name", prefix + "-" + c).put("image", "registry.example/app:1");
            if (random.nextInt(10) == 0) {
                container.putArray("ports").addObject().put("containerPort", 8080).put("hostPort", 8080);
            }
            if (random.nextInt(10) == 0) {
                container.putObject("livenessProbe").putObject("httpGet").put("port", 8080).put("host", "10.0.0.1");
            }
            if (random.nextInt(4) == 0) {
                continue; // no securityContext at all
            }
            ObjectNode context = container.putObject("securityContext");
            context.put("allowPrivilegeEscalation", random.nextInt(6) == 0);
            if (random.nextInt(15) == 0) {
                context.put("privileged", true);
            }
            if (random.nextInt(3) != 0) {
                ObjectNode capabilities = context.putObject("capabilities");
                capabilities.putArray("drop").add("ALL");
                if (random.nextInt(4) == 0) {
                    capabilities.putArray("add").add(CAPABILITIES[random.nextInt(CAPABILITIES.length)]);
                }
            }
            if (random.nextBoolean()) {
                context.putObject("seccompProfile").put("type", SECCOMP[random.nextInt(SECCOMP.length)]);
            }
            if (random.nextInt(5) == 0) {
                context.put("runAsNonRoot", random.nextBoolean());
            }
            if (random.nextInt(20) == 0) {
                context.putObject("seLinuxOptions").put("type", random.nextBoolean() ? "container_t" : "spc_t");
            }
        }
    }
}
