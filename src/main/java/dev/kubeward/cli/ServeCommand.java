package dev.kubeward.cli;

import dev.kubeward.check.CheckRegistry;
import dev.kubeward.check.Config;
import dev.kubeward.check.ConfigException;
import dev.kubeward.checks.rbac.RbacScan;
import dev.kubeward.model.InputError;
import dev.kubeward.model.Inventory;
import dev.kubeward.policy.cel.CelVersion;
import dev.kubeward.policy.offline.InventoryContext;
import dev.kubeward.policy.offline.PolicyInput;
import dev.kubeward.policy.offline.RbacAuthorizer;
import dev.kubeward.policy.offline.ResourceMapping;
import dev.kubeward.report.AlertOutput;
import dev.kubeward.runtime.DetectionContext;
import dev.kubeward.server.AdmissionEndpoints;
import dev.kubeward.server.AuditEndpoint;
import dev.kubeward.server.AdmissionEngine;
import dev.kubeward.server.AdmissionReview;
import dev.kubeward.server.Reloading;
import dev.kubeward.server.ServeMetrics;
import dev.kubeward.server.Warmup;
import dev.kubeward.server.ServerLimits;
import dev.kubeward.server.TlsFiles;
import dev.kubeward.server.WebhookServer;
import dev.kubeward.source.LoadResult;
import dev.kubeward.source.ManifestLoader;
import dev.kubeward.source.cluster.ClusterCache;
import dev.kubeward.source.cluster.ClusterConnection;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "serve", sortOptions = false,
        description = {
            "Serve the admission webhook: every check, the Pod Security Standards and the CEL policies of POLICY-DIRS answer admission.k8s.io/v1 AdmissionReviews on /validate, over HTTPS only (TLS 1.2 and 1.3, HTTP/2 and HTTP/1.1).",
            "",
            "What is denied, warned about or recorded comes from the admission section of the configuration (modes per check, category, severity and policy; exemptions by namespace, user and group; the Pod Security level and version). With none, violations of the Pod Security Standards baseline and critical checks are denied and the rest warned about. The certificate and key are reloaded when their files change; SIGTERM lets the reviews in flight finish. /healthz and /readyz answer on both ports.",
            "",
            "--dry-run-review FILE answers one AdmissionReview from FILE (- for standard input) on standard output, without a server: what the webhook would say (text: the decision, message, warnings and audit annotations; json: the AdmissionReview response itself). It reads no cluster: the checks the cluster cache answers are not run.",
            "",
            "Exit codes: 0 stopped cleanly (with --dry-run-review: allowed), 1 denied (--dry-run-review), 2 a usage, configuration, policy or certificate error."
        },
        footer = {"", "Examples:",
            "  kubeward serve --tls-cert /tls/tls.crt --tls-key /tls/tls.key --config /etc/kubeward/kubeward.yaml /policies",
            "  kubeward serve --dry-run-review review.json policies/"})
final class ServeCommand implements Callable<Integer>, OutputOptions.Reporting {

