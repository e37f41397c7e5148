package dev.kubeward.server;

import dev.kubeward.model.InputError;
import dev.kubeward.runtime.Alert;
import dev.kubeward.runtime.AuditEvent;
import dev.kubeward.runtime.AuditLogReader;
import dev.kubeward.runtime.DetectionContext;
import dev.kubeward.runtime.DetectionEngine;
import dev.kubeward.runtime.EventSink;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The API server's audit webhook backend on {@code POST /audit}: each request is an EventList (a
 * batch, at most the API server's {@code --audit-webhook-batch-max-size}, 400 by default). The
 * batch is parsed on the request thread and queued whole for the one thread that runs the
 * detections (the engine keeps order and state), and answered at once: 200 when queued, 429 when
 * the queue has no room for the whole batch (the API server retries it later), 400 when the body
 * holds no audit event at all. Items that are not events are skipped, the others queued, and the
 * answer is still 200 ({@code {"queued":N,"skipped":M,"errors":[...]}}): the API server drops a
 * batch it gets a 4xx for, so one bad item must not cost the rest. A retried batch does not count twice: the engine skips an event whose
 * auditID and stage it has seen. Nothing blocks on the request thread but the parse.
 *
 * <p>Meters (in the server's registry, so on {@code /metrics}):
 * {@code kubeward_audit_alerts_total{detection,severity}}, {@code kubeward_audit_events_total},
 * {@code kubeward_audit_duplicate_events_total}, {@code kubeward_audit_malformed_events_total},
 * {@code kubeward_audit_batches_total{result}}
 * ({@code queued}, {@code rejected}, {@code malformed}) and {@code kubeward_audit_queue_events}.
 * Label values are detection ids and severities: bounded sets.
 */
public final class AuditEndpoint implements AutoCloseable {
    /** Events the queue holds: 50 default batches. */
    public static final int DEFAULT_QUEUE_EVENTS = 20_000;

    private final ArrayBlockingQueue<AuditEvent> queue;
    private final DetectionEngine engine;
    private final AuditLogReader reader = new AuditLogReader();
    private final MeterRegistry registry;
    private final Thread worker;
    private final Counter queued;
    private final Counter rejected;
    private final Counter malformed;
    private final Counter failures;
    private final Counter skipped;
    private final AtomicLong processed = new AtomicLong();
    private volatile boolean stopping;

    /**
     * @param alerts where each alert goes, on the detection thread (serve writes JSON lines)
     */
    public AuditEndpoint(DetectionContext context, MeterRegistry registry, Consumer<Alert> alerts, int queueEvents) {
        this.queue = new ArrayBlockingQueue<>(queueEvents);
        this.registry = registry;
        this.engine = DetectionEngine.builtIn(context, a -> {
            Counter.builder("kubeward.audit.alerts").description("alerts of the runtime detections on audit events")
                    .tags("detection", a.detection().id(), "severity", a.severity().label()).register(registry).increment();
            alerts.accept(a);
        });
        queued = batches("queued");
        rejected = batches("rejected");
        malformed = batches("malformed");
        skipped = Counter.builder("kubeward.audit.malformed.events")
                .description("items of a queued batch skipped as not audit events (each also named in the batch's answer)")
                .register(registry);
        failures = Counter.builder("kubeward.audit.detection.failures")
                .description("events a detection failed on (a bug: the event is skipped, the sink goes on)").register(registry);
        FunctionCounter.builder("kubeward.audit.events", engine, DetectionEngine::events)
                .description("audit events run through the detections").register(registry);
        FunctionCounter.builder("kubeward.audit.duplicate.events", engine, DetectionEngine::duplicates)
                .description("events skipped as seen before (the same auditID and stage: a retried batch)").register(registry);
        FunctionCounter.builder("kubeward.audit.not.evaluated.events", engine, DetectionEngine::notEvaluatedEvents)
                .description("events a detection watches but could not judge (the audit level left out the body it needs)")
                .register(registry);
        Gauge.builder("kubeward.audit.queue", queue, ArrayBlockingQueue::size).baseUnit("events")
                .description("events waiting for the detections").register(registry);
        worker = new Thread(this::run, "kubeward-audit-detections");
        worker.setDaemon(true);
        worker.start();
    }

    private Counter batches(String result) {
        return Counter.builder("kubeward.audit.batches").description("audit webhook batches received, by what became of them")
                .tags("result", result).register(registry);
    }

    public Route route() {
        return Route.postJson("/audit", this::handle);
    }

    Route.Reply handle(Route.Call call) throws IOException {
        List<AuditEvent> events = new ArrayList<>();
        List<InputError> errors = new ArrayList<>();
        reader.read("/audit", new ByteArrayInputStream(call.body()), new EventSink() {
            @Override
            public void event(AuditEvent event) {
                events.add(event);
            }

            @Override
            public void error(InputError error) {
                errors.add(error);
            }
        });
        if (events.isEmpty() && !errors.isEmpty()) {
            malformed.increment();
            return Route.Reply.text(400, "not an audit EventList: " + errors.get(0).message()
                    + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""));
        }
        // All or nothing, so that a retried batch is either wholly new or wholly a duplicate.
        synchronized (queue) {
            if (queue.remainingCapacity() < events.size()) {
                rejected.increment();
                return new Route.Reply(429, "text/plain; charset=utf-8", "audit queue full; retry the batch\n"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            queue.addAll(events);
        }
        queued.increment();
        if (errors.isEmpty()) {
            return Route.Reply.json(200, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        // The API server drops a batch it gets a 4xx for, so one bad item must not cost the others:
        // they are queued, and what was skipped is counted and said in the (2xx) answer.
        skipped.increment(errors.size());
        return Route.Reply.json(200, skippedJson(events.size(), errors));
    }

    /** At most this many skipped items are named in an answer; the rest are counted. */
    static final int MAX_NAMED_ERRORS = 20;

    private static byte[] skippedJson(int queuedEvents, List<InputError> errors) {
        com.fasterxml.jackson.databind.node.ObjectNode answer = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        answer.put("queued", queuedEvents);
        answer.put("skipped", errors.size());
        com.fasterxml.jackson.databind.node.ArrayNode named = answer.putArray("errors");
        for (InputError e : errors.subList(0, Math.min(MAX_NAMED_ERRORS, errors.size()))) {
            named.add(e.toString());
        }
        return answer.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private void run() {
        while (!stopping) {
            try {
                AuditEvent e = queue.take();
                engine.accept(e);
                processed.incrementAndGet();
            } catch (InterruptedException ie) {
                return;
            } catch (RuntimeException bug) {
                // One event that breaks a detection must not stop the sink; it is counted, on /metrics.
                failures.increment();
                processed.incrementAndGet();
            }
        }
    }

    /** Events taken off the queue and run through the detections. */
    public long processed() {
        return processed.get();
    }

    public int queued() {
        return queue.size();
    }

    @Override
    public void close() {
        stopping = true;
        worker.interrupt();
    }
}
