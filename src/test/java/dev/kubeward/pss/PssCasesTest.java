package dev.kubeward.pss;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.model.Origin;
import dev.kubeward.model.PodTemplate;
import dev.kubeward.model.Resource;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/** Runs the semantics table in {@code src/test/resources/pss/cases.yaml}. */
class PssCasesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static Stream<Arguments> cases() throws IOException {
        try (InputStream in = PssCasesTest.class.getResourceAsStream("/pss/cases.yaml")) {
            Map<String, Object> document = new Yaml().load(in);
            JsonNode cases = MAPPER.valueToTree(document.get("cases"));
            List<Arguments> arguments = new ArrayList<>();
            for (JsonNode c : cases) {
                arguments.add(Arguments.of(c.get("name").asText(), c));
            }
            return arguments.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evaluatesLikeAdmission(String name, JsonNode testCase) {
        JsonNode object = testCase.has("object") ? testCase.get("object") : wrapInPod(testCase.get("pod"));
        PodTemplate target = PodTemplate.of(resource(object)).orElseThrow();
        Level level = Level.parse(testCase.get("level").asText());
        PssVersion version = PssVersion.parse(testCase.get("version").asText());

        Verdict verdict = PssEvaluator.standard().evaluate(level, version, target);

        assertThat(verdict.allowed()).as("allowed; violations were %s", verdict.violations())
                .isEqualTo(testCase.get("allowed").booleanValue());
        List<String> expectedControls = strings(testCase.get("controls"));
        assertThat(verdict.violations()).extracting(Violation::control)
                .containsExactlyInAnyOrderElementsOf(expectedControls);
        if (expectedControls.isEmpty()) {
            return;
        }
        Violation first = verdict.violations().stream()
                .filter(v -> v.control().equals(expectedControls.get(0)))
                .findFirst().orElseThrow();
        if (testCase.has("reason")) {
            assertThat(first.reason()).isEqualTo(testCase.get("reason").asText());
        }
        if (testCase.has("detail")) {
            assertThat(first.detail()).isEqualTo(testCase.get("detail").asText());
        }
        if (testCase.has("paths")) {
            assertThat(first.paths()).containsExactlyElementsOf(strings(testCase.get("paths")));
        }
    }

    /** The object as the loader would hand it over (positions do not matter here). */
    static Resource resource(JsonNode object) {
        return new Resource(object.path("apiVersion").asText(), object.path("kind").asText(), null,
                object.path("metadata").path("name").asText("x"), object, new Origin("test.yaml", 0, null), List.of());
    }

    private static JsonNode wrapInPod(JsonNode pod) {
        ObjectNode object = MAPPER.createObjectNode();
        object.put("apiVersion", "v1");
        object.put("kind", "Pod");
        object.set("metadata", pod.has("metadata") ? pod.get("metadata") : MAPPER.createObjectNode());
        object.set("spec", pod.get("spec"));
        return object;
    }

    private static List<String> strings(JsonNode array) {
        if (array == null) {
            return List.of();
        }
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).collect(Collectors.toList());
    }
}
