package dev.kubeward.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressesTest {
    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource({
        "127.0.0.1, true", "127.1.2.3, true", "::1, true", "localhost, true", "LOCALHOST, true", "' 127.0.0.1 ', true",
        "0.0.0.0, false", "::, false", "'', false", "10.0.0.1, false", "127.0.0, false", "128.0.0.1, false",
        "localhost.example.com, false", "::ffff:127.0.0.1, false",
    })
    void loopbackHosts(String host, boolean loopback) {
        assertThat(Addresses.isLoopbackHost(host)).isEqualTo(loopback);
    }
}
