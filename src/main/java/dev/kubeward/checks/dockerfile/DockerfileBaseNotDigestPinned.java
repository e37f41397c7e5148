package dev.kubeward.checks.dockerfile;

import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.checks.image.ImageRules;
import dev.kubeward.model.Resource;

@CheckInfo(
        id = "dockerfile-base-not-digest-pinned",
        title = "Base image not pinned by digest",
        severity = Severity.LOW,
        category = "Dockerfile",
        description = "A FROM, COPY --from or RUN --mount from= names a registry image without an @sha256 digest "
                + "(every stage, build stages included, since their output is copied into the image). FROM scratch and FROM an earlier "
                + "stage are not reported. High instead of low when the configuration sets images.requireDigest: true.",
        rationale = "A tag is a mutable pointer: the registry, or anyone who can push to it, can make the same "
                + "tag serve different content. Only a digest names exactly the bytes that were reviewed and "
                + "makes builds reproducible.",
        remediation = "Append the digest of the image you tested: FROM node:20.15-slim@sha256:<digest> "
                + "(docker buildx imagetools inspect node:20.15-slim shows it), and let a dependency bot update it.",
        cis = "5.5.1",
        nsaCisa = "Pod security: building secure container images",
        mitre = "T1525")
public final class DockerfileBaseNotDigestPinned implements Check {
    @Override
    public void check(Resource resource, CheckContext context, FindingSink sink) {
        DockerfileView.of(resource).ifPresent(file -> {
            boolean required = ImageRules.digestRequired(context.config(), null);
            Severity severity = required ? Severity.HIGH : Severity.LOW;
            String suffix = required ? " (digests are required)" : "";
            for (DockerfileView.Stage stage : file.stages()) {
                stage.externalImage().filter(ref -> !ref.hasDigest())
                        .ifPresent(ref -> sink.report(stage.from().path(), severity,
                                stage.describe() + " base " + stage.image() + " is not pinned by digest" + suffix));
                for (DockerfileView.ImageUse use : stage.pulledImages()) {
                    if (!use.ref().hasDigest()) {
                        sink.report(use.step().path(), severity, use.describe() + " is not pinned by digest" + suffix);
                    }
                }
            }
        });
    }
}
