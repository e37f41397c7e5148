package dev.kubeward.checks.dockerfile;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.Severity;
import dev.kubeward.model.Container;
import dev.kubeward.model.Field;
import dev.kubeward.model.Json;
import java.util.Optional;

@CheckInfo(
        id = "dockerfile-root-without-runasuser",
        title = "The container runs as root: its Dockerfile's USER is root and the manifest sets no runAsUser",
        severity = Severity.HIGH,
        category = "Dockerfile and manifest",
        description = "A container sets no runAsUser (its securityContext, else the pod's) and no runAsNonRoot: true, "
                + "and the Dockerfile that builds its image (images.builds in the "
                + "configuration) ends with USER root or USER 0 (any group), or has no USER "
                + "in the final stage and the stages it builds FROM: then the base image's user applies, root for "
                + "scratch and for most bases (a base tagged nonroot is taken as non-root). ARG and ENV values are "
                + "substituted; a USER the Dockerfile does not determine is not judged. Linux pods only. Reported "
                + "on the container and on the USER (or final FROM) line.",
        rationale = "Without runAsUser the image's USER decides, so this container's processes run as uid 0: root "
                + "inside the container, and root on the node after any escape through a kernel bug, a "
                + "misconfigured mount or a privileged setting.",
        remediation = "End the Dockerfile's final stage with a numeric non-root USER (USER 10001:10001), or set "
                + "runAsUser to a non-zero uid and runAsNonRoot: true in the pod or container securityContext.",
        cis = "5.2.7",
        nsaCisa = "Pod security: non-root containers and rootless container engines",
        pss = "Restricted: Running as Non-root",
        mitre = "T1611")
public final class DockerfileRootWithoutRunAsUser extends BuildJoinCheck {
    @Override
    Optional<Problem> problem(BuildJoins.Join join, CheckContext context) {
        Container c = join.container();
        if (join.pod().isWindows()) {
            return Optional.empty();
        }
        Field runAsUser = c.effectiveSecurity("runAsUser");
        // runAsNonRoot: true makes the kubelet refuse a root image (dockerfile-user-fails-runasnonroot): it never runs as root.
        if (runAsUser.present() || Json.isTrue(c.effectiveSecurity("runAsNonRoot").value())) {
            return Optional.empty();
        }
        Optional<ImageUser> found = ImageUser.of(join.dockerfile());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ImageUser user = found.get();
        String outcome;
        if (user.root() || user.scratchWithoutUser()) {
            outcome = "the container runs as root";
        } else if (!user.hasUser() && !user.nonRootBase()) {
            outcome = "the container runs as root unless the base image " + user.base() + " sets a non-root USER";
        } else {
            return Optional.empty();
        }
        boolean hasContext = c.securityContext().isObject();
        return Optional.of(new Problem(hasContext ? c.securityContextPath() : c.path(), user.step(),
                "sets no runAsUser", user.describe(), outcome));
    }
}
