package dev.kubeward.checks.image;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.Container;
import dev.kubeward.model.Field;
import dev.kubeward.model.ImageRef;
import dev.kubeward.model.Json;

@CheckInfo(
        id = "image-pull-policy-not-always",
        title = "Mutable image not always pulled",
        severity = Severity.LOW,
        category = "Images",
        description = "A container uses a mutable image reference (no digest) and its imagePullPolicy in effect is "
                + "not Always: set to IfNotPresent or Never, or unset with a version tag (which defaults to "
                + "IfNotPresent; latest or no tag defaults to Always).",
        rationale = "With a mutable tag and IfNotPresent, each node runs whatever it pulled first under that tag, "
                + "and a pod can use a cached private image without the registry checking its credentials.",
        remediation = "Pin the image by digest, or set imagePullPolicy: Always.",
        nsaCisa = "Pod security: building secure container images",
        mitre = "T1525")
public final class ImagePullPolicyNotAlways extends ImageCheck {
    @Override
    protected void checkImage(Container c, ImageRef image, CheckContext context, FindingSink sink) {
        if (image.hasDigest()) {
            return;
        }
        Field policy = c.field("imagePullPolicy");
        String explicit = Json.text(policy.value());
        String effective = explicit != null ? explicit : "latest".equals(image.effectiveTag()) ? "Always" : "IfNotPresent";
        if (!effective.equals("Always")) {
            String how = explicit != null ? "with imagePullPolicy " + explicit : "whose imagePullPolicy defaults to IfNotPresent";
            sink.report(policy.present() ? policy.path() : c.path().key("image"),
                    c.describe() + " uses mutable image " + image.raw() + " " + how);
        }
    }
}
