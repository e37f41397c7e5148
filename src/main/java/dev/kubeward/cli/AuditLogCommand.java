package dev.kubeward.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.audit.AuditPolicy;
import dev.kubeward.check.CheckRegistry;
import dev.kubeward.check.ConfigException;
import dev.kubeward.check.Severity;
import dev.kubeward.model.InputError;
import dev.kubeward.report.AlertOutput;
import dev.kubeward.report.CoverageOutput;
import dev.kubeward.report.JsonDocuments;
import dev.kubeward.runtime.Alert;
import dev.kubeward.runtime.AuditEvent;
import dev.kubeward.runtime.AuditInputs;
import dev.kubeward.runtime.AuditLogReader;
import dev.kubeward.runtime.Coverage;
import dev.kubeward.runtime.DetectionContext;
import dev.kubeward.runtime.DetectionEngine;
import dev.kubeward.runtime.Detections;
import dev.kubeward.runtime.EventSink;
import dev.kubeward.runtime.RuntimeConfig;
import dev.kubeward.runtime.TimeWindow;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "audit-log", sortOptions = false,
        description = {
            "Run the runtime detections (kubeward detections) over the API server's audit events: audit.k8s.io/v1 or v1beta1 Events as JSON lines (the log backend), EventList documents or JSON arrays (the webhook backend's body), gzip'd or not, from files, directories of rotated logs (read oldest first) or standard input.",
            "",
            "Object rules run the checks of 'scan' on the objects of creates, updates and patches; behaviour rules watch exec, Secret reads, impersonation, token requests, admission changes and more. Alerts are text, one JSON document (json) or JSON lines (jsonl, one alert per line for log shippers).",
            "",
            "A malformed line or event is reported on standard error with its file and line and skipped; the rest is read.",
            "",
            "Exit code 1 when an alert is at least as severe as --fail-on, 2 when an input or the configuration could not be read (after reading everything else), 0 otherwise."
        },
        footer = {"", "Examples:", "  kubeward audit-log /var/log/kubernetes/audit/ --since 24h",
            "  kubeward audit-log --follow /var/log/kubernetes/audit/audit.log --format jsonl",
            "  kubeward audit-log audit.log --policy /etc/kubernetes/audit-policy.yaml"})
final class AuditLogCommand implements Callable<Integer>, OutputOptions.Reporting {
    @Parameters(paramLabel = "FILE", arity = "0..*", description = "audit log files or directories, or - for standard input (the default)")
    List<String> files = new ArrayList<>();

    @Option(names = "--since", paramLabel = "TIME", order = 1,
            description = "only events received at or after TIME: an RFC 3339 time (2026-11-30T10:00:00Z) or a duration before now (90m, 1h30m, 2d)")
    String since;

    @Option(names = "--until", paramLabel = "TIME", order = 2, description = "only events received before TIME (as --since)")
    String until;

    @Option(names = {"-F", "--follow"}, order = 3,
            description = "keep reading the last file as it grows, as tail -F does: across rotation (a new file at the name) and truncation; stop with Ctrl-C")
    boolean follow;

    @Option(names = "--policy", paramLabel = "POLICY", order = 4,
            description = "the API server's audit policy: say first which detections it feeds, which are blind, and where Falco's rules would misfire")
    String policyFile;

    @Mixin
    OutputOptions output;

    @Mixin
    ConfigOptions configOptions;

    @Mixin
    SeverityOptions severity;

    @Spec
    CommandSpec spec;

    /** Standard input (as it is when the command runs), left open when one input is done with it. */
    private static InputStream stdin() {
        return new java.io.FilterInputStream(System.in) {
            @Override
            public void close() {}
        };
    }

    /** How long a followed file is left before looking again. */
    static final long POLL_MILLIS = 250;

    /** How long a stopped --follow may take to write its summary before the process ends. */
    static final long STOP_GRACE_MILLIS = 2000;

    @Override
    public List<String> formats() {
        return List.of("text", "json", "jsonl");
    }

