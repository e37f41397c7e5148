package dev.kubeward.runtime;

import dev.kubeward.audit.AuditStage;
import dev.kubeward.check.Finding;
import dev.kubeward.check.Severity;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Runs the detections over a stream of events, one event at a time (not thread-safe: one engine
 * per stream). An event seen before (the same auditID and stage: a webhook batch the API server
 * retried, a file read twice) is counted and skipped; a detection alerts at most once per request
 * (auditID), at the first of its stages that arrives; its allow list is applied to what it would
 * alert on. Memory is bounded: the seen sets forget their oldest entries.
 */
public final class DetectionEngine {
    static final int SEEN_CAPACITY = 1 << 17;

    /** A detection as the engine runs it: its allow list is one of {@code allows}, at {@code allowIndex}. */
    private record Entry(DetectionMeta meta, Detection detection, Allow allow, int allowIndex) {}

    private final Map<AuditStage, List<Sink>> byStage = new EnumMap<>(AuditStage.class);
    private final List<Entry> entries = new ArrayList<>();
    private final DetectionContext context;
    private final Consumer<Alert> out;
    /** The stages seen of each recent request (a bit per stage), by auditID: a retried event is found without building a key. */
    private final java.util.LinkedHashMap<String, int[]> seenStages = new java.util.LinkedHashMap<>(1 << 16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, int[]> eldest) {
            return size() > SEEN_CAPACITY;
        }
    };
    /** The distinct allow lists of the detections (most share the control plane's and the global one). */
    private final List<Allow> allows = new ArrayList<>();
    /** Per distinct allow list, for the current event: 0 not asked yet, 1 allowed, 2 not allowed. */
    private byte[] allowed = new byte[0];

    private final BoundedSet fired = new BoundedSet(SEEN_CAPACITY);
    private final Map<String, Long> alertsByDetection = new TreeMap<>();
    private final Map<Severity, Long> alertsBySeverity = new EnumMap<>(Severity.class);
    private final Map<String, Map<String, Long>> notEvaluated = new TreeMap<>();
    private long events;
    private long duplicates;
    private long notEvaluatedEvents;
    private boolean currentNotEvaluated;

    public DetectionEngine(List<Detection> detections, DetectionContext context, Consumer<Alert> out) {
        this.context = context;
        this.out = out;
        for (AuditStage s : AuditStage.values()) {
            byStage.put(s, new ArrayList<>());
        }
        for (Detection d : detections) {
            DetectionMeta meta = DetectionMeta.of(d.getClass());
            if (context.runtime().disabled().contains(meta.id())) {
                continue;
            }
            Allow allow = context.runtime().allowFor(meta.id(), d.defaults());
            int index = allows.indexOf(allow);
            if (index < 0) {
                index = allows.size();
                allows.add(allow);
            }
            Entry e = new Entry(meta, d, allow, index);
            entries.add(e);
            Sink sink = new Sink(e);
            for (AuditStage s : meta.stages()) {
                byStage.get(s).add(sink);
            }
        }
    }

    /** The engine over every built-in detection. */
    public static DetectionEngine builtIn(DetectionContext context, Consumer<Alert> out) {
        return new DetectionEngine(Detections.builtIn(), context, out);
    }

    public List<DetectionMeta> detections() {
        return entries.stream().map(Entry::meta).toList();
    }

    public void accept(AuditEvent event) {
        events++;
        int bit = 1 << event.stage().ordinal();
        int[] stages = seenStages.get(event.auditID());
        if (stages == null) {
            seenStages.put(event.auditID(), new int[] {bit});
        } else if ((stages[0] & bit) != 0) {
            duplicates++;
            return;
        } else {
            stages[0] |= bit;
        }
        currentNotEvaluated = false;
        current = event;
        if (allowed.length != allows.size()) {
            allowed = new byte[allows.size()];
        } else {
            java.util.Arrays.fill(allowed, (byte) 0);
        }
        for (Sink sink : byStage.get(event.stage())) {
            sink.entry.detection().detect(event, context, sink);
        }
        current = null;
        if (currentNotEvaluated) {
            notEvaluatedEvents++;
        }
    }

    private AuditEvent current;

    /** Whether the current event's user, groups, namespace or sources are in an entry's allow list (asked once per list and event). */
    private boolean allowed(Entry entry) {
        byte a = allowed[entry.allowIndex()];
        if (a == 0) {
            a = entry.allow().allows(current) ? (byte) 1 : (byte) 2;
            allowed[entry.allowIndex()] = a;
        }
        return a == 1;
    }

    /** One per detection, reused for every event (the engine runs one event at a time). */
    private final class Sink implements AlertSink {
        private final Entry entry;

        Sink(Entry entry) {
            this.entry = entry;
        }

        @Override
        public void alert(String message) {
            alert(entry.meta().severity(), message);
        }

        @Override
        public void alert(Severity severity, String message) {
            emit(new Alert(entry.meta(), severity, message, current, null), entry.meta().id());
        }

        @Override
        public void alert(Finding finding, String message) {
            // An object may break several checks: one alert per finding, each once per request.
            emit(new Alert(entry.meta(), finding.severity(), message, current, finding),
                    entry.meta().id() + '\u0000' + finding.checkId() + '\u0000' + finding.path());
        }

        @Override
        public void notEvaluated(String reason) {
            if (allowed(entry)) {
                return; // an allowed user's event would not alert whatever it held
            }
            currentNotEvaluated = true;
            notEvaluated.computeIfAbsent(entry.meta().id(), k -> new TreeMap<>()).merge(reason, 1L, Long::sum);
        }

        private void emit(Alert alert, String key) {
            if (allowed(entry) || !fired.add(key + '\u0000' + alert.event().auditID())) {
                return;
            }
            alertsByDetection.merge(alert.detection().id(), 1L, Long::sum);
            alertsBySeverity.merge(alert.severity(), 1L, Long::sum);
            out.accept(alert);
        }
    }

    /** Events seen, duplicates among them. */
    public long events() {
        return events;
    }

    public long duplicates() {
        return duplicates;
    }

    /** Events that at least one detection watches but could not judge (see {@link AlertSink#notEvaluated}). */
    public long notEvaluatedEvents() {
        return notEvaluatedEvents;
    }

    /** How many events each detection could not judge, by reason, in id and reason order. */
    public List<NotEvaluated> notEvaluated() {
        List<NotEvaluated> out = new ArrayList<>();
        notEvaluated.forEach((id, reasons) -> reasons.forEach((reason, n) -> out.add(new NotEvaluated(id, reason, n))));
        return out;
    }

    /** Events a detection watches and could not judge, for one reason. */
    public record NotEvaluated(String detection, String reason, long events) {}

    public Map<String, Long> alertsByDetection() {
        return Map.copyOf(alertsByDetection);
    }

    public Map<Severity, Long> alertsBySeverity() {
        return Map.copyOf(alertsBySeverity);
    }

    /** The allow list a detection runs with (the object rules apply its images themselves). */
    public Allow allowOf(String id) {
        return entries.stream().filter(e -> e.meta().id().equals(id)).map(Entry::allow).findFirst().orElse(Allow.NONE);
    }
}
