package dev.kubeward.model;

/** The identity of an object, as {@code kubectl get} names it. Namespace is null when absent. */
public record ObjectRef(String apiVersion, String kind, String namespace, String name) {
    public String display() {
        String n = name == null || name.isEmpty() ? "(unnamed)" : name;
        return namespace == null || namespace.isEmpty() ? kind + " " + n : kind + " " + namespace + "/" + n;
    }
}
