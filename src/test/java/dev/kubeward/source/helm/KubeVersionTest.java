package dev.kubeward.source.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Chart.yaml kubeVersion constraints, as Masterminds semver v3 (Helm's) decides them. */
class KubeVersionTest {
    @ParameterizedTest(name = "{0} satisfies {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "v1.30.2 | >=1.25.0-0          | true",
        "v1.24.9 | >=1.25.0-0          | false",
        "v1.30.0 | >= 1.25.0           | true",
        "v1.30.0 | <1.30.0             | false",
        "v1.30.0 | <=1.30              | true",
        "v1.30.5 | <=1.30              | true",
        "v1.31.0 | <=1.30              | false",
        "v1.30.0 | >1.29               | true",
        "v1.29.9 | >1.29               | false",
        "v1.30.0 | ~1.30.0             | true",
        "v1.31.0 | ~1.30.0             | false",
        "v1.30.9 | ~1.30               | true",
        "v1.30.0 | ^1.20               | true",
        "v2.0.0  | ^1.20               | false",
        "v1.30.0 | 1.x                 | true",
        "v1.30.0 | 1.30.x              | true",
        "v1.31.0 | 1.30.x              | false",
        "v1.30.0 | 1.28 - 1.30         | true",
        "v1.31.0 | 1.28 - 1.30         | false",
        "v1.30.0 | '>=1.20 <1.25 || >=1.29' | true",
        "v1.27.0 | '>=1.20 <1.25 || >=1.29' | false",
        "v1.30.0 | >=1.20, <1.31       | true",
        "v1.30.0 | !=1.30.0            | false",
        "v1.30.0 | *                   | true",
        // Masterminds v3: a prerelease version satisfies only a constraint that names a prerelease.
        "v1.30.0-eks-1 | >=1.25        | false",
        "v1.30.0-eks-1 | >=1.25.0-0    | true",
    })
    void constraints(String version, String constraint, boolean expected) {
        assertThat(KubeVersion.parse(version).satisfies(constraint)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"1.33, v1.33.0, 1, 33", "v1.29.3, v1.29.3, 1, 29", "v1.29.3-eks-1, v1.29.3-eks-1, 1, 29"})
    void versionsAsHelmParsesThem(String text, String version, String major, String minor) {
        KubeVersion v = KubeVersion.parse(text);
        assertThat(v.version()).isEqualTo(version);
        assertThat(v.major()).isEqualTo(major);
        assertThat(v.minor()).isEqualTo(minor);
    }

    @ParameterizedTest
    @CsvSource({"latest", "1.x", "'v1.2.3.4'", "''"})
    void notVersions(String text) {
        assertThatThrownBy(() -> KubeVersion.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a Kubernetes version");
    }

    @ParameterizedTest
    @CsvSource({"'>=a.b'", "'>= '"})
    void badConstraints(String c) {
        assertThatThrownBy(() -> KubeVersion.parse("1.30").satisfies(c)).isInstanceOf(IllegalArgumentException.class);
    }
}
