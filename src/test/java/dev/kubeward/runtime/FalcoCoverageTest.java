package dev.kubeward.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.check.CheckRegistry;
import dev.kubeward.runtime.detections.ObjectChecks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every rule of Falco's k8saudit rules file has a detection or a reason, never both. */
class FalcoCoverageTest {
    static List<String> falcoRules() throws IOException {
        return Files.readAllLines(Path.of("src/test/resources/runtime/falco-k8saudit-rules.txt")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }

    @Test
    void everyFalcoRuleHasADetectionOrAReason() throws IOException {
        List<String> rules = falcoRules();
        assertThat(rules).hasSize(48).doesNotHaveDuplicates();
        Set<String> named = new HashSet<>();
        for (DetectionMeta m : Detections.metas()) {
            for (String f : m.falco()) {
                assertThat(rules).as(m.id() + " names a Falco rule that does not exist").contains(f);
                assertThat(named.add(f)).as(f + " claimed by two detections").isTrue();
            }
        }
        for (String rule : rules) {
            assertThat(named.contains(rule) ^ FalcoRules.WITHOUT_DETECTION.containsKey(rule))
                    .as("'%s' needs exactly one of a detection or a reason", rule).isTrue();
        }
        assertThat(rules).containsAll(FalcoRules.WITHOUT_DETECTION.keySet());
    }

    @Test
    void theObjectRulesMappingNamesRealChecksInTheDefaultList() {
        Set<String> checks = CheckRegistry.builtIn().ids();
        assertThat(ObjectChecks.DEFAULT_CHECKS).allSatisfy(id -> assertThat(checks).contains(id)).doesNotHaveDuplicates();
        DetectionMeta meta = DetectionMeta.of(ObjectChecks.class);
        assertThat(ObjectChecks.FALCO_CHECKS.keySet()).containsExactlyInAnyOrderElementsOf(meta.falco());
        ObjectChecks.FALCO_CHECKS.values().forEach(ids -> assertThat(ObjectChecks.DEFAULT_CHECKS).containsAll(ids));
    }
}
