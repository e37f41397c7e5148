package dev.kubeward.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubeward.model.JsonPath;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The normalised paths and values a baseline fingerprint is made of. */
class BaselineTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode tree(String json) throws Exception {
        return JSON.readTree(json.replace('\'', '"'));
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "{'spec':{'containers':[{'name':'a'},{'name':'b','image':'x'}]}} | spec.containers[1].image | spec.containers[name=b].image",
        "{'spec':{'containers':[{'name':'a'}]}} | spec.containers[3].image | spec.containers[3].image",
        "{'rules':[{'verbs':['get','*']}]} | rules[0].verbs[1] | rules[#08406bfad799].verbs[=*]",
        "{'metadata':{'annotations':{'a.b/c':'x'}}} | metadata['a.b/c'] | metadata['a.b/c']",
        "{'spec':{}} | spec.hostPID | spec.hostPID",
        "{} | '' | ''",
    })
    // The digest of an element is SHA-256 over its canonical JSON, first 12 hex digits:
    // printf '%s' '{"verbs":["get","*"]}' | sha256sum gives 08406bfad799...
    void pathsNameListElementsByWhatTheyAre(String object, String path, String normalised) throws Exception {
        assertThat(Baseline.normalisedPath(tree(object), JsonPath.parse(path))).isEqualTo(normalised);
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "{'spec':{'hostPID':true}} | spec.hostPID | =true",
        "{'spec':{'image':'nginx:1.25'}} | spec.image | ='nginx:1.25'",
        "{'spec':{}} | spec.hostPID | absent",
        "{'spec':{'c':{'x':1}}} | spec.c | ~container c has # problems",
        "{'spec':{'c':[1]}} | spec.c[4] | absent",
    })
    void valuesAreTheScalarAbsentOrTheMaskedMessage(String object, String path, String value) throws Exception {
        assertThat(Baseline.value(tree(object), JsonPath.parse(path), "container c has 12 problems"))
                .isEqualTo(value.replace('\'', '"'));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{'b':1,'a':[{'y':2,'x':1}]} | {'a':[{'x':1,'y':2}],'b':1}",
    })
    void contentDigestsIgnoreKeyOrder(String a, String b) throws Exception {
        assertThat(Baseline.canonical(tree(a))).isEqualTo(Baseline.canonical(tree(b)));
        assertThat(Baseline.canonical(tree(a))).isNotEqualTo(Baseline.canonical(tree("{'b':1,'a':[{'y':2,'x':3}]}")));
    }
}
