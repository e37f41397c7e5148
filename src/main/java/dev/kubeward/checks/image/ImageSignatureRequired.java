package dev.kubeward.checks.image;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.check.SignatureRule;
import dev.kubeward.check.SignatureStatus;
import dev.kubeward.model.Container;
import dev.kubeward.model.ImageRef;

@CheckInfo(
        id = "image-signature-required",
        title = "Image not signed as required",
        severity = Severity.HIGH,
        category = "Images",
        description = "A container image covered by an entry of images.requireSignature in the configuration (a "
                + "registry/repository glob, a namespace glob, or both) has no cosign signature by the signer the entry "
                + "names (a public key, or a keyless identity and issuer against a trusted_root.json) over the digest "
                + "the image resolves to; or its signatures could not be read from the registry (never a silent pass). "
                + "Runs in scan --images, which reads the signatures from the registry (each digest once); other "
                + "commands, and kubeward serve, do not read registries and do not report it.",
        rationale = "A signature ties an image to the build that made it: an image pushed by someone who stole "
                + "registry credentials, or a tag moved to other content, carries no signature of the team's key or CI "
                + "identity. Kubernetes itself does not check signatures.",
        remediation = "Sign the image in the pipeline that builds it (cosign sign --key, or keyless from CI) and "
                + "deploy it by the signed digest; if another signer is legitimate, add it to images.requireSignature "
                + "with a review.",
        nsaCisa = "Pod security: building secure container images",
        mitre = "T1525")
public final class ImageSignatureRequired extends ImageCheck {
    @Override
    protected void checkImage(Container c, ImageRef image, CheckContext context, FindingSink sink) {
        SignatureStatus status = context.signatures();
        if (status == null) {
            return;
        }
        String namespace = c.pod().owner().effectiveNamespace();
        for (SignatureRule rule : context.config().signatureRules()) {
            if (!rule.covers(namespace, rule.image() != null && ImageRules.matches(rule.image(), image))) {
                continue;
            }
            SignatureStatus.Verdict v = status.verdict(image.raw(), rule);
            String at = image.raw() + (v.digest() == null || image.hasDigest() ? "" : " (" + v.digest() + ")");
            String by = " by " + rule.signer() + " as " + rule.name() + " requires (" + rule.file() + ":" + rule.line() + ")";
            switch (v.state()) {
                case VERIFIED -> { }
                case NOT_VERIFIED -> sink.report(c.path().key("image"),
                        c.describe() + " uses image " + at + ", which is not signed" + by + ": " + v.detail());
                case UNREADABLE -> sink.report(c.path().key("image"),
                        c.describe() + " uses image " + at + ", whose signature" + by + " could not be verified: the "
                                + "registry could not be read: " + v.detail());
                case PENDING -> sink.report(c.path().key("image"), Severity.INFO,
                        c.describe() + " uses image " + at + ", whose signature" + by + " is not verified yet ("
                                + v.detail() + ")");
            }
        }
    }
}
