package dev.kubeward.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/** One container of a pod template, with its path in the enclosing object. */
public record Container(PodTemplate pod, ContainerType type, int index, JsonNode node, JsonPath path) {

    public String name() {
        String n = Json.text(node.get("name"));
        return n == null ? "#" + index : n;
    }

    /** "container \"app\"" / "init container \"setup\"" — how messages name it. */
    public String describe() {
        String prefix = switch (type) {
            case CONTAINER -> "container";
            case INIT -> "init container";
            case EPHEMERAL -> "ephemeral container";
        };
        return prefix + " \"" + name() + "\"";
    }

    public JsonNode securityContext() {
        JsonNode sc = node.get("securityContext");
        return sc == null ? MissingNode.getInstance() : sc;
    }

    public JsonPath securityContextPath() {
        return path.key("securityContext");
    }

    /** A field of the container's own securityContext. */
    public Field ownSecurity(String field) {
        return Field.at(securityContext(), securityContextPath(), field);
    }

    /**
     * The value in effect for a field both the pod and the container securityContext have
     * (runAsUser, runAsGroup, runAsNonRoot, seLinuxOptions, seccompProfile, appArmorProfile,
     * windowsOptions): the container's value wins when it is set, as in Kubernetes.
     * When neither sets it, the container path is returned as the place to set it.
     */
    public Field effectiveSecurity(String field) {
        Field own = ownSecurity(field);
        if (own.present()) {
            return own;
        }
        Field podLevel = pod.podSecurity(field);
        return podLevel.present() ? podLevel : own;
    }

    public String image() {
        return Json.text(node.get("image"));
    }

    public Field field(String key) {
        return Field.at(node, path, key);
    }
}
