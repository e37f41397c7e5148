package dev.kubeward.runtime;

import dev.kubeward.model.InputError;

/** Where a reader puts what it reads: each event, and each line or event it could not read. */
public interface EventSink {
    void event(AuditEvent event);

    /** A malformed line or event, skipped; reading goes on. */
    void error(InputError error);
}
