package dev.kubeward.check;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Everything a person needs to know about a check, in one place beside its code: the registry,
 * {@code kubeward checks}, {@code kubeward explain}, SARIF rules and docs/checks.md are all
 * generated from it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface CheckInfo {
    /** Stable lowercase slug; the contract with users' configuration. Never reused. */
    String id();

    String title();

    Severity severity();

    /** A family such as "Pod security" or "Images"; groups checks in docs. */
    String category();

    /** What the check looks at and when it fires. */
    String description();

    /** Why it matters: the attack or failure it prevents. */
    String rationale();

    /** How to fix it. */
    String remediation();

    /** CIS Kubernetes Benchmark ids (v1.12 numbering, no prefix), e.g. "5.2.2". */
    String[] cis() default {};

    /** NSA/CISA Kubernetes Hardening Guide (v1.2) sections. */
    String[] nsaCisa() default {};

    /** Pod Security Standards controls, "Level: Control". */
    String[] pss() default {};

    /** MITRE ATT&CK technique ids. */
    String[] mitre() default {};

    /** Checks that are opinions rather than hardening baselines can be opt-in. */
    boolean enabledByDefault() default true;
}
