package dev.kubeward.runtime;

import dev.kubeward.check.Finding;
import dev.kubeward.check.Severity;

/**
 * What a detection found in one event: the detection, how severe, a sentence, the event it is
 * about, and for an object rule the check's finding (with its JSON path in the object).
 */
public record Alert(DetectionMeta detection, Severity severity, String message, AuditEvent event, Finding finding) {}
