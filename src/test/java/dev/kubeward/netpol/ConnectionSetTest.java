package dev.kubeward.netpol;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionSetTest {

    @Test
    void rendersLikeNetpolAnalyzer() {
        ConnectionSet dns = ConnectionSet.of(Protocol.TCP, PortSet.range(10053, 10054))
                .union(ConnectionSet.of(Protocol.UDP, 10053));
        assertThat(dns).hasToString("TCP 10053-10054,UDP 10053");
        assertThat(ConnectionSet.of(Protocol.TCP, 8080)).hasToString("TCP 8080");
        assertThat(ConnectionSet.ALL).hasToString("All Connections");
        assertThat(ConnectionSet.NONE).hasToString("No Connections");
    }

    @Test
    void ordersProtocolsAlphabeticallyAndMergesAdjacentPorts() {
        ConnectionSet set = ConnectionSet.of(Protocol.UDP, 53)
                .union(ConnectionSet.of(Protocol.TCP, 81))
                .union(ConnectionSet.of(Protocol.TCP, 80))
                .union(ConnectionSet.of(Protocol.TCP, 9090))
                .union(ConnectionSet.allPorts(Protocol.SCTP));
        assertThat(set).hasToString("SCTP 1-65535,TCP 80-81,9090,UDP 53");
    }

    @Test
    void allButOnePortIsRenderedAsComplementRanges() {
        ConnectionSet allButTcp80 = ConnectionSet.ALL.subtract(ConnectionSet.of(Protocol.TCP, 80));
        assertThat(allButTcp80).hasToString("SCTP 1-65535,TCP 1-79,81-65535,UDP 1-65535");
        assertThat(allButTcp80.union(ConnectionSet.of(Protocol.TCP, 80))).isSameAs(ConnectionSet.ALL);
    }

    @Test
    void intersectionKeepsOnlyCommonPortsPerProtocol() {
        ConnectionSet left = ConnectionSet.of(Protocol.TCP, PortSet.range(8000, 8100)).union(ConnectionSet.of(Protocol.UDP, 53));
        ConnectionSet right = ConnectionSet.of(Protocol.TCP, PortSet.range(8050, 9000)).union(ConnectionSet.of(Protocol.TCP, 53));
        assertThat(left.intersect(right)).hasToString("TCP 8050-8100");
        assertThat(left.intersect(ConnectionSet.of(Protocol.SCTP, 1))).isSameAs(ConnectionSet.NONE);
        assertThat(left.intersect(ConnectionSet.ALL)).isEqualTo(left);
    }

    @Test
    void portSetContainsAndComplement() {
        PortSet set = PortSet.range(10, 20).union(PortSet.of(30));
        assertThat(set.contains(10)).isTrue();
        assertThat(set.contains(21)).isFalse();
        assertThat(set.contains(30)).isTrue();
        assertThat(set.complement()).hasToString("1-9,21-29,31-65535");
        assertThat(PortSet.range(100, 99).isEmpty()).isTrue();
    }

    @Test
    void containsAllComparesSets() {
        ConnectionSet tcp = ConnectionSet.allPorts(Protocol.TCP);
        assertThat(tcp.containsAll(ConnectionSet.of(Protocol.TCP, 443))).isTrue();
        assertThat(tcp.containsAll(ConnectionSet.of(Protocol.UDP, 443))).isFalse();
    }
}
