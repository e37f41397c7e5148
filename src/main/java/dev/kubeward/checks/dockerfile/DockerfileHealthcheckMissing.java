package dev.kubeward.checks.dockerfile;

import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.Resource;

@CheckInfo(
        id = "dockerfile-healthcheck-missing",
        title = "No HEALTHCHECK in the final image",
        severity = Severity.INFO,
        category = "Dockerfile",
        description = "The final stage, and the stages it builds FROM, have no HEALTHCHECK instruction. "
                + "HEALTHCHECK NONE counts as an explicit choice.",
        rationale = "Outside Kubernetes (docker, compose, swarm) a HEALTHCHECK is the only way the runtime notices "
                + "a hung process; in Kubernetes, liveness and readiness probes play that role, so this is "
                + "informational.",
        remediation = "Add HEALTHCHECK CMD <command> (or HEALTHCHECK NONE to document that probes are defined "
                + "elsewhere), and define liveness/readiness probes in the pod spec.",
        nsaCisa = "Pod security: building secure container images")
public final class DockerfileHealthcheckMissing implements Check {
    @Override
    public void check(Resource resource, CheckContext context, FindingSink sink) {
        DockerfileView.of(resource).ifPresent(file -> {
            DockerfileView.Stage last = file.finalStage();
            boolean declared = last.lineage().stream()
                    .flatMap(s -> s.instructions().stream())
                    .anyMatch(s -> s.is("HEALTHCHECK"));
            if (!declared) {
                sink.report(last.from().path(), "the final image (" + last.describe() + ") has no HEALTHCHECK");
            }
        });
    }
}
