package dev.kubeward.checks.dockerfile;

import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.Resource;
import java.util.Locale;

@CheckInfo(
        id = "dockerfile-add-remote",
        title = "ADD fetches a remote URL",
        severity = Severity.MEDIUM,
        category = "Dockerfile",
        description = "An ADD (ONBUILD triggers included) has an http(s) URL or a git URL (git@…, git://, "
                + "ssh://) as a source. An http(s) ADD with --checksum is accepted.",
        rationale = "ADD downloads at build time without verifying what it got: a compromised or hijacked URL "
                + "puts arbitrary content into the image, and the layer cannot be reproduced later.",
        remediation = "Download with curl/wget in a RUN and verify a checksum or signature (sha256sum -c), use "
                + "ADD --checksum=sha256:…, or vendor the file into the build context and COPY it.",
        nsaCisa = "Pod security: building secure container images",
        mitre = "T1525")
public final class DockerfileAddRemote implements Check {
    @Override
    public void check(Resource resource, CheckContext context, FindingSink sink) {
        DockerfileView.of(resource).ifPresent(file -> {
            for (DockerfileView.Step step : file.allSteps()) {
                if (!step.is("ADD")) {
                    continue;
                }
                boolean checksum = step.flag("checksum").filter(v -> !v.isBlank()).isPresent();
                for (String source : step.sources()) {
                    String s = source.toLowerCase(Locale.ROOT);
                    boolean http = s.startsWith("http://") || s.startsWith("https://");
                    boolean git = s.startsWith("git@") || s.startsWith("git://") || s.startsWith("ssh://");
                    if ((http && !checksum) || git) {
                        sink.report(step.path(), step.where() + " downloads " + (git ? "a git repository" : "a URL")
                                + " without verifying it");
                        break;
                    }
                }
            }
        });
    }
}
