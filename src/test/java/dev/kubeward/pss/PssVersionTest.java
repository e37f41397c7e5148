package dev.kubeward.pss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PssVersionTest {

    @ParameterizedTest
    @CsvSource({
        "v1.0, 0, false, 0",
        "v1.29, 29, false, 29",
        "v1.37, 37, false, 37",
        "v1.38, 38, false, 37",
        "v1.1000, 1000, false, 37",
        "latest, 37, true, 37",
    })
    void parsesAdmissionVersions(String text, int minor, boolean latest, int effectiveMinor) {
        PssVersion version = PssVersion.parse(text);
        assertThat(version.minor()).isEqualTo(minor);
        assertThat(version.latest()).isEqualTo(latest);
        assertThat(version.effectiveMinor()).isEqualTo(effectiveMinor);
        assertThat(version).hasToString(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "v1", "v1.", "1.29", "v2.0", "v1.01", "v1.x", "V1.29", "Latest", " v1.29",
        "v1.29 ", "v1.-1", "v1.99999999999"})
    void rejectsWhatAdmissionRejects(String text) {
        assertThatThrownBy(() -> PssVersion.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + text + "\"")
                .hasMessageContaining("must be \"latest\" or \"v1.x\"");
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> PssVersion.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void knownVersionsRunFromV1Dot0ToTheNewestMinor() {
        assertThat(PssVersion.known()).hasSize(PssVersion.NEWEST_KNOWN_MINOR + 1);
        assertThat(PssVersion.known().get(0)).isEqualTo(PssVersion.of(0));
        assertThat(PssVersion.known().get(PssVersion.NEWEST_KNOWN_MINOR)).hasToString("v1.37");
        assertThat(PssVersion.NEWEST_KNOWN_MINOR).isGreaterThanOrEqualTo(34);
    }

    @Test
    void negativeMinorIsRejected() {
        assertThatThrownBy(() -> PssVersion.of(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
