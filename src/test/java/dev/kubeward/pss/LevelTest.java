package dev.kubeward.pss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LevelTest {

    @ParameterizedTest
    @CsvSource({"privileged, PRIVILEGED", "baseline, BASELINE", "restricted, RESTRICTED"})
    void parsesLabelValues(String text, Level expected) {
        assertThat(Level.parse(text)).isEqualTo(expected);
        assertThat(expected.label()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Baseline", "RESTRICTED", "", " baseline", "strict"})
    void parsesCaseSensitively(String text) {
        assertThatThrownBy(() -> Level.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be one of privileged, baseline, restricted");
    }
}
