package dev.kubeward.pss;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PodSpecLocatorTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @ParameterizedTest
    @CsvSource({
        "Pod, '{\"metadata\":{\"name\":\"p\"},\"spec\":{\"containers\":[]}}', metadata, spec",
        "Deployment, '{\"spec\":{\"template\":{\"metadata\":{},\"spec\":{\"containers\":[]}}}}', spec.template.metadata, spec.template.spec",
        "ReplicaSet, '{\"spec\":{\"template\":{\"spec\":{\"containers\":[]}}}}', spec.template.metadata, spec.template.spec",
        "StatefulSet, '{\"spec\":{\"template\":{\"spec\":{\"containers\":[]}}}}', spec.template.metadata, spec.template.spec",
        "DaemonSet, '{\"spec\":{\"template\":{\"spec\":{\"containers\":[]}}}}', spec.template.metadata, spec.template.spec",
        "Job, '{\"spec\":{\"template\":{\"spec\":{\"containers\":[]}}}}', spec.template.metadata, spec.template.spec",
        "ReplicationController, '{\"spec\":{\"template\":{\"spec\":{\"containers\":[]}}}}', spec.template.metadata, spec.template.spec",
        "CronJob, '{\"spec\":{\"jobTemplate\":{\"spec\":{\"template\":{\"spec\":{\"containers\":[]}}}}}}', spec.jobTemplate.spec.template.metadata, spec.jobTemplate.spec.template.spec",
        "PodTemplate, '{\"template\":{\"spec\":{\"containers\":[]}}}', template.metadata, template.spec",
    })
    void locatesPodTemplates(String kind, String body, String metadataPath, String specPath) throws Exception {
        var object = (com.fasterxml.jackson.databind.node.ObjectNode) MAPPER.readTree(body);
        object.put("kind", kind);
        PodTarget target = PodSpecLocator.locate(object).orElseThrow();
        assertThat(target.kind()).isEqualTo(kind);
        assertThat(target.metadataPath()).isEqualTo(metadataPath);
        assertThat(target.specPath()).isEqualTo(specPath);
        assertThat(target.spec().has("containers")).isTrue();
        assertThat(PodSpecLocator.isPodBearing(kind)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"kind\":\"Service\",\"spec\":{\"ports\":[]}}",
        "{\"kind\":\"Deployment\",\"spec\":{}}",
        "{\"kind\":\"ReplicationController\",\"spec\":{\"template\":null}}",
        "{\"kind\":\"Pod\"}",
        "{\"spec\":{\"containers\":[]}}",
        "[]",
    })
    void findsNothingWithoutAPodSpec(String body) throws Exception {
        assertThat(PodSpecLocator.locate(MAPPER.readTree(body))).isEmpty();
    }
}