    @Override
    public Integer call() throws IOException {
        String format = output.format();
        PrintWriter err = spec.commandLine().getErr();
        Environment env = Main.environment(spec);
        ConfigFiles.Loaded config;
        RuntimeConfig runtime;
        try {
            config = configOptions.load(CheckRegistry.builtIn().ids(), output);
            runtime = RuntimeSettings.load(config);
        } catch (ConfigException e) {
            err.println(e);
            return ExitCodes.USAGE;
        }
        TimeWindow window;
        try {
            Instant now = Instant.now();
            window = new TimeWindow(since == null ? null : TimeWindow.parse(since, now), until == null ? null : TimeWindow.parse(until, now));
        } catch (IllegalArgumentException e) {
            err.println("--" + (since != null && e.getMessage().contains("'" + since + "'") ? "since" : "until") + ": " + e.getMessage());
            err.println("Run 'kubeward audit-log --help' for usage.");
            return ExitCodes.USAGE;
        }
        List<Coverage.Result> coverage = null;
        if (policyFile != null) {
            AuditPolicy policy = AuditPolicyCommand.readPolicy(policyFile, err);
            if (policy == null) {
                return ExitCodes.USAGE;
            }
            coverage = Coverage.of(policy, Detections.builtIn());
        }
        List<InputError> errors = new ArrayList<>();
        List<AuditInputs.Input> inputs = AuditInputs.expand(files, env.workingDirectory(), follow, errors);
        errors.forEach(err::println);
        err.flush();
        DetectionContext context = new DetectionContext(runtime, config.config(), CheckRegistry.builtIn());
        Set<Severity> shown = severity.shown();
        Severity failOn = severity.failOn.severity();
        boolean[] failed = {false};
        long[] counts = new long[3]; // outside the window, malformed, read errors
        Map<Severity, Long> shownBySeverity = new EnumMap<>(Severity.class);
        List<Coverage.Result> cov = coverage;
        // --follow ends on Ctrl-C (or docker stop): the shutdown hook stops the follow and waits
        // a moment for the summary, so the report is complete and an output file closed. An
        // interrupt of the command's thread (an embedding, the tests) stops it the same way.
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);
        Thread commandThread = Thread.currentThread();
        Thread hook = follow ? new Thread(() -> {
            stop.set(true);
            commandThread.interrupt();
            try {
                finished.await(STOP_GRACE_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "kubeward-audit-log-stop") : null;
        if (hook != null) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
        java.util.function.BooleanSupplier stopped = () -> stop.get() || Thread.currentThread().isInterrupted();
        try {
            output.write(out -> {
                JsonGenerator json = format.equals("json") ? JsonDocuments.generator(out) : null;
                JsonGenerator lines = format.equals("jsonl") ? JsonDocuments.lineGenerator(out) : null;
                if (json != null) {
                    ObjectNode header = JsonOutput.header(config);
                    json.writeStartObject();
                    for (var it = header.fields(); it.hasNext(); ) {
                        var f = it.next();
                        json.writeFieldName(f.getKey());
                        json.writeTree(f.getValue());
                    }
                    if (cov != null) {
                        ArrayNode c = JsonNodeFactory.instance.arrayNode();
                        CoverageOutput.json(cov, c);
                        json.writeFieldName("coverage");
                        json.writeTree(c);
                    }
                    json.writeArrayFieldStart("alerts");
                } else if (cov != null) {
                    if (lines == null) {
                        if (!output.quiet) {
                            out.println("Detections the audit policy " + policyFile + " feeds:");
                            CoverageOutput.text(cov, out);
                        }
                        out.println(CoverageOutput.summary(cov));
                        out.println();
                    } else {
                        StringWriter s = new StringWriter();
                        CoverageOutput.text(cov, new PrintWriter(s, true));
                        err.print(s);
                        err.println(CoverageOutput.summary(cov));
                    }
                }
                Consumer<Alert> sinkAlert = a -> {
                    if (failOn != null && a.severity().atLeast(failOn)) {
                        failed[0] = true;
                    }
                    if (!shown.contains(a.severity())) {
                        return;
                    }
                    shownBySeverity.merge(a.severity(), 1L, Long::sum);
                    try {
                        if (json != null) {
                            AlertOutput.json(a, json);
                        } else if (lines != null) {
                            AlertOutput.json(a, lines);
                            lines.flush();
                            out.println();
                        } else if (!output.quiet) {
                            out.println(AlertOutput.text(a));
                        }
                        if (follow) {
                            out.flush();
                        }
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                };
                DetectionEngine engine = DetectionEngine.builtIn(context, sinkAlert);
                List<InputError> readErrors = new ArrayList<>();
                EventSink sink = new EventSink() {
                    @Override
                    public void event(AuditEvent event) {
                        if (window.contains(event)) {
                            engine.accept(event);
                        } else {
                            counts[0]++;
                        }
                    }

                    @Override
                    public void error(InputError error) {
                        counts[1]++;
                        err.println(error);
                        if (readErrors.size() < 1000) {
                            readErrors.add(error);
                        }
                    }
                };
                AuditLogReader reader = new AuditLogReader();
                // Files read to their end are parsed on every core; a followed file or a pipe on one
                // thread, so that an event is not held back waiting for a batch to fill.
                AuditLogReader parallel = reader.parallel(Runtime.getRuntime().availableProcessors());
                for (AuditInputs.Input input : inputs) {
                    try (InputStream in = input.open(stdin(), POLL_MILLIS, stopped)) {
                        (input.path() == null || input.follow() ? reader : parallel).read(input.name(), in, sink);
                    } catch (IOException | java.io.UncheckedIOException e) {
                        if (e instanceof java.io.UncheckedIOException u) {
                            throw u.getCause();
                        }
                        if (input.follow() && e instanceof java.io.InterruptedIOException && stopped.getAsBoolean()) {
                            Thread.interrupted(); // stopped while waiting for more: the end of the input
                            break;
                        }
                        counts[2]++;
                        InputError error = new InputError(input.name(), 0, "cannot read: " + (e.getMessage() == null ? e : e.getMessage()));
                        err.println(error);
                        readErrors.add(error);
                    }
                }
                long alerts = shownBySeverity.values().stream().mapToLong(Long::longValue).sum();
                String summary = summary(alerts, shownBySeverity, engine, counts);
                if (json != null) {
                    json.writeEndArray();
                    List<InputError> all = new ArrayList<>(errors);
                    all.addAll(readErrors);
                    json.writeArrayFieldStart("errors");
                    for (InputError e : all) {
                        json.writeStartObject();
                        json.writeStringField("file", e.file());
                        json.writeNumberField("line", e.line());
                        json.writeStringField("message", e.message());
                        json.writeEndObject();
                    }
                    json.writeEndArray();
                    json.writeObjectFieldStart("summary");
                    json.writeNumberField("events", engine.events());
                    json.writeNumberField("duplicates", engine.duplicates());
                    json.writeNumberField("outsideWindow", counts[0]);
                    json.writeNumberField("malformed", counts[1]);
                    json.writeNumberField("unreadable", counts[2] + errors.size());
                    json.writeNumberField("notEvaluated", engine.notEvaluatedEvents());
                    json.writeArrayFieldStart("notEvaluatedBy");
                    for (DetectionEngine.NotEvaluated n : engine.notEvaluated()) {
                        json.writeStartObject();
                        json.writeStringField("detection", n.detection());
                        json.writeStringField("reason", n.reason());
                        json.writeNumberField("events", n.events());
                        json.writeEndObject();
                    }
                    json.writeEndArray();
                    json.writeNumberField("alerts", alerts);
                    json.writeObjectFieldStart("bySeverity");
                    for (Severity s : Severity.values()) {
                        json.writeNumberField(s.label(), shownBySeverity.getOrDefault(s, 0L));
                    }
                    json.writeEndObject();
                    json.writeEndObject();
                    json.writeEndObject();
                    json.flush();
                    out.println();
                } else if (lines != null) {
                    if (!output.quiet) {
                        notEvaluated(engine, err);
                        err.println(summary);
                    }
                } else {
                    if (!output.quiet && alerts > 0) {
                        out.println();
                    }
                    if (!output.quiet) {
                        notEvaluated(engine, out);
                    }
                    out.println(summary);
                }
            });
        } finally {
            finished.countDown();
            if (hook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: it waits for the latch counted down above
                }
            }
        }
        if (!errors.isEmpty() || counts[1] > 0 || counts[2] > 0) {
            return ExitCodes.USAGE;
        }
        return failed[0] ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    /** One line per detection and reason for the events a detection watches but could not judge. */
    private static void notEvaluated(DetectionEngine engine, PrintWriter to) {
        for (DetectionEngine.NotEvaluated n : engine.notEvaluated()) {
            to.println(n.events() + (n.events() == 1 ? " event" : " events") + " not evaluated by " + n.detection() + ": " + n.reason());
        }
    }

    private static String summary(long alerts, Map<Severity, Long> bySeverity, DetectionEngine engine, long[] counts) {
        StringBuilder sb = new StringBuilder();
        sb.append(alerts).append(alerts == 1 ? " alert" : " alerts");
        List<String> parts = new ArrayList<>();
        for (Severity s : Severity.values()) {
            long n = bySeverity.getOrDefault(s, 0L);
            if (n > 0) {
                parts.add(n + " " + s.label());
            }
        }
        if (!parts.isEmpty()) {
            sb.append(" (").append(String.join(", ", parts)).append(')');
        }
        sb.append(" from ").append(engine.events()).append(engine.events() == 1 ? " event" : " events");
        List<String> skipped = new ArrayList<>();
        if (engine.duplicates() > 0) {
            skipped.add(engine.duplicates() + " duplicate");
        }
        if (engine.notEvaluatedEvents() > 0) {
            skipped.add(engine.notEvaluatedEvents() + " not evaluated");
        }
        if (counts[0] > 0) {
            skipped.add(counts[0] + " outside the time window");
        }
        if (counts[1] > 0) {
            skipped.add(counts[1] + " malformed");
        }
        if (counts[2] > 0) {
            skipped.add(counts[2] + (counts[2] == 1 ? " file" : " files") + " unreadable");
        }
        if (!skipped.isEmpty()) {
            sb.append(" (").append(String.join(", ", skipped)).append(')');
        }
        return sb.toString();
    }
}
