package dev.kubeward.netpol;

/**
 * One entry of a rule's {@code ports}: a protocol with either a port number (optionally a range
 * up to {@code endPort}), a named port, or neither (all ports of the protocol).
 */
public record PolicyPort(Protocol protocol, Integer port, String portName, Integer endPort) {

    public PolicyPort {
        if (protocol == null) {
            protocol = Protocol.TCP;
        }
    }

    public boolean isNamed() {
        return portName != null;
    }

    /** The connections this entry allows when it does not depend on the destination pod. */
    ConnectionSet numericConnections() {
        if (port == null) {
            return ConnectionSet.allPorts(protocol);
        }
        int last = endPort == null ? port : endPort;
        return ConnectionSet.of(protocol, PortSet.range(port, last));
    }

    /**
     * Resolves a named port against a destination pod's container ports. A name resolves only to
     * a container port of the same name and protocol; with no such port the entry allows nothing
     * towards that pod.
     */
    ConnectionSet resolveNamed(java.util.List<ContainerPort> destinationPorts) {
        ConnectionSet result = ConnectionSet.NONE;
        for (ContainerPort candidate : destinationPorts) {
            if (portName.equals(candidate.name()) && candidate.protocol() == protocol) {
                result = result.union(ConnectionSet.of(protocol, candidate.port()));
            }
        }
        return result;
    }

    @Override
    public String toString() {
        if (portName != null) {
            return protocol + " " + portName;
        }
        if (port == null) {
            return protocol + " (all ports)";
        }
        // endPort equal to port is a range of one: print it as the single port, as connection sets do.
        return protocol + " " + port + (endPort == null || endPort.equals(port) ? "" : "-" + endPort);
    }
}
