package dev.kubeward.netpol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Ports print as connection sets do (docs/netpol.md): one port alone, a range with a dash. */
class PolicyPortTest {
    @ParameterizedTest(name = "{4}")
    @CsvSource(nullValues = "null", value = {
        "TCP, 9100, null, null, TCP 9100",
        "TCP, 9100, null, 9100, TCP 9100",
        "TCP, 9100, null, 9102, TCP 9100-9102",
        "UDP, 53, null, null, UDP 53",
        "TCP, null, metrics, null, TCP metrics",
        "SCTP, null, null, null, SCTP (all ports)",
    })
    void printsLikeConnectionSets(Protocol protocol, Integer port, String name, Integer endPort, String text) {
        assertThat(new PolicyPort(protocol, port, name, endPort)).hasToString(text);
    }
}
