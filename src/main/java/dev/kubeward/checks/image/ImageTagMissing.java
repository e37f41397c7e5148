package dev.kubeward.checks.image;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.Container;
import dev.kubeward.model.ImageRef;

@CheckInfo(
        id = "image-tag-missing",
        title = "Image without a tag",
        severity = Severity.MEDIUM,
        category = "Images",
        description = "A container image has neither a tag nor a digest, so the runtime pulls latest.",
        rationale = "An untagged image is latest in disguise: what runs changes with every push upstream.",
        remediation = "Write an immutable version tag, ideally with its digest.",
        nsaCisa = "Pod security: building secure container images",
        mitre = "T1525")
public final class ImageTagMissing extends ImageCheck {
    @Override
    protected void checkImage(Container c, ImageRef image, CheckContext context, FindingSink sink) {
        if (image.tag() == null && !image.hasDigest()) {
            sink.report(c.path().key("image"), c.describe() + " uses image " + image.raw() + " without a tag (pulls latest)");
        }
    }
}
