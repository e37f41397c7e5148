package dev.kubeward.checks.dockerfile;

import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.Resource;

@CheckInfo(
        id = "dockerfile-sudo",
        title = "sudo in a RUN instruction",
        severity = Severity.MEDIUM,
        category = "Dockerfile",
        description = "A RUN (heredoc scripts and ONBUILD triggers included) runs a command through sudo.",
        rationale = "sudo in an image means it is installed and configured there, which gives anyone who gets a "
                + "shell in the container a ready path to root; it also has unpredictable TTY and signal "
                + "behaviour in builds.",
        remediation = "Run the privileged steps before switching with USER, and switch to the unprivileged user "
                + "afterwards; use gosu/su-exec in an entrypoint if a step must change user at run time.",
        nsaCisa = "Pod security: building secure container images",
        mitre = "T1548.003")
public final class DockerfileSudo implements Check {
    @Override
    public void check(Resource resource, CheckContext context, FindingSink sink) {
        DockerfileView.of(resource).ifPresent(file -> {
            for (DockerfileView.Step step : file.allSteps()) {
                if (!step.is("RUN")) {
                    continue;
                }
                boolean sudo = ShellScript.parse(step.shellText()).stream()
                        .map(ShellScript.Command::program)
                        .anyMatch(p -> p != null && ShellScript.baseName(p).equals("sudo"));
                if (sudo) {
                    sink.report(step.path(), step.where() + " uses sudo");
                }
            }
        });
    }
}
