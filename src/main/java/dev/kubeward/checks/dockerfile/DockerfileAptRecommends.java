package dev.kubeward.checks.dockerfile;

import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.Resource;
import java.util.List;

@CheckInfo(
        id = "dockerfile-apt-recommends",
        title = "apt-get install without --no-install-recommends",
        severity = Severity.LOW,
        category = "Dockerfile",
        description = "A RUN runs apt-get (or apt) install without --no-install-recommends (or "
                + "-o APT::Install-Recommends=false).",
        rationale = "Recommended packages are not needed to run the requested ones; installing them grows "
                + "the image and its attack surface with software nobody chose.",
        remediation = "apt-get install -y --no-install-recommends <packages>, and add what is really needed "
                + "explicitly.",
        nsaCisa = "Pod security: building secure container images")
public final class DockerfileAptRecommends implements Check {
    @Override
    public void check(Resource resource, CheckContext context, FindingSink sink) {
        DockerfileView.of(resource).ifPresent(file -> {
            for (DockerfileView.Step step : file.allSteps()) {
                if (step.is("RUN") && AptInstalls.in(step.shellText()).stream().anyMatch(w -> !noRecommends(w))) {
                    sink.report(step.path(), step.where() + " installs recommended packages too");
                }
            }
        });
    }

    private static boolean noRecommends(List<String> words) {
        return words.stream().anyMatch(w -> w.equals("--no-install-recommends")
                || w.matches("(?i)(-o)?APT::Install-Recommends=(false|0|no)"));
    }
}
