package dev.kubeward.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The label selector semantics (Kubernetes "Labels and Selectors" concepts page: matchLabels and
 * matchExpressions are ANDed, NotIn and DoesNotExist match objects without the key) and the API
 * server's validation of selectors, in its words: ValidateLabelSelector /
 * ValidateLabelSelectorRequirement (k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go),
 * IsLabelKey / IsLabelValue (pkg/api/validate/content/kube.go), RegexError
 * (pkg/util/validation/validation.go).
 */
class LabelSelectorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode yaml(String text) {
        return JSON.valueToTree(new Yaml().load(text));
    }

    static Stream<Arguments> matching() {
        return Stream.of(
                Arguments.of("{}", Map.of(), true),
                Arguments.of("{matchLabels: {app: web}}", Map.of("app", "web", "tier", "x"), true),
                Arguments.of("{matchLabels: {app: web}}", Map.of("app", "api"), false),
                Arguments.of("{matchExpressions: [{key: app, operator: In, values: [web, api]}]}", Map.of("app", "api"), true),
                Arguments.of("{matchExpressions: [{key: app, operator: In, values: [web]}]}", Map.of(), false),
                Arguments.of("{matchExpressions: [{key: app, operator: NotIn, values: [web]}]}", Map.of(), true),
                Arguments.of("{matchExpressions: [{key: app, operator: NotIn, values: [web]}]}", Map.of("app", "web"), false),
                Arguments.of("{matchExpressions: [{key: app, operator: Exists}]}", Map.of("app", ""), true),
                Arguments.of("{matchExpressions: [{key: app, operator: DoesNotExist}]}", Map.of(), true),
                Arguments.of("{matchLabels: {app: web}, matchExpressions: [{key: tier, operator: Exists}]}",
                        Map.of("app", "web"), false),
                // An operator the API does not know makes the selector match nothing (the API rejects it).
                Arguments.of("{matchExpressions: [{key: app, operator: Equals, values: [web]}]}", Map.of("app", "web"), false));
    }

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @MethodSource("matching")
    void matchesAsTheApiDoes(String selector, Map<String, String> labels, boolean expected) {
        assertThat(LabelSelector.parse(yaml(selector)).matches(labels)).isEqualTo(expected);
    }

    static Stream<Arguments> validation() {
        String keyRegex = "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
                + "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
        return Stream.of(
                Arguments.of("{matchLabels: {app: web}, matchExpressions: [{key: a.io/b, operator: In, values: [x]}]}",
                        List.of()),
                Arguments.of("{matchExpressions: [{key: app, operator: Equals, values: [web]}]}",
                        List.of("s.matchExpressions[0].operator: Invalid value: \"Equals\": not a valid selector operator")),
                Arguments.of("{matchExpressions: [{key: app, operator: In}]}",
                        List.of("s.matchExpressions[0].values: Required value: must be specified when `operator` is "
                                + "'In' or 'NotIn'")),
                Arguments.of("{matchExpressions: [{key: app, operator: Exists, values: [x]}]}",
                        List.of("s.matchExpressions[0].values: Forbidden: may not be specified when `operator` is "
                                + "'Exists' or 'DoesNotExist'")),
                Arguments.of("{matchLabels: {app: 'a b'}}",
                        List.of("s.matchLabels: Invalid value: \"a b\": a valid label must be an empty string or consist "
                                + "of alphanumeric characters, '-', '_' or '.', and must start and end with an "
                                + "alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for "
                                + "validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")),
                Arguments.of("{matchExpressions: [{key: -app, operator: Exists}]}",
                        List.of("s.matchExpressions[0].key: Invalid value: \"-app\": name part must consist of "
                                + "alphanumeric characters, '-', '_' or '.', and must start and end with an "
                                + "alphanumeric character " + keyRegex)),
                Arguments.of("{matchExpressions: [{key: /app, operator: Exists}]}",
                        List.of("s.matchExpressions[0].key: Invalid value: \"/app\": prefix part must be non-empty")),
                Arguments.of("{matchExpressions: [{key: a/b/c, operator: Exists}]}",
                        List.of("s.matchExpressions[0].key: Invalid value: \"a/b/c\": a valid label key must consist of "
                                + "alphanumeric characters, '-', '_' or '.', and must start and end with an "
                                + "alphanumeric character " + keyRegex + " with an optional DNS subdomain prefix and "
                                + "'/' (e.g. 'example.com/MyName')")),
                Arguments.of("{matchExpressions: [{key: app, operator: In, values: ['x y']}]}",
                        List.of("s.matchExpressions[0].values[0]: Invalid value: \"x y\": a valid label must be an empty "
                                + "string or consist of alphanumeric characters, '-', '_' or '.', and must start and end "
                                + "with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex "
                                + "used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validation")
    void validatesInTheApiServersWords(String selector, List<String> expected) {
        assertThat(LabelSelector.validate(yaml(selector), JsonPath.of("s")).stream().map(FieldError::toString))
                .containsExactlyElementsOf(expected);
    }

    @Test
    void printsLabelsSortedThenExpressions() {
        LabelSelector selector = LabelSelector.parse(yaml(
                "{matchLabels: {z: '1', a: '2'}, matchExpressions: [{key: t, operator: In, values: [b, a]}, "
                        + "{key: e, operator: DoesNotExist}]}"));
        assertThat(selector).hasToString("{a=2,z=1,t In (a,b),e DoesNotExist}");
        assertThat(LabelSelector.EVERYTHING).hasToString("{}");
        assertThat(LabelSelector.EVERYTHING.isEmpty()).isTrue();
        assertThat(LabelSelector.ofLabels(Map.of("app", "web")).matches(Map.of("app", "web"))).isTrue();
    }
}
