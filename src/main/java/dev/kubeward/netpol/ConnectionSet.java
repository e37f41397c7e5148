package dev.kubeward.netpol;

import java.util.Arrays;
import java.util.StringJoiner;

/**
 * An immutable set of connections: for each protocol, the ports allowed. Rendering follows
 * netpol-analyzer: "All Connections", "No Connections", or protocols in alphabetical order each
 * with its port list, e.g. "TCP 10053-10054,UDP 10053".
 */
public final class ConnectionSet {
    private static final Protocol[] PROTOCOLS = Protocol.values();

    public static final ConnectionSet NONE = new ConnectionSet(filled(PortSet.EMPTY));
    public static final ConnectionSet ALL = new ConnectionSet(filled(PortSet.ALL));

    /** Indexed by Protocol.ordinal(); never null entries. */
    private final PortSet[] ports;

    private ConnectionSet(PortSet[] ports) {
        this.ports = ports;
    }

    private static PortSet[] filled(PortSet value) {
        PortSet[] array = new PortSet[PROTOCOLS.length];
        Arrays.fill(array, value);
        return array;
    }

    public static ConnectionSet of(Protocol protocol, PortSet portSet) {
        PortSet[] array = filled(PortSet.EMPTY);
        array[protocol.ordinal()] = portSet;
        return canonical(array);
    }

    public static ConnectionSet of(Protocol protocol, int port) {
        return of(protocol, PortSet.of(port));
    }

    /** All ports of one protocol, what a policy port with a protocol and no port means. */
    public static ConnectionSet allPorts(Protocol protocol) {
        return of(protocol, PortSet.ALL);
    }

    public PortSet ports(Protocol protocol) {
        return ports[protocol.ordinal()];
    }

    public boolean isEmpty() {
        return this == NONE;
    }

    public boolean isAll() {
        return this == ALL;
    }

    public boolean contains(Protocol protocol, int port) {
        return ports[protocol.ordinal()].contains(port);
    }

    /** True when every connection in {@code other} is also in this set. */
    public boolean containsAll(ConnectionSet other) {
        return other.subtract(this).isEmpty();
    }

    public ConnectionSet union(ConnectionSet other) {
        if (other.isEmpty() || this.isAll()) {
            return this;
        }
        if (this.isEmpty() || other.isAll()) {
            return other;
        }
        PortSet[] out = new PortSet[PROTOCOLS.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = ports[i].union(other.ports[i]);
        }
        return canonical(out);
    }

    public ConnectionSet intersect(ConnectionSet other) {
        if (this.isEmpty() || other.isAll()) {
            return this;
        }
        if (other.isEmpty() || this.isAll()) {
            return other;
        }
        PortSet[] out = new PortSet[PROTOCOLS.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = ports[i].intersect(other.ports[i]);
        }
        return canonical(out);
    }

    public ConnectionSet subtract(ConnectionSet other) {
        if (this.isEmpty() || other.isEmpty()) {
            return this;
        }
        PortSet[] out = new PortSet[PROTOCOLS.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = ports[i].subtract(other.ports[i]);
        }
        return canonical(out);
    }

    /** Interns the two extreme values so identity checks (isAll/isEmpty) stay valid. */
    private static ConnectionSet canonical(PortSet[] ports) {
        boolean all = true;
        boolean none = true;
        for (PortSet p : ports) {
            all &= p.isAll();
            none &= p.isEmpty();
        }
        if (all) {
            return ALL;
        }
        if (none) {
            return NONE;
        }
        return new ConnectionSet(ports);
    }

    @Override
    public String toString() {
        if (isAll()) {
            return "All Connections";
        }
        if (isEmpty()) {
            return "No Connections";
        }
        StringJoiner text = new StringJoiner(",");
        for (Protocol protocol : PROTOCOLS) {
            PortSet set = ports[protocol.ordinal()];
            if (!set.isEmpty()) {
                text.add(protocol.name() + " " + set);
            }
        }
        return text.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectionSet other && Arrays.equals(ports, other.ports);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ports);
    }
}
