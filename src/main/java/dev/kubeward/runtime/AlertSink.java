package dev.kubeward.runtime;

import dev.kubeward.check.Finding;
import dev.kubeward.check.Severity;

/** Where a detection reports; the engine adds the detection and the event. */
public interface AlertSink {
    /** An alert at the detection's own severity. */
    void alert(String message);

    void alert(Severity severity, String message);

    /** An object rule's alert: a check's finding on the event's object. */
    void alert(Finding finding, String message);

    /**
     * The event is one the detection watches, but it cannot judge it (the audit level left out
     * the body it needs, the object has no kind): counted by reason and reported, never dropped
     * silently. {@code reason} is one of a few fixed sentences, not built from the event.
     */
    void notEvaluated(String reason);
}
