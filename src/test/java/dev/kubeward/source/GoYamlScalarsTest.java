package dev.kubeward.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Plain scalars as kubectl (sigs.k8s.io/yaml over go-yaml v2) turns them into JSON. */
class GoYamlScalarsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        // YAML 1.1 booleans, including the y/n forms SnakeYAML's defaults lack
        "y|true", "Y|true", "yes|true", "Yes|true", "YES|true", "true|true", "True|true", "TRUE|true",
        "on|true", "On|true", "ON|true",
        "n|false", "N|false", "no|false", "No|false", "NO|false", "false|false", "False|false", "FALSE|false",
        "off|false", "Off|false", "OFF|false",
        // near misses stay strings
        "yES|\"yES\"", "tRUE|\"tRUE\"", "oN|\"oN\"", "yes!|\"yes!\"", "nope|\"nope\"",
        // nulls
        "~|null", "null|null", "Null|null", "NULL|null", "nULL|\"nULL\"",
        // integers with Go's syntax
        "0|0", "42|42", "-7|-7", "+12|12", "1_000|1000", "0x1F|31", "0X1f|31", "-0x10|-16", "0o17|15", "0O17|15",
        "017|15", "0b101|5", "-0b11|-3", "0_7|7",
        "9223372036854775807|9223372036854775807", "18446744073709551615|18446744073709551615",
        // not integers
        "08|8.0", "09.5|9.5", "1e3|1000.0", "1.5|1.5", "-1.5E-2|-0.015", ".5|0.5", "+.5|0.5", "1.|1.0",
        "99999999999999999999|1.0E20",
        "0x|\"0x\"", "0b2|\"0b2\"", "1:20|\"1:20\"", "190:20:30|\"190:20:30\"", "12e|\"12e\"", "-|\"-\"",
        "1e400|\"1e400\"", "2001-12-14|\"2001-12-14\"", "1.2.3|\"1.2.3\"", "_1|\"_1\"", ".|\".\"",
        "0.0.0.0/0|\"0.0.0.0/0\"", "1Gi|\"1Gi\"", "500m|\"500m\"", "<<|\"<<\""
    })
    void resolvesLikeKubectl(String in, String expectedJson) throws Exception {
        JsonNode node = GoYamlScalars.resolvePlain(in);
        assertThat(node.toString()).isEqualTo(expectedJson);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "~"})
    void emptyAndTildeAreNull(String in) throws Exception {
        assertThat(GoYamlScalars.resolvePlain(in).isNull()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {".inf", ".Inf", "+.INF", "-.inf", ".nan", ".NaN"})
    void infinitiesAndNanCannotBecomeJson(String in) {
        assertThatThrownBy(() -> GoYamlScalars.resolvePlain(in))
                .isInstanceOf(GoYamlScalars.UnrepresentableValue.class)
                .hasMessageContaining("JSON cannot represent");
    }

    @ParameterizedTest(name = "{0} is an integral number")
    @CsvSource({"1e3,1000", "0o0,0", "0x0,0", "-0,0"})
    void integralNumbersReadAsIntegers(String in, long expected) throws Exception {
        assertThat(dev.kubeward.model.Json.integer(GoYamlScalars.resolvePlain(in))).hasValue(expected);
    }
}
