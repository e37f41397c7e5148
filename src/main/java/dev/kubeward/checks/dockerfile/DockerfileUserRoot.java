package dev.kubeward.checks.dockerfile;

import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.Resource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

@CheckInfo(
        id = "dockerfile-user-root",
        title = "Image runs as root",
        severity = Severity.HIGH,
        category = "Dockerfile",
        description = "The final stage of a Dockerfile (the image that is shipped) has no USER instruction, in "
                + "itself or in the earlier stages it builds FROM, or its last USER is root (root, 0, 0:0, root:root), "
                + "also through ARG defaults and ENV values in scope (USER ${APP_USER} after ARG APP_USER=root); a "
                + "variable the Dockerfile does not determine is not judged. Build-only stages are ignored. A base tagged nonroot (distroless :nonroot) counts as a non-root user.",
        rationale = "A container whose process runs as UID 0 is root inside the container; any escape or "
                + "misconfigured mount then acts as root on the node, and Kubernetes admission that requires "
                + "runAsNonRoot will refuse the image.",
        remediation = "Create an unprivileged user (e.g. RUN groupadd -r app && useradd -r -g app app) and end the "
                + "final stage with USER app, or a numeric USER 10001:10001 so runAsNonRoot can verify it.",
        nsaCisa = "Pod security: building secure container images",
        mitre = "T1611")
public final class DockerfileUserRoot implements Check {
    @Override
    public void check(Resource resource, CheckContext context, FindingSink sink) {
        DockerfileView.of(resource).ifPresent(file -> {
            DockerfileView.Stage last = file.finalStage();
            for (DockerfileView.Stage stage : last.lineage()) {
                int index = lastUser(stage);
                if (index >= 0) {
                    DockerfileView.Step user = stage.instructions().get(index);
                    String written = user.arguments().strip();
                    // Judged with the values Docker substitutes; a value the Dockerfile does not
                    // determine (a --build-arg, the base image's ENV) could be anything: not judged.
                    Optional<String> resolved = stage.substitute(index, written);
                    if (resolved.isPresent() && isRoot(resolved.get())) {
                        sink.report(user.path(), "the final image runs as root: USER " + written
                                + (resolved.get().equals(written) ? "" : " (" + resolved.get() + ")"));
                    }
                    return;
                }
            }
            String tag = last.baseStage().externalImage().map(r -> r.tag()).orElse(null);
            if (tag != null && tag.toLowerCase(Locale.ROOT).contains("nonroot")) {
                return;
            }
            sink.report(last.from().path(), "the final image runs as root: " + last.describe()
                    + " sets no USER");
        });
    }

    /** The index of the stage's last USER instruction, or -1. */
    private static int lastUser(DockerfileView.Stage stage) {
        List<DockerfileView.Step> steps = stage.instructions();
        for (int i = steps.size() - 1; i >= 0; i--) {
            if (steps.get(i).is("USER")) {
                return i;
            }
        }
        return -1;
    }

    /** root or UID 0, with any group; an unsubstituted variable could be anything, so it is not judged. */
    static boolean isRoot(String userArgument) {
        String user = userArgument.strip();
        int colon = user.indexOf(':');
        String name = colon < 0 ? user : user.substring(0, colon);
        return name.equals("root") || name.matches("0+");
    }
}
