package dev.kubeward.pss;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonPathsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "spec|securityContext|spec.securityContext",
        "''|spec|spec",
        "metadata.annotations|container.apparmor.security.beta.kubernetes.io/app|metadata.annotations['container.apparmor.security.beta.kubernetes.io/app']",
        "metadata.annotations|a/b|metadata.annotations['a/b']",
        "metadata.annotations|a.b|metadata.annotations['a.b']",
    })
    void formatsKeys(String base, String key, String expected) {
        assertThat(JsonPaths.field(base, key)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"spec.containers, 0, spec.containers[0]", "spec.volumes, 12, spec.volumes[12]"})
    void formatsIndexes(String base, int index, String expected) {
        assertThat(JsonPaths.index(base, index)).isEqualTo(expected);
    }
}