    @Parameters(paramLabel = "POLICY-DIRS", arity = "0..*", description = "files or directories with ValidatingAdmissionPolicies and their bindings, reloaded when they change")
    List<String> policyDirs;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "the PEM certificate chain (tls.crt), reloaded when it changes")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "the PEM private key (tls.key: PKCS#8, PKCS#1 or SEC1), reloaded when it changes")
    Path tlsKey;

    @Option(names = "--port", defaultValue = "8443", description = "the HTTPS port of the webhook (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--metrics-port", defaultValue = "9090", description = "the plain HTTP port of /metrics, /healthz and /readyz; -1 for none (default: ${DEFAULT-VALUE})")
    int metricsPort;

    @Option(names = "--address", defaultValue = "0.0.0.0", description = "the address to listen on (default: ${DEFAULT-VALUE})")
    String address;

    @Option(names = "--cert-reload-interval", defaultValue = "10", paramLabel = "SECONDS", description = "how often the certificate and key files are checked for a change (default: ${DEFAULT-VALUE})")
    int reloadSeconds;

    @Option(names = "--kubernetes-version", paramLabel = "VERSION", description = "the API server's version, for the CEL libraries it has (default: kubernetesVersion of the configuration, else the newest kubeward knows)")
    String kubernetesVersion;

    @Option(names = "--cluster-cache", paramLabel = "WHEN", defaultValue = "auto", description = "keep a cache of the cluster's Namespaces, ServiceAccounts and LimitRanges (informers) for the checks that need them: auto (in a pod, or with --kubeconfig), on, off (default: ${DEFAULT-VALUE})")
    String clusterCache;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "the kubeconfig of the cluster cache (default: the pod's service account in a pod, else KUBECONFIG or ~/.kube/config with --cluster-cache on)")
    String kubeconfig;

    @Option(names = "--kube-context", paramLabel = "CONTEXT", description = "the kubeconfig context of the cluster cache (default: current-context)")
    String kubeContext;

    @Option(names = "--cache-resync", paramLabel = "SECONDS", defaultValue = "600", description = "how often the cluster cache's informers resync (default: ${DEFAULT-VALUE})")
    int cacheResyncSeconds;

    @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "20", description = "before /readyz says ready, answer synthetic reviews of the bundled examples for up to SECONDS (or --warmup-reviews of them), so that the JIT has compiled the engine before the first real review; 0: none (default: ${DEFAULT-VALUE})")
    int warmupSeconds;

    @Option(names = "--warmup-reviews", paramLabel = "N", defaultValue = "60000", description = "stop the warm-up after N synthetic reviews (default: ${DEFAULT-VALUE})")
    long warmupReviews;

    @Option(names = "--dry-run-review", paramLabel = "FILE", description = "answer the AdmissionReview in FILE (- for standard input) on standard output and exit")
    String dryRunReview;

    @Mixin
    OutputOptions output;

    @Mixin
    ConfigOptions configOptions;

    @Spec
    CommandSpec spec;

    @Override
    public List<String> formats() {
        return List.of("text", "json");
    }

    @Override
    public Integer call() throws Exception {
        output.format();
        PrintWriter err = spec.commandLine().getErr();
        CheckRegistry registry = CheckRegistry.builtIn();
        Config cfg;
        dev.kubeward.runtime.RuntimeConfig runtime;
        try {
            ConfigFiles.Loaded loadedConfig = configOptions.load(registry.ids(), output);
            cfg = loadedConfig.config();
            runtime = RuntimeSettings.load(loadedConfig);
        } catch (ConfigException e) {
            err.println(e);
            return ExitCodes.USAGE;
        }
        CelVersion version = CelVersion.parse(kubernetesVersion != null ? kubernetesVersion
                : cfg.setting("kubernetesVersion", CelVersion.NEWEST.toString()));
        if (version == null) {
            err.println("kubeward: --kubernetes-version must be a version such as v1.33 or 1.33.4, not '" + kubernetesVersion + "'");
            return ExitCodes.USAGE;
        }
        if (dryRunReview == null && (tlsCert == null || tlsKey == null)) {
            err.println("kubeward serve: --tls-cert and --tls-key are required (the webhook serves HTTPS only)");
            err.println("Run 'kubeward serve --help' for usage.");
            return ExitCodes.USAGE;
        }
        if (!List.of("auto", "on", "off").contains(clusterCache)) {
            err.println("kubeward serve: --cluster-cache is auto, on or off, not '" + clusterCache + "'");
            return ExitCodes.USAGE;
        }
        if (warmupSeconds < 0 || warmupReviews < 0) {
            err.println("kubeward serve: --warmup and --warmup-reviews must be 0 or more");
            return ExitCodes.USAGE;
        }
        if (cacheResyncSeconds <= 0) {
            err.println("kubeward serve: --cache-resync must be a positive number of seconds");
            return ExitCodes.USAGE;
        }
        // The cluster cache (not for --dry-run-review, which answers one review without a cluster).
        Environment env = Main.environment(spec);
        boolean inPod = env.variables().get("KUBERNETES_SERVICE_HOST") != null;
        boolean caching = dryRunReview == null && (clusterCache.equals("on")
                || (clusterCache.equals("auto") && (inPod || kubeconfig != null)));
        ClusterCache cache = null;
        if (caching) {
            try {
                cache = new ClusterCache(ClusterConnection.open(new ClusterConnection.Target(kubeconfig, kubeContext, 30),
                        new dev.kubeward.source.cluster.Kubeconfig.Environment(env.variables(),
                                dev.kubeward.source.cluster.Kubeconfig.Environment.SERVICE_ACCOUNT)),
                        cfg.workloadKinds(), Duration.ofSeconds(cacheResyncSeconds), Clock.systemUTC(), line -> log(err, line));
            } catch (ClusterConnection.ClusterException e) {
                err.println("kubeward serve: the cluster cache: " + e.getMessage());
                return ExitCodes.USAGE;
            }
        }
        // The policies: every file under POLICY-DIRS, read and compiled once; any error stops the start.
        List<String> dirs = policyDirs == null ? List.of() : policyDirs;
        Config config = cfg;
        ClusterCache clusterView = cache;
        Supplier<Inventory> cluster = cache == null ? null : clusterView::snapshot;
        Reloading.Loader<AdmissionEngine> loader = () -> engine(registry, config, dirs, version, cluster);
        AdmissionEngine first;
        try {
            first = loader.load();
        } catch (Reloading.Failure e) {
            err.println(e.getMessage());
            closeQuietly(cache);
            return ExitCodes.USAGE;
        }
        ServeMetrics metrics = new ServeMetrics();
        metrics.policiesLoaded(first.policies().policies().size());
        Path wd = Main.environment(spec).workingDirectory();
        Reloading<AdmissionEngine> engines = new Reloading<>(first, () -> fingerprint(wd, dirs), loader, e -> {
            metrics.policiesLoaded(e.policies().policies().size());
            log(err, "kubeward serve: policies reloaded: " + e.policies().policies().size() + " CEL policies");
        }, message -> {
            metrics.policyLoadError();
            log(err, "kubeward serve: keeping the current policies: " + message.replace("\n", "; "));
        });
        AdmissionEndpoints endpoints = new AdmissionEndpoints(engines, metrics);
        AdmissionEngine engine = first;

        if (dryRunReview != null) {
            return dryRun(endpoints, err);
        }
        // Not ready until warmed up (after the server has started: /healthz answers meanwhile).
        CompletableFuture<Warmup.Result> warm = new CompletableFuture<>();
        WebhookServer.Settings settings = new WebhookServer.Settings(address, port, metricsPort, wd.resolve(tlsCert),
                wd.resolve(tlsKey), Duration.ofSeconds(Math.max(1, reloadSeconds)), ServerLimits.DEFAULT);
        WebhookServer server;
        try {
            // The audit webhook sink (docs/runtime.md): alerts as JSON lines on standard output.
            PrintWriter out = spec.commandLine().getOut();
            AuditEndpoint audit = new AuditEndpoint(new DetectionContext(runtime, cfg, registry), metrics.registry(),
                    a -> log(out, AlertOutput.jsonLine(a)), AuditEndpoint.DEFAULT_QUEUE_EVENTS);
            server = new WebhookServer(settings, List.of(endpoints.validateRoute(), endpoints.mutateRoute(), audit.route()), List.of(metrics.route()),
                    () -> warm.isDone() && (clusterView == null || clusterView.synced()),
                    line -> log(err, line));
        } catch (TlsFiles.TlsException e) {
            err.println("kubeward serve: " + e.getMessage());
            closeQuietly(cache);
            return ExitCodes.USAGE;
        }
        metrics.bind(server);
        if (cache != null) {
            java.util.Map<String, ServeMetrics.CachedKindMeters> kinds = new java.util.LinkedHashMap<>();
            for (ClusterCache.CachedKind k : ClusterCache.KINDS) {
                kinds.put(k.kind(), new ServeMetrics.CachedKindMeters(() -> clusterView.count(k.kind()),
                        () -> clusterView.synced(k.kind()), () -> clusterView.failures(k.kind())));
            }
            metrics.bindClusterCache(clusterView::age, clusterView::synced, kinds);
        }
        server.schedule(engines::check, settings.reloadInterval());
        try {
            if (cache != null) {
                cache.start(); // /readyz says 503 until every kind has been listed
            }
            server.start();
        } catch (IOException e) {
            err.println("kubeward serve: cannot listen on " + address + ":" + port + ": " + e.getMessage());
            closeQuietly(cache);
            return ExitCodes.USAGE;
        }
        err.println("kubeward serve: listening on https://" + address + ":" + server.tlsPort() + " (/validate, /mutate" + (engine.mutating() ? "" : " without patches: admission.mutate is off") + ", /audit), "
                + (server.plainPort() < 0 ? "no plain port" : "http://" + address + ":" + server.plainPort() + " (/metrics, /healthz, /readyz)")
                + "; " + engine.checks().size() + " checks, Pod Security " + engine.modes().pssLevel() + ":" + engine.modes().pssVersion()
                + ", " + engine.policies().policies().size() + " CEL polic" + (engine.policies().policies().size() == 1 ? "y" : "ies")
                + (cache == null ? "; no cluster cache (the checks that need one are not run)" : "; cluster cache: syncing"));
        err.flush();
        int cores = Runtime.getRuntime().availableProcessors();
        Warmup.start(engines, warmupSeconds == 0 ? List.of() : Warmup.reviews(warmupObjects()), Duration.ofSeconds(warmupSeconds),
                warmupReviews, cores, System::nanoTime).whenComplete((r, failure) -> {
                    if (r != null && r.reviews() > 0) {
                        log(err, "kubeward serve: warmed up: " + r.reviews() + " synthetic reviews in "
                                + String.format(java.util.Locale.ROOT, "%.1f", r.took().toMillis() / 1000.0) + " s"
                                + (r.failures() == 0 ? "" : ", " + r.failures() + " failed") + "; ready"
                                + (clusterView == null ? "" : " once the cluster cache has synced"));
                    }
                    warm.complete(r);
                });
        Thread hook = new Thread(() -> {
            err.println("kubeward serve: stopping; letting " + server.inFlight() + " review(s) in flight finish");
            err.flush();
            try {
                server.stop();
            } catch (Exception e) {
                err.println("kubeward serve: stop: " + e.getMessage());
            }
            if (clusterView != null) {
                clusterView.close();
            }
        }, "kubeward-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        server.join();
        return ExitCodes.OK;
    }

    /** The bundled examples' workloads the warm-up reviews (the pom copies them from examples/). */
    static final List<String> WARMUP_OBJECTS = List.of("hardened/web.yaml", "hardened/jobs.yaml", "insecure/web.yaml",
            "insecure/jobs.yaml");

    static List<dev.kubeward.model.Resource> warmupObjects() {
        List<dev.kubeward.model.Resource> out = new java.util.ArrayList<>();
        for (String name : WARMUP_OBJECTS) {
            try (java.io.InputStream in = Warmup.class.getResourceAsStream("warmup/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("the jar lacks dev/kubeward/server/warmup/" + name);
                }
                out.addAll(new ManifestLoader().loadText(name, new String(in.readAllBytes(), StandardCharsets.UTF_8)).resources());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return out;
    }

    private static void closeQuietly(ClusterCache cache) {
        if (cache != null) {
            cache.close();
        }
    }

    private static void log(PrintWriter err, String line) {
        synchronized (err) {
            err.println(line);
            err.flush();
        }
    }

    /** The engine over the policies of POLICY-DIRS as they are now. */
    static AdmissionEngine engine(CheckRegistry registry, Config cfg, List<String> dirs, CelVersion version,
            Supplier<Inventory> cluster) throws Reloading.Failure {
        LoadResult loaded = dirs.isEmpty() ? LoadResult.EMPTY : new ManifestLoader().load(dirs);
        List<InputError> errors = new ArrayList<>(loaded.errors());
        PolicyInput input = new PolicyInput(loaded.resources(), version);
        errors.addAll(input.errors());
        if (!errors.isEmpty()) {
            throw new Reloading.Failure(String.join("\n", errors.stream().map(InputError::toString).toList()));
        }
        Inventory policyInventory = new Inventory(loaded.resources(), cfg.workloadKinds());
        InventoryContext context = new InventoryContext(loaded.resources(), new ResourceMapping(loaded.resources()),
                new RbacAuthorizer(RbacScan.of(policyInventory).model()));
        return new AdmissionEngine(registry, cfg, input.validatingSet(), context, cluster);
    }

    /** Every regular file under POLICY-DIRS with its size and modification time: what a change changes. */
    static String fingerprint(Path wd, List<String> dirs) {
        StringBuilder b = new StringBuilder();
        for (String d : dirs) {
            Path root = wd.resolve(d);
            try (java.util.stream.Stream<Path> files = Files.walk(root)) {
                files.filter(Files::isRegularFile).sorted().forEach(f -> {
                    try {
                        b.append(f).append('\u0000').append(Files.size(f)).append('\u0000')
                                .append(Files.getLastModifiedTime(f).toMillis()).append('\n');
                    } catch (IOException e) {
                        b.append(f).append(" unreadable\n");
                    }
                });
            } catch (IOException | java.io.UncheckedIOException e) {
                b.append(root).append(" unreadable\n");
            }
        }
        return b.toString();
    }

    private int dryRun(AdmissionEndpoints endpoints, PrintWriter err) throws IOException {
        byte[] body;
        try {
            body = dryRunReview.equals("-") ? System.in.readAllBytes()
                    : Files.readAllBytes(Main.environment(spec).workingDirectory().resolve(dryRunReview));
        } catch (IOException e) {
            err.println("kubeward serve: cannot read " + dryRunReview + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
        AdmissionReview.Parsed review;
        try {
            review = AdmissionReview.parse(body);
        } catch (AdmissionReview.Malformed e) {
            err.println(dryRunReview + ": malformed AdmissionReview: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        byte[] answer = endpoints.answer(review);
        // The webhook in a cluster answers these from its cluster cache; one review from a file has none.
        output.note("note: --dry-run-review reads no cluster: " + String.join(", ", new java.util.TreeSet<>(AdmissionEngine.CACHE_ANSWERED))
                + " are not run, and CEL policies see the Namespaces of POLICY-DIRS");
        com.fasterxml.jackson.databind.JsonNode response = new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer)
                .path("response");
        boolean allowed = response.path("allowed").asBoolean();
        if (output.format().equals("json")) {
            output.write(out -> out.println(new String(answer, StandardCharsets.UTF_8)));
        } else {
            output.write(out -> {
                out.println(allowed ? "allowed" : "denied (" + response.path("status").path("code").asInt() + " "
                        + response.path("status").path("reason").asText() + ")");
                if (!allowed) {
                    out.println("  message: " + response.path("status").path("message").asText());
                }
                response.path("warnings").forEach(w -> out.println("  warning: " + w.asText()));
                response.path("auditAnnotations").fields().forEachRemaining(e ->
                        out.println("  audit annotation " + e.getKey() + ": " + e.getValue().asText()));
            });
        }
        return allowed ? ExitCodes.OK : ExitCodes.FINDINGS;
    }
}
