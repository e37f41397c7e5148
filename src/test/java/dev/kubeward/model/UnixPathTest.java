package dev.kubeward.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnixPathTest {
    @ParameterizedTest
    @CsvSource({
        "/, /",
        "'', /",
        "./usr/lib/../bin/, /usr/bin",
        "//var///run/./docker.sock, /var/run/docker.sock",
        "/../../etc/shadow, /etc/shadow",
        "../x/.., /",
        "etc/os-release, /etc/os-release",
        "/proc/.., /",
        "/a/b/c/../../d, /a/d",
    })
    void cleansAsTheKernelResolvesAndConfinesToTheRoot(String in, String out) {
        assertThat(UnixPath.clean(in)).isEqualTo(out);
    }
}
