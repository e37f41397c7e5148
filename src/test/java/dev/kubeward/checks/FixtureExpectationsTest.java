package dev.kubeward.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FixtureExpectationsTest {
    @Test
    void trailingCommentExpectsItsOwnLine() {
        assertThat(FixtureExpectations.parse("a: 1\nprivileged: true  # expect: privileged-container\n"))
                .extracting(FixtureExpectations.Expected::key)
                .containsExactly("privileged-container at line 2");
    }

    @Test
    void ownLineCommentExpectsTheNextCodeLine() {
        String text = "a: 1\n# expect: x, y@high\n\n# another comment\n- name: app\n";
        assertThat(FixtureExpectations.parse(text)).extracting(FixtureExpectations.Expected::key)
                .containsExactly("x at line 5", "y@high at line 5");
    }

    @Test
    void danglingExpectationIsAnError() {
        assertThatThrownBy(() -> FixtureExpectations.parse("a: 1\n# expect: x\n")).isInstanceOf(IllegalArgumentException.class);
    }
}
