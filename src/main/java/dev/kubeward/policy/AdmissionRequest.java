package dev.kubeward.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One request to admit, as admission.Attributes carries it to the policy plugins: the
 * operation, the kind and resource asked for, the user, and the object and old object
 * ({@code object} null on DELETE, {@code oldObject} null on CREATE). {@code namespace} is empty
 * for a cluster-scoped resource and the namespace's own name for a Namespace.
 */
public record AdmissionRequest(String operation, Gvk kind, Gvr resource, String subResource, String name,
        String namespace, UserInfo userInfo, boolean dryRun, JsonNode options, JsonNode object, JsonNode oldObject) {

    public record Gvk(String group, String version, String kind) {
        public static Gvk ofApiVersion(String apiVersion, String kind) {
            int slash = apiVersion.indexOf('/');
            return slash < 0 ? new Gvk("", apiVersion, kind) : new Gvk(apiVersion.substring(0, slash), apiVersion.substring(slash + 1), kind);
        }

        public String apiVersion() {
            return group.isEmpty() ? version : group + "/" + version;
        }

        @Override
        public String toString() {
            return (group.isEmpty() ? "" : group + "/") + version + ", Kind=" + kind;
        }
    }

    public record Gvr(String group, String version, String resource) {
        @Override
        public String toString() {
            return (group.isEmpty() ? "" : group + "/") + version + ", Resource=" + resource;
        }
    }

    public record UserInfo(String username, String uid, List<String> groups, Map<String, List<String>> extra) {
        public UserInfo {
            groups = List.copyOf(groups);
            extra = Map.copyOf(extra);
        }
    }

    public AdmissionRequest {
        subResource = subResource == null ? "" : subResource;
        name = name == null ? "" : name;
        namespace = namespace == null ? "" : namespace;
    }

    /** The object the request is about: the new one, or the old one on DELETE. */
    public JsonNode subject() {
        return object != null ? object : oldObject;
    }
}
