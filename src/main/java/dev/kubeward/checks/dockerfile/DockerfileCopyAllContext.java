package dev.kubeward.checks.dockerfile;

import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.Resource;
import java.util.Set;

@CheckInfo(
        id = "dockerfile-copy-all-context",
        title = "Whole build context copied without .dockerignore",
        severity = Severity.LOW,
        category = "Dockerfile",
        description = "A COPY or ADD copies the whole build context (source . or ./) while no .dockerignore "
                + "(or <Dockerfile>.dockerignore) lies beside the Dockerfile. Not reported when the Dockerfile "
                + "came from standard input and the context is unknown, nor for COPY --from.",
        rationale = "Without an ignore file, everything in the directory goes into the image: .git history, "
                + ".env files, cloud credentials, private keys and local build output.",
        remediation = "Add a .dockerignore that excludes .git, secrets and build output (or allow-lists what the "
                + "image needs), or COPY only the files and directories the image needs.",
        nsaCisa = "Pod security: building secure container images",
        mitre = "T1552.001")
public final class DockerfileCopyAllContext implements Check {
    private static final Set<String> WHOLE_CONTEXT = Set.of(".", "./");

    @Override
    public void check(Resource resource, CheckContext context, FindingSink sink) {
        DockerfileView.of(resource).ifPresent(file -> {
            if (!Boolean.FALSE.equals(file.dockerignore())) {
                return;
            }
            for (DockerfileView.Step step : file.allSteps()) {
                boolean copy = (step.is("COPY") && step.flag("from").isEmpty()) || step.is("ADD");
                if (copy && step.node().path("heredocs").isEmpty()
                        && step.sources().stream().anyMatch(WHOLE_CONTEXT::contains)) {
                    sink.report(step.path(), step.where() + " copies the whole build context and there is no .dockerignore");
                }
            }
        });
    }
}
