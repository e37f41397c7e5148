package dev.kubeward.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.audit.AuditLevel;
import dev.kubeward.audit.AuditStage;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * One audit.k8s.io Event (v1 or v1beta1) as the API server writes it, with the fields detections
 * read, and where it was read from.
 *
 * @param level null when the event does not say (v1beta1 events of old servers)
 * @param code the response status code, 0 when the event has none (RequestReceived)
 * @param requestObject null unless logged at Request or RequestResponse
 * @param responseObject null unless logged at RequestResponse
 * @param time requestReceivedTimestamp, else stageTimestamp, else v1beta1's timestamp; null if none
 * @param line the line of the file where the event starts
 */
public record AuditEvent(
        String apiVersion,
        String auditID,
        AuditStage stage,
        AuditLevel level,
        String requestURI,
        String verb,
        User user,
        User impersonatedUser,
        List<String> sourceIPs,
        String userAgent,
        Target objectRef,
        int code,
        String statusReason,
        JsonNode requestObject,
        JsonNode responseObject,
        Map<String, String> annotations,
        String time,
        String stageTimestamp,
        String file,
        long line) {

    public static final String V1 = "audit.k8s.io/v1";
    public static final String V1BETA1 = "audit.k8s.io/v1beta1";

    /** The authenticated (or impersonating) user: username and groups (uid and extra are not read). */
    public record User(String username, List<String> groups) {
        public static final User NONE = new User("", List.of());

        public User {
            groups = List.copyOf(groups);
        }

        public boolean isServiceAccount() {
            return username.startsWith("system:serviceaccount:") && username.split(":", -1).length == 4;
        }

        /** "shop/web" for system:serviceaccount:shop:web, else null. */
        public String serviceAccount() {
            if (!isServiceAccount()) {
                return null;
            }
            String[] p = username.split(":", -1);
            return p[2] + "/" + p[3];
        }
    }

    /**
     * The object of a resource request; null for a non-resource request ({@code /healthz}).
     *
     * @param apiGroup "" for the core group
     * @param namespace "" for cluster-scoped objects and cluster-wide lists
     * @param name "" for list, watch and create without a name
     * @param subresource "" when the request is for the resource itself
     */
    public record Target(String apiGroup, String apiVersion, String resource, String subresource, String namespace,
            String name) {
        /** "pods/exec", or "pods". */
        public String resourcePath() {
            return subresource.isEmpty() ? resource : resource + "/" + subresource;
        }

        /** "pods/exec shop/web-0", "clusterroles admin", "secrets in shop". */
        public String describe() {
            String res = (apiGroup.isEmpty() ? "" : apiGroup + "/") + resourcePath();
            if (name.isEmpty()) {
                return namespace.isEmpty() ? res : res + " in " + namespace;
            }
            return res + " " + (namespace.isEmpty() ? name : namespace + "/" + name);
        }

        public boolean is(String group, String res) {
            return apiGroup.equals(group) && resource.equals(res);
        }
    }

    public AuditEvent {
        // Wrapped, not copied: hundreds of thousands of events a second go through here.
        sourceIPs = java.util.Collections.unmodifiableList(sourceIPs);
        annotations = java.util.Collections.unmodifiableMap(annotations);
    }

    public boolean isResourceRequest() {
        return objectRef != null;
    }

    /** True when the response succeeded (2xx, or 101 for an upgraded exec/attach/port-forward stream). */
    public boolean succeeded() {
        return code >= 200 && code < 300 || code == 101;
    }

    public String annotation(String key) {
        return annotations.get(key);
    }

    /** The request's time, or null when the event has none or it is not an RFC 3339 time. */
    public Instant instant() {
        if (time == null) {
            return null;
        }
        try {
            return Instant.parse(time);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(time).toInstant();
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    /** "audit.log:12" — where the event was read. */
    public String location() {
        return line > 0 ? file + ":" + line : file;
    }
}
