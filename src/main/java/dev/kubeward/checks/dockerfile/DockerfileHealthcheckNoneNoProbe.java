package dev.kubeward.checks.dockerfile;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.Severity;
import dev.kubeward.model.Container;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

@CheckInfo(
        id = "dockerfile-healthcheck-none-no-probe",
        title = "HEALTHCHECK NONE in the Dockerfile and no probe in the manifest",
        severity = Severity.LOW,
        category = "Dockerfile and manifest",
        description = "The Dockerfile that builds a container's image (images.builds in the "
                + "configuration) disables health checking with HEALTHCHECK NONE (the last "
                + "HEALTHCHECK of the final stage and the stages it builds FROM), and the container (a regular "
                + "container or a sidecar) has neither a livenessProbe nor a readinessProbe. A Dockerfile with no "
                + "HEALTHCHECK at all is not judged: its base image may have one. Reported on the container and on "
                + "the HEALTHCHECK line.",
        rationale = "The image's author said that nothing in the image checks its health, and the manifest adds no "
                + "probe: a hung or deadlocked process keeps receiving traffic and is never restarted, an "
                + "availability failure that also hides an attack that stalls the service.",
        remediation = "Add a livenessProbe and a readinessProbe to the container (an HTTP, TCP or exec check of the "
                + "service itself).",
        nsaCisa = "Pod security: building secure container images")
public final class DockerfileHealthcheckNoneNoProbe extends BuildJoinCheck {
    @Override
    Optional<Problem> problem(BuildJoins.Join join, CheckContext context) {
        Container c = join.container();
        if (!keepsRunning(c) || c.field("livenessProbe").present() || c.field("readinessProbe").present()) {
            return Optional.empty();
        }
        for (DockerfileView.Stage stage : join.dockerfile().finalStage().lineage()) {
            List<DockerfileView.Step> steps = stage.instructions();
            for (int i = steps.size() - 1; i >= 0; i--) {
                DockerfileView.Step s = steps.get(i);
                if (s.is("HEALTHCHECK")) {
                    if (!s.arguments().strip().toUpperCase(Locale.ROOT).equals("NONE")) {
                        return Optional.empty();
                    }
                    return Optional.of(new Problem(c.path(), s, "has no livenessProbe and no readinessProbe",
                            "HEALTHCHECK NONE", "nothing notices when the process hangs"));
                }
            }
        }
        return Optional.empty();
    }
}
