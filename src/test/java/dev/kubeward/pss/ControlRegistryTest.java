package dev.kubeward.pss;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The per-version check lists, which encode upstream's version structure and overrides. */
class CheckRegistryTest {

    private static final PssEvaluator EVALUATOR = PssEvaluator.standard();

    @Test
    void baselineAtV1Dot0() {
        assertThat(EVALUATOR.checkIds(Level.BASELINE, PssVersion.of(0))).containsExactly(
                "appArmorProfile", "capabilities_baseline", "hostNamespaces", "hostPathVolumes", "hostPorts",
                "privileged", "procMount", "seLinuxOptions", "seccompProfile_baseline", "sysctls",
                "windowsHostProcess");
    }

    @Test
    void baselineGainsProbeHostCheckAtV1Dot34() {
        assertThat(EVALUATOR.checkIds(Level.BASELINE, PssVersion.of(33))).doesNotContain("hostProbesAndHostLifecycle");
        assertThat(EVALUATOR.checkIds(Level.BASELINE, PssVersion.of(34))).contains("hostProbesAndHostLifecycle");
    }

    @Test
    void restrictedAtV1Dot0HasOnlyVolumeTypesAndRunAsNonRootBesidesBaseline() {
        assertThat(EVALUATOR.checkIds(Level.RESTRICTED, PssVersion.of(0))).containsExactly(
                "appArmorProfile", "capabilities_baseline", "hostNamespaces", "hostPorts",
                "privileged", "procMount", "seLinuxOptions", "seccompProfile_baseline", "sysctls",
                "windowsHostProcess", "restrictedVolumes", "runAsNonRoot");
    }

    @Test
    void restrictedOverridesAppearAtTheirVersions() {
        assertThat(EVALUATOR.checkIds(Level.RESTRICTED, PssVersion.of(18)))
                .contains("seccompProfile_baseline").doesNotContain("seccompProfile_restricted");
        assertThat(EVALUATOR.checkIds(Level.RESTRICTED, PssVersion.of(19)))
                .contains("seccompProfile_restricted").doesNotContain("seccompProfile_baseline");
        assertThat(EVALUATOR.checkIds(Level.RESTRICTED, PssVersion.of(21)))
                .contains("capabilities_baseline").doesNotContain("capabilities_restricted");
        assertThat(EVALUATOR.checkIds(Level.RESTRICTED, PssVersion.of(22)))
                .contains("capabilities_restricted").doesNotContain("capabilities_baseline");
        assertThat(EVALUATOR.checkIds(Level.RESTRICTED, PssVersion.of(34)))
                .contains("procMount").doesNotContain("procMount_restricted");
        assertThat(EVALUATOR.checkIds(Level.RESTRICTED, PssVersion.of(35)))
                .contains("procMount_restricted").doesNotContain("procMount");
    }

    @Test
    void restrictedAtLatest() {
        assertThat(EVALUATOR.checkIds(Level.RESTRICTED, PssVersion.LATEST)).containsExactly(
                "appArmorProfile", "hostNamespaces", "hostPorts", "hostProbesAndHostLifecycle", "privileged",
                "seLinuxOptions", "sysctls", "windowsHostProcess",
                "allowPrivilegeEscalation", "capabilities_restricted", "procMount_restricted", "restrictedVolumes",
                "runAsNonRoot", "runAsUser", "seccompProfile_restricted");
    }

    @Test
    void privilegedRunsNothing() {
        assertThat(EVALUATOR.checkIds(Level.PRIVILEGED, PssVersion.LATEST)).isEmpty();
    }

    @Test
    void latestAndFutureVersionsBehaveLikeTheNewestKnown() throws Exception {
        JsonNode spec = new ObjectMapper().readTree("""
                {"hostUsers": false,
                 "securityContext": {"sysctls": [{"name": "net.ipv4.tcp_notsent_lowat", "value": "1"}]},
                 "containers": [{"name": "app", "securityContext": {"procMount": "Unmasked"}}]}
                """);
        Verdict newest = EVALUATOR.evaluate(Level.BASELINE, PssVersion.of(PssVersion.NEWEST_KNOWN_MINOR), null, spec,
                "metadata", "spec");
        assertThat(newest.allowed()).isTrue();
        assertThat(EVALUATOR.evaluate(Level.BASELINE, PssVersion.LATEST, null, spec, "metadata", "spec"))
                .isEqualTo(newest);
        assertThat(EVALUATOR.evaluate(Level.BASELINE, PssVersion.parse("v1.50"), null, spec, "metadata", "spec"))
                .isEqualTo(newest);
        assertThat(EVALUATOR.evaluate(Level.BASELINE, PssVersion.of(34), null, spec, "metadata", "spec").violations())
                .extracting(Violation::control).containsExactlyInAnyOrder("Sysctls", "/proc Mount Type");
    }

    @Test
    void violationsFollowUpstreamCheckOrder() throws Exception {
        JsonNode spec = new ObjectMapper().readTree("""
                {"hostNetwork": true, "volumes": [{"name": "h", "hostPath": {"path": "/"}}],
                 "containers": [{"name": "app", "securityContext": {"privileged": true}}]}
                """);
        Verdict verdict = EVALUATOR.evaluate(Level.RESTRICTED, PssVersion.LATEST, null, spec, "metadata", "spec");
        assertThat(verdict.violations()).extracting(Violation::control).containsExactly(
                "Host Namespaces", "Privileged Containers", "Privilege Escalation", "Capabilities",
                "Volume Types", "Running as Non-root", "Seccomp");
    }
}
