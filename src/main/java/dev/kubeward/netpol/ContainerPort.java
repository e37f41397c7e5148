package dev.kubeward.netpol;

/** A port a container declares; {@code name} is null when the port is unnamed. */
public record ContainerPort(String name, int port, Protocol protocol) {
    public ContainerPort {
        if (protocol == null) {
            protocol = Protocol.TCP;
        }
    }
}
