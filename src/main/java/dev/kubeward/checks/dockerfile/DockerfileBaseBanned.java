package dev.kubeward.checks.dockerfile;

import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.checks.image.ImageRules;
import dev.kubeward.model.Resource;

@CheckInfo(
        id = "dockerfile-base-banned",
        title = "Banned base image",
        severity = Severity.HIGH,
        category = "Dockerfile",
        description = "A FROM, COPY --from or RUN --mount from= names an image that matches images.banned in the configuration (the same list "
                + "image-banned applies to manifests). Only runs when banned images are configured.",
        rationale = "A banned base (end-of-life, known-vulnerable, unlicensed) passes everything it contains into "
                + "every image built on it.",
        remediation = "Build on an approved base image.",
        cis = "5.5.1",
        nsaCisa = "Pod security: building secure container images",
        mitre = "T1525")
public final class DockerfileBaseBanned implements Check {
    @Override
    public void check(Resource resource, CheckContext context, FindingSink sink) {
        DockerfileView.of(resource).ifPresent(file -> {
            for (DockerfileView.Stage stage : file.stages()) {
                stage.externalImage().ifPresent(ref -> ImageRules.bannedBy(ref, context.config()).ifPresent(pattern ->
                        sink.report(stage.from().path(), stage.describe() + " base " + stage.image()
                                + " is banned by " + pattern)));
                for (DockerfileView.ImageUse use : stage.pulledImages()) {
                    ImageRules.bannedBy(use.ref(), context.config()).ifPresent(pattern ->
                            sink.report(use.step().path(), use.describe() + " is banned by " + pattern));
                }
            }
        });
    }
}
