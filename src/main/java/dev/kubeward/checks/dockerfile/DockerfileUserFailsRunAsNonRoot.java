package dev.kubeward.checks.dockerfile;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.Severity;
import dev.kubeward.model.Field;
import dev.kubeward.model.Json;
import java.util.Optional;

@CheckInfo(
        id = "dockerfile-user-fails-runasnonroot",
        title = "The kubelet refuses the image's USER under runAsNonRoot",
        severity = Severity.HIGH,
        category = "Dockerfile and manifest",
        description = "A container has runAsNonRoot: true in effect (its securityContext, else the pod's) and no "
                + "runAsUser, and the Dockerfile that builds its image (images.builds in the "
                + "configuration) ends with a USER the kubelet cannot accept: a user name "
                + "(USER app, USER root), uid 0, or a uid outside 1-2147483647; or has no USER and builds FROM scratch. "
                + "USER in the final stage or the stages it builds FROM counts, with ARG and ENV values substituted; "
                + "a USER the Dockerfile does not determine, and no USER over another base image (whose own USER "
                + "decides), are not judged. Linux pods only. Reported on the runAsNonRoot line and on the USER line.",
        rationale = "With runAsNonRoot and no runAsUser the kubelet must prove from the image that the process is not "
                + "root. A user name cannot be checked without the image's /etc/passwd, so the kubelet refuses to "
                + "start the container (\"container has runAsNonRoot and image has non-numeric user (app), cannot "
                + "verify user is non-root\"), and uid 0 is refused as root: the pod never starts "
                + "(CreateContainerConfigError), which is found in production instead of in review.",
        remediation = "Use a numeric USER in the Dockerfile (USER 10001 or USER 10001:10001, after creating the user), "
                + "or set a non-zero runAsUser in the pod or container securityContext.",
        cis = "5.2.7",
        nsaCisa = "Pod security: non-root containers and rootless container engines",
        pss = "Restricted: Running as Non-root")
public final class DockerfileUserFailsRunAsNonRoot extends BuildJoinCheck {
    @Override
    Optional<Problem> problem(BuildJoins.Join join, CheckContext context) {
        if (join.pod().isWindows()) {
            return Optional.empty();
        }
        Field nonRoot = join.container().effectiveSecurity("runAsNonRoot");
        Field runAsUser = join.container().effectiveSecurity("runAsUser");
        if (!Json.isTrue(nonRoot.value()) || runAsUser.present()) {
            return Optional.empty();
        }
        Optional<ImageUser> found = ImageUser.of(join.dockerfile());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ImageUser user = found.get();
        String refusal;
        if (user.scratchWithoutUser() || user.uid().map(u -> u == 0).orElse(false)) {
            refusal = "the kubelet refuses to start it (\"container has runAsNonRoot and image will run as root\")";
        } else if (user.invalidUid()) {
            refusal = "the kubelet refuses to start it (\"container has runAsNonRoot and image has an invalid user id ("
                    + user.user() + ")\"; a uid is 1-2147483647)";
        } else if (user.hasUser() && !user.numeric()) {
            refusal = "the kubelet refuses to start it (\"container has runAsNonRoot and image has non-numeric user ("
                    + user.user() + "), cannot verify user is non-root\")";
        } else {
            return Optional.empty();
        }
        return Optional.of(new Problem(nonRoot.path(), user.step(), "has runAsNonRoot: true and no runAsUser",
                user.describe(), refusal + "; use a numeric USER or set runAsUser"));
    }
}
