package dev.kubeward.source.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SetValuesTest {
    @Test
    void commasSeparateAssignments() {
        assertThat(SetValues.parse("a=1,b.c=two")).containsExactly(Map.entry("a", "1"), Map.entry("b.c", "two"));
    }

    @Test
    void anEscapedCommaIsLiteral() {
        assertThat(SetValues.parse("a=x\\,y")).containsExactly(Map.entry("a", "x,y"));
    }

    @Test
    void listsBecomeIndexes() {
        assertThat(SetValues.parse("l={x,y},k=v")).containsExactly(Map.entry("l[0]", "x"), Map.entry("l[1]", "y"),
                Map.entry("k", "v"));
    }

    @Test
    void anEqualsSignInTheValueStays() {
        assertThat(SetValues.parse("args=--x=1")).containsExactly(Map.entry("args", "--x=1"));
    }

    @Test
    void notAnAssignment() {
        assertThatThrownBy(() -> SetValues.parse("a")).hasMessageContaining("'a' is not key=value");
        assertThatThrownBy(() -> SetValues.parse("=1")).hasMessageContaining("not key=value");
    }
}
