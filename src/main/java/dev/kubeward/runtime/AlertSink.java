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
}
