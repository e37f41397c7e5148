package dev.kubeward.checks.image;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.Container;
import dev.kubeward.model.ImageRef;

@CheckInfo(
        id = "image-tag-latest",
        title = "Image tag latest",
        severity = Severity.MEDIUM,
        category = "Images",
        description = "A container image uses the tag latest without a digest.",
        rationale = "latest changes under you: two nodes can run different code, a rollback is impossible, and "
                + "a compromised upstream push is deployed on the next restart.",
        remediation = "Use an immutable version tag, ideally with its digest (image: repo:1.2.3@sha256:…).",
        nsaCisa = "Pod security: building secure container images",
        mitre = "T1525")
public final class ImageTagLatest extends ImageCheck {
    @Override
    protected void checkImage(Container c, ImageRef image, CheckContext context, FindingSink sink) {
        if ("latest".equals(image.tag()) && !image.hasDigest()) {
            sink.report(c.path().key("image"), c.describe() + " uses image " + image.raw() + " (tag latest)");
        }
    }
}
