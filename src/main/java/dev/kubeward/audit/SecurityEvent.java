package dev.kubeward.audit;

/**
 * A request whose audit record matters after an incident.
 *
 * @param id a stable slug, used in findings and JSON output
 * @param needed the least level that shows what happened: Metadata names who did what to which
 *     object; Request adds the body, where a pod's privileged flag or a binding's role is
 * @param required false for requests probed only to see whether the policy logs secret bodies
 * @param sensitiveBody the request or response body carries secret material (Secret data, a
 *     service-account token, a TokenReview's token), so logging it at Request or above leaks it
 */
public record SecurityEvent(
        String id,
        String title,
        AuditRequest request,
        AuditLevel needed,
        boolean required,
        boolean sensitiveBody) {}
