package dev.kubeward.checks.dockerfile;

import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.Resource;
import java.util.Locale;

@CheckInfo(
        id = "dockerfile-ssh-port",
        title = "SSH port exposed",
        severity = Severity.MEDIUM,
        category = "Dockerfile",
        description = "An EXPOSE in the final image (its stage or the stages it builds FROM) lists port 22 "
                + "(22, 22/tcp, or a range containing 22).",
        rationale = "An SSH server inside a container is a second, unaudited way in with its own credentials, "
                + "bypassing Kubernetes RBAC and audit logging of kubectl exec.",
        remediation = "Remove the SSH server and EXPOSE 22; use kubectl exec or kubectl debug for interactive "
                + "access.",
        nsaCisa = "Pod security: building secure container images",
        mitre = "T1021.004")
public final class DockerfileSshPort implements Check {
    @Override
    public void check(Resource resource, CheckContext context, FindingSink sink) {
        DockerfileView.of(resource).ifPresent(file -> {
            for (DockerfileView.Stage stage : file.finalStage().lineage()) {
                for (DockerfileView.Step step : stage.instructions()) {
                    if (step.is("EXPOSE") && ShellScript.words(step.arguments()).stream().anyMatch(DockerfileSshPort::isSsh)) {
                        sink.report(step.path(), step.where() + " exposes the SSH port 22");
                    }
                }
            }
        });
    }

    static boolean isSsh(String port) {
        String p = port.toLowerCase(Locale.ROOT);
        int slash = p.indexOf('/');
        if (slash >= 0) {
            if (!p.substring(slash + 1).equals("tcp")) {
                return false;
            }
            p = p.substring(0, slash);
        }
        String[] range = p.split("-", -1);
        try {
            int low = Integer.parseInt(range[0]);
            int high = range.length == 2 ? Integer.parseInt(range[1]) : low;
            return range.length <= 2 && low <= 22 && 22 <= high;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
