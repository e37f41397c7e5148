package dev.kubeward.checks.dockerfile;

import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.checks.image.TrustedRegistries;
import dev.kubeward.model.Resource;
import java.util.List;

@CheckInfo(
        id = "dockerfile-base-untrusted",
        title = "Base image from an untrusted registry",
        severity = Severity.MEDIUM,
        category = "Dockerfile",
        description = "A FROM (any stage), COPY --from or RUN --mount from= names an image outside the configured trustedRegistries. "
                + "Runs only when trustedRegistries is configured; entries are registry hosts (ghcr.io), host/path "
                + "prefixes (ghcr.io/acme) or globs (*.gcr.io). Docker Hub is docker.io.",
        rationale = "Whatever a base image contains ends up in the product: an image from a registry the "
                + "organisation does not control or vet is a supply-chain entry point for backdoors and "
                + "malware.",
        remediation = "Mirror the base image into a trusted registry (after scanning it) and build FROM the mirror, "
                + "or add the registry to trustedRegistries if it is in fact vetted.",
        cis = "5.5.1",
        nsaCisa = "Pod security: building secure container images",
        mitre = {"T1525", "T1610"})
public final class DockerfileBaseUntrusted implements Check {
    @Override
    public void check(Resource resource, CheckContext context, FindingSink sink) {
        List<String> trusted = context.config().trustedRegistries();
        if (trusted.isEmpty()) {
            return;
        }
        DockerfileView.of(resource).ifPresent(file -> {
            for (DockerfileView.Stage stage : file.stages()) {
                stage.externalImage()
                        .filter(ref -> trusted.stream().noneMatch(t -> TrustedRegistries.covers(t, ref)))
                        .ifPresent(ref -> sink.report(stage.from().path(), stage.describe() + " base "
                                + stage.image() + " comes from " + ref.registry() + ", not a trusted registry"));
                for (DockerfileView.ImageUse use : stage.pulledImages()) {
                    if (trusted.stream().noneMatch(t -> TrustedRegistries.covers(t, use.ref()))) {
                        sink.report(use.step().path(), use.describe() + (use.mount() ? " mounts from " : " copies from ")
                                + use.ref().registry() + ", not a trusted registry");
                    }
                }
            }
        });
    }
}
