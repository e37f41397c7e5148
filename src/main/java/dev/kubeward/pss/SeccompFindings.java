package dev.kubeward.pss;

import static dev.kubeward.pss.Text.joinAnd;
import static dev.kubeward.pss.Text.joinQuote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.model.Json;
import dev.kubeward.pss.PodView.ContainerRef;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What is wrong with a pod's seccompProfile fields, shared by the baseline (v1.19+) and restricted
 * checks: both forbid explicitly bad types, and restricted additionally requires every container
 * to be covered by its own or the pod's valid profile.
 */
final class SeccompFindings {

    /** Returned when nothing is wrong, so passing pods allocate nothing. */
    private static final SeccompFindings NONE = new SeccompFindings();

    private final List<String> explicitSetters = new ArrayList<>(2);
    private final List<String> explicitPaths = new ArrayList<>();
    private final TreeSet<String> badValues = new TreeSet<>();
    private final List<String> implicitContainers = new ArrayList<>();
    private final List<String> implicitPaths = new ArrayList<>();

    private SeccompFindings() {
    }

    private static boolean valid(String type) {
        return "RuntimeDefault".equals(type) || "Localhost".equals(type);
    }

    private static SeccompFindings orNew(SeccompFindings findings) {
        return findings == NONE ? new SeccompFindings() : findings;
    }

    /** Collects explicit and implicit problems; implicit ones only matter to restricted. */
    static SeccompFindings collect(PodView pod) {
        SeccompFindings findings = NONE;
        boolean podValid = false;
        JsonNode podProfile = Json.field(pod.podSecurityContext, "seccompProfile");
        if (podProfile != null) {
            String type = Json.goString(podProfile, "type");
            if (valid(type)) {
                podValid = true;
            } else {
                findings = new SeccompFindings();
                findings.explicitSetters.add("pod");
                findings.badValues.add(type);
                findings.explicitPaths.add(BaselineChecks.fieldOrObject(
                        JsonPaths.field(pod.podSecurityContextPath(), "seccompProfile"), podProfile, "type"));
            }
        }
        List<String> badContainers = null;
        for (ContainerRef c : pod.containers) {
            JsonNode profile = Json.field(c.securityContext(), "seccompProfile");
            if (profile != null) {
                String type = Json.goString(profile, "type");
                if (!valid(type)) {
                    findings = orNew(findings);
                    if (badContainers == null) {
                        badContainers = new ArrayList<>();
                    }
                    badContainers.add(c.name());
                    findings.badValues.add(type);
                    findings.explicitPaths.add(BaselineChecks.fieldOrObject(
                            JsonPaths.field(c.path(), "securityContext", "seccompProfile"), profile, "type"));
                }
            } else if (!podValid) {
                findings = orNew(findings);
                findings.implicitContainers.add(c.name());
                findings.implicitPaths.add(c.securityContextFieldPath("seccompProfile"));
            }
        }
        if (badContainers != null) {
            findings.explicitSetters.add(BaselineChecks.containerList(badContainers));
        }
        return findings;
    }

    boolean hasExplicitlyBad() {
        return !explicitSetters.isEmpty();
    }

    boolean hasImplicitlyBad() {
        return !implicitContainers.isEmpty();
    }

    Violation explicitViolation() {
        return new Violation(Controls.SECCOMP, "seccompProfile",
                joinAnd(explicitSetters) + " must not set securityContext.seccompProfile.type to " + joinQuote(badValues),
                explicitPaths);
    }

    Violation implicitViolation() {
        return new Violation(Controls.SECCOMP, "seccompProfile",
                "pod or " + BaselineChecks.containerList(implicitContainers)
                        + " must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\"",
                implicitPaths);
    }
}
