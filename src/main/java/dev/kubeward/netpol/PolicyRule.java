package dev.kubeward.netpol;

import java.util.List;

/**
 * One ingress or egress rule. {@code peers} empty means the rule's from/to was absent or empty:
 * every source/destination, in-cluster and external. {@code ports} empty means all connections.
 * {@code index} is the position in the policy's rule list and {@code path} the JSON path of the
 * rule (e.g. {@code spec.ingress[0]}).
 */
public record PolicyRule(Direction direction, int index, String path, List<PolicyPeer> peers, List<PolicyPort> ports) {

    public PolicyRule {
        peers = List.copyOf(peers);
        ports = List.copyOf(ports);
    }

    public boolean allowsAllPeers() {
        return peers.isEmpty();
    }

    public boolean hasNamedPorts() {
        return ports.stream().anyMatch(PolicyPort::isNamed);
    }

    /** The part of the allowed connections that does not depend on the destination pod. */
    public ConnectionSet numericConnections() {
        if (ports.isEmpty()) {
            return ConnectionSet.ALL;
        }
        ConnectionSet result = ConnectionSet.NONE;
        for (PolicyPort port : ports) {
            if (!port.isNamed()) {
                result = result.union(port.numericConnections());
            }
        }
        return result;
    }

    /**
     * Connections towards a destination with the given container ports; null ports stand for a
     * destination outside the cluster, where a named port cannot be resolved.
     */
    public ConnectionSet connectionsTo(List<ContainerPort> destinationPorts) {
        ConnectionSet result = numericConnections();
        if (destinationPorts == null || result.isAll()) {
            return result;
        }
        for (PolicyPort port : ports) {
            if (port.isNamed()) {
                result = result.union(port.resolveNamed(destinationPorts));
            }
        }
        return result;
    }
}
