package dev.kubeward.checks.image;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.Container;
import dev.kubeward.model.ImageRef;

@CheckInfo(
        id = "image-not-digest-pinned",
        title = "Image not pinned by digest",
        severity = Severity.LOW,
        category = "Images",
        description = "A container image is referenced by tag only, without @sha256 digest. High instead of low "
                + "where the configuration requires digests (images.requireDigest: true, or a list of namespace globs; an "
                + "object without metadata.namespace counts as in namespace default, where kubectl applies it).",
        rationale = "Tags are mutable: whoever can push to the repository can change what a tag means. A digest "
                + "names exactly the image that was reviewed and scanned.",
        remediation = "Pin the image by digest (repo:1.2.3@sha256:…); let a bot such as Renovate keep digests current.",
        cis = "5.5.1",
        nsaCisa = "Pod security: building secure container images",
        mitre = "T1525")
public final class ImageNotDigestPinned extends ImageCheck {
    @Override
    protected void checkImage(Container c, ImageRef image, CheckContext context, FindingSink sink) {
        if (!image.hasDigest()) {
            // An object without a namespace is applied to default, so a rule for default covers it.
            boolean required = ImageRules.digestRequired(context.config(), c.pod().owner().effectiveNamespace());
            sink.report(c.path().key("image"), required ? Severity.HIGH : Severity.LOW, c.describe() + " uses image "
                    + image.raw() + " without a digest" + (required ? " (digests are required here)" : ""));
        }
    }
}
