package dev.kubeward.pss;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamespacePolicyTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void absentLabelsKeepAdmissionDefaults() {
        NamespacePolicy policy = NamespacePolicy.fromLabels(Map.of());
        for (PolicyMode mode : PolicyMode.values()) {
            assertThat(policy.mode(mode).effective()).isEqualTo(LevelVersion.PRIVILEGED_LATEST);
            assertThat(policy.mode(mode).levelLabel()).isNull();
            assertThat(policy.mode(mode).isInvalid()).isFalse();
        }
        assertThat(policy.hasInvalidLabels()).isFalse();
        assertThat(policy.errors()).isEmpty();
    }

    @Test
    void readsValidLabelsPerMode() throws Exception {
        JsonNode namespace = MAPPER.readTree("""
                {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "team", "labels": {
                  "pod-security.kubernetes.io/enforce": "baseline",
                  "pod-security.kubernetes.io/enforce-version": "v1.29",
                  "pod-security.kubernetes.io/warn": "restricted",
                  "pod-security.kubernetes.io/audit-version": "v1.25"}}}
                """);
        NamespacePolicy policy = NamespacePolicy.fromNamespace(namespace);
        assertThat(policy.enforce().effective()).hasToString("baseline:v1.29");
        assertThat(policy.warn().effective()).hasToString("restricted:latest");
        assertThat(policy.audit().effective()).hasToString("privileged:v1.25");
        assertThat(policy.hasInvalidLabels()).isFalse();
    }

    @Test
    void missingMetadataOrLabelsMeansDefaults() throws Exception {
        NamespacePolicy policy = NamespacePolicy.fromNamespace(MAPPER.readTree("{\"kind\": \"Namespace\"}"));
        assertThat(policy.enforce().effective()).isEqualTo(LevelVersion.PRIVILEGED_LATEST);
    }

    @ParameterizedTest(name = "invalid {0} level falls back to {1}")
    @CsvSource({"ENFORCE, RESTRICTED", "AUDIT, PRIVILEGED", "WARN, PRIVILEGED"})
    void invalidLevelFallsClosedForEnforceAndOpenForAuditAndWarn(PolicyMode mode, Level fallback) {
        NamespacePolicy policy = NamespacePolicy.fromLabels(
                Map.of(mode.levelLabel(), "Restricted", mode.versionLabel(), "v1.30"));
        ModePolicy resolved = policy.mode(mode);
        assertThat(resolved.level()).isEqualTo(fallback);
        assertThat(resolved.version()).isEqualTo(PssVersion.of(30));
        assertThat(resolved.levelInvalid()).isTrue();
        assertThat(resolved.versionInvalid()).isFalse();
        assertThat(resolved.levelLabel()).isEqualTo("Restricted");
        assertThat(policy.errors()).containsExactly("metadata.labels[" + mode.levelLabel()
                + "]: Invalid value: \"Restricted\": must be one of privileged, baseline, restricted");
    }

    @Test
    void invalidVersionEvaluatesAsLatest() {
        NamespacePolicy policy = NamespacePolicy.fromLabels(Map.of(
                "pod-security.kubernetes.io/enforce", "baseline",
                "pod-security.kubernetes.io/enforce-version", "1.29"));
        assertThat(policy.enforce().effective()).hasToString("baseline:latest");
        assertThat(policy.enforce().versionInvalid()).isTrue();
        assertThat(policy.enforce().levelInvalid()).isFalse();
        assertThat(policy.errors()).containsExactly(
                "metadata.labels[pod-security.kubernetes.io/enforce-version]: Invalid value: \"1.29\": must be \"latest\" or \"v1.x\"");
    }

    @Test
    void versionWithoutLevelKeepsDefaultLevel() {
        NamespacePolicy policy = NamespacePolicy.fromLabels(Map.of("pod-security.kubernetes.io/warn-version", "v1.20"));
        assertThat(policy.warn().effective()).hasToString("privileged:v1.20");
    }

    @Test
    void configuredDefaultsApplyOnlyWhereLabelsAreAbsent() {
        LevelVersion baseline = new LevelVersion(Level.BASELINE, PssVersion.of(28));
        NamespacePolicy policy = NamespacePolicy.fromLabels(
                Map.of("pod-security.kubernetes.io/audit", "restricted"), baseline, baseline, baseline);
        assertThat(policy.enforce().effective()).isEqualTo(baseline);
        assertThat(policy.audit().effective()).hasToString("restricted:v1.28");
        assertThat(policy.warn().effective()).isEqualTo(baseline);
    }

    @Test
    void futureVersionIsValidAndEvaluatedAsNewestKnown() {
        NamespacePolicy policy = NamespacePolicy.fromLabels(Map.of("pod-security.kubernetes.io/enforce-version", "v1.40"));
        assertThat(policy.enforce().versionInvalid()).isFalse();
        assertThat(policy.enforce().version().effectiveMinor()).isEqualTo(PssVersion.NEWEST_KNOWN_MINOR);
    }
}
