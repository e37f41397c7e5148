package dev.kubeward.checks.dockerfile;

import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.Resource;

@CheckInfo(
        id = "dockerfile-base-latest",
        title = "Base image uses latest or no tag",
        severity = Severity.MEDIUM,
        category = "Dockerfile",
        description = "A FROM, COPY --from or RUN --mount from= names a registry image with the tag latest or with no tag "
                + "at all (which pulls latest). "
                + "FROM scratch, FROM an earlier stage and digest-pinned references are not reported; global ARG "
                + "defaults are substituted first.",
        rationale = "latest moves: two builds of the same Dockerfile get different base images, so a rebuild can "
                + "silently pull in new vulnerabilities or a compromised image, and nobody can tell which base "
                + "a running image was built on.",
        remediation = "Pin a specific version tag (FROM python:3.12.4-slim), or better a digest "
                + "(FROM python:3.12.4-slim@sha256:…) updated by a bot such as Renovate or Dependabot.",
        cis = "5.5.1",
        nsaCisa = "Pod security: building secure container images",
        mitre = "T1525")
public final class DockerfileBaseLatest implements Check {
    @Override
    public void check(Resource resource, CheckContext context, FindingSink sink) {
        DockerfileView.of(resource).ifPresent(file -> {
            for (DockerfileView.Stage stage : file.stages()) {
                stage.externalImage().filter(ref -> !ref.hasDigest() && "latest".equals(ref.effectiveTag()))
                        .ifPresent(ref -> sink.report(stage.from().path(), stage.describe() + " is built FROM "
                                + stage.image() + (ref.tag() == null ? ", which has no tag (latest)" : "")));
                for (DockerfileView.ImageUse use : stage.pulledImages()) {
                    if (!use.ref().hasDigest() && "latest".equals(use.ref().effectiveTag())) {
                        sink.report(use.step().path(), use.describe() + " pulls "
                                + (use.ref().tag() == null ? "an image without tag (latest)" : "the latest tag"));
                    }
                }
            }
        });
    }

}
