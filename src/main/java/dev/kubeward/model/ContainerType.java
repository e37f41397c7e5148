package dev.kubeward.model;

/** The three lists of containers a pod spec has; all three run code on the node. */
public enum ContainerType {
    CONTAINER("containers"),
    INIT("initContainers"),
    EPHEMERAL("ephemeralContainers");

    private final String field;

    ContainerType(String field) {
        this.field = field;
    }

    /** The pod spec field that lists containers of this type. */
    public String field() {
        return field;
    }
}
