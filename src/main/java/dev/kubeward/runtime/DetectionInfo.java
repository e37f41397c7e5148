package dev.kubeward.runtime;

import dev.kubeward.audit.AuditLevel;
import dev.kubeward.audit.AuditStage;
import dev.kubeward.check.Severity;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Everything about a detection, beside its code, as {@code @CheckInfo} is for checks:
 * {@code kubeward detections}, docs/detections.md and the audit-policy coverage are generated
 * from it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface DetectionInfo {
    /** Stable lowercase slug, never reused. */
    String id();

    String title();

    Severity severity();

    /** What the detection looks at and when it fires. */
    String description();

    /** What to do when it fires. */
    String response();

    /** MITRE ATT&CK for Containers technique ids (T1609, T1552.007). */
    String[] mitre();

    /** The Falco k8saudit rules it corresponds to, by name; none when Falco has no such rule. */
    String[] falco() default {};

    /** The least audit level at which the detection sees what it needs. */
    AuditLevel level();

    /** The stages it acts on: it fires once per request, at the first of them that is logged. */
    AuditStage[] stages();

    /**
     * The level below which the corresponding Falco rules fire on every matching request rather
     * than going quiet (their condition is "not" a field of the body); NONE when they do not.
     */
    AuditLevel falcoMisfiresBelow() default AuditLevel.NONE;
}
