package dev.kubeward.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;

/**
 * The meters of {@code kubeward serve}, exposed on {@code /metrics} in the Prometheus text format
 * through Micrometer. Label values come from bounded sets only (operations, the API's kinds, check
 * and policy ids, modes), never from object names or users.
 *
 * <ul>
 *   <li>{@code kubeward_admission_requests_total{webhook,operation,kind,decision,dry_run}}: webhook
 *       {@code validate} or {@code mutate}; decision {@code allowed}, {@code warned} (allowed with
 *       warnings), {@code denied} or {@code exempt} ({@code /validate}), {@code patched},
 *       {@code unpatched} or {@code exempt} ({@code /mutate})</li>
 *   <li>{@code kubeward_admission_violations_total{check,mode}}: each violation found, by the id of
 *       what found it ({@code privileged-container}, {@code pss:baseline}, {@code vap:NAME}) and
 *       what was done with it; dry-run requests are not counted here</li>
 *   <li>{@code kubeward_admission_duration_seconds}: the time to decide, a histogram</li>
 *   <li>{@code kubeward_admission_malformed_total}: reviews refused with 400</li>
 *   <li>{@code kubeward_policy_load_errors_total}, {@code kubeward_policies_loaded},
 *       {@code kubeward_policies_age_seconds}: the CEL policies' reloads</li>
 *   <li>{@code kubeward_certificate_reloads_total}, {@code kubeward_certificate_reload_failures_total},
 *       {@code kubeward_certificate_expiry_timestamp_seconds}</li>
 * </ul>
 */
public final class ServeMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer duration;
    private final Counter malformed;
    private final Counter policyLoadErrors;
    private final AtomicReference<Instant> policiesLoaded = new AtomicReference<>(Instant.now());
    private volatile int policyCount;
    /*
     * The counters by their tag values: Micrometer's builder and register() look the meter up in
     * the registry's map under a lock-free but allocating path (a new Id, its sorted tags) on every
     * call; one map lookup on a list of the tag values costs a fraction of that per review.
     */
    private final Map<List<String>, Counter> requests = new ConcurrentHashMap<>();
    private final Map<List<String>, Counter> violations = new ConcurrentHashMap<>();

    public ServeMetrics() {
        duration = Timer.builder("kubeward.admission.duration").description("time to decide an admission request")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(50_000))
                .maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
        malformed = Counter.builder("kubeward.admission.malformed").description("reviews refused with 400").register(registry);
        policyLoadErrors = Counter.builder("kubeward.policy.load.errors")
                .description("reloads of POLICY-DIRS refused (a file or policy with an error); the previous policies stay")
                .register(registry);
        Gauge.builder("kubeward.policies.loaded", this, m -> m.policyCount).description("CEL policies in force").register(registry);
        Gauge.builder("kubeward.policies.age", this, m -> Duration.between(m.policiesLoaded.get(), Instant.now()).toMillis() / 1000.0)
                .baseUnit("seconds").description("time since the policies in force were loaded").register(registry);
    }

    /** The registry, for other endpoints of the server to add their meters to. */
    public MeterRegistry registry() {
        return registry;
    }

    /**
     * Counts one review answered.
     *
     * @param webhook {@code validate} or {@code mutate}: which endpoint answered
     */
    public void request(String webhook, String operation, String kind, String decision, boolean dryRun, long nanos) {
        requests.computeIfAbsent(List.of(webhook, operation, kind, decision, Boolean.toString(dryRun)),
                k -> Counter.builder("kubeward.admission.requests").description("admission requests answered")
                        .tags("webhook", webhook, "operation", operation, "kind", kind, "decision", decision,
                                "dry_run", k.get(4))
                        .register(registry)).increment();
        duration.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void violation(String check, String mode) {
        violations.computeIfAbsent(List.of(check, mode), k -> Counter.builder("kubeward.admission.violations")
                .description("violations found at admission").tags("check", check, "mode", mode).register(registry))
                .increment();
    }

    public void malformed() {
        malformed.increment();
    }

    public void policiesLoaded(int count) {
        policyCount = count;
        policiesLoaded.set(Instant.now());
    }

    public void policyLoadError() {
        policyLoadErrors.increment();
    }

    /** Meters read from the server: certificate reloads and the served certificate's expiry. */
    public void bind(WebhookServer server) {
        FunctionCounter.builder("kubeward.certificate.reloads", server, WebhookServer::reloads)
                .description("certificate and key pairs loaded after a change").register(registry);
        FunctionCounter.builder("kubeward.certificate.reload.failures", server, WebhookServer::reloadFailures)
                .description("changed pairs refused (unreadable, or the key not the certificate's)").register(registry);
        ToDoubleFunction<WebhookServer> expiry = s -> s.certificateNotAfter().getEpochSecond();
        Gauge.builder("kubeward.certificate.expiry.timestamp", server, expiry).baseUnit("seconds")
                .description("when the served certificate expires (Unix time)").register(registry);
    }

    /** What the metrics read of one kind the cluster cache keeps. */
    public record CachedKindMeters(java.util.function.IntSupplier objects, java.util.function.BooleanSupplier listed,
            java.util.function.LongSupplier failures) {}

    /**
     * Meters read from the cluster cache: {@code kubeward_cluster_cache_age_seconds} (zero while
     * every watch is open, else how long since the cache was last in step), {@code
     * kubeward_cluster_cache_synced} (1 once every kind has been listed), and by {@code kind}:
     * {@code kubeward_cluster_cache_objects}, {@code kubeward_cluster_cache_kind_synced} (1 once
     * that kind has been listed: the kind that keeps {@code /readyz} at 503 is the one at 0) and
     * {@code kubeward_cluster_cache_list_failures_total} (failed lists and watches, a 403 say).
     * The cache is the CLI's to build (it is a reader of the cluster); the server sees only these
     * values.
     */
    public void bindClusterCache(java.util.function.Supplier<Duration> age, java.util.function.BooleanSupplier synced,
            Map<String, CachedKindMeters> kinds) {
        Gauge.builder("kubeward.cluster.cache.age", age, a -> a.get().toMillis() / 1000.0).baseUnit("seconds")
                .description("how old the cluster cache may be: 0 while every watch is open, else the time since it was last in step")
                .register(registry);
        Gauge.builder("kubeward.cluster.cache.synced", synced, s -> s.getAsBoolean() ? 1 : 0)
                .description("1 once every cached kind has been listed").register(registry);
        kinds.forEach((kind, m) -> {
            Gauge.builder("kubeward.cluster.cache.objects", m.objects(), c -> c.getAsInt())
                    .tag("kind", kind).description("objects in the cluster cache").register(registry);
            Gauge.builder("kubeward.cluster.cache.kind.synced", m.listed(), l -> l.getAsBoolean() ? 1 : 0)
                    .tag("kind", kind).description("1 once this kind has been listed").register(registry);
            FunctionCounter.builder("kubeward.cluster.cache.list.failures", m.failures(), f -> f.getAsLong())
                    .tag("kind", kind).description("lists and watches of this kind that failed (each retry counts)").register(registry);
        });
    }

    /** The {@code /metrics} route. */
    public Route route() {
        return Route.get("/metrics", call -> new Route.Reply(200, "text/plain; version=0.0.4; charset=utf-8",
                registry.scrape().getBytes(StandardCharsets.UTF_8)));
    }
}
