package dev.kubeward.checks.image;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.Container;
import dev.kubeward.model.ImageRef;
import java.util.List;

@CheckInfo(
        id = "image-registry-untrusted",
        title = "Image from an untrusted registry",
        severity = Severity.HIGH,
        category = "Images",
        description = "When trustedRegistries is configured, a container image comes from a registry (or "
                + "repository prefix) outside that list. Images without a registry are Docker Hub (docker.io).",
        rationale = "Images from unvetted sources may carry malware or vulnerable software; a list of trusted "
                + "registries is the image provenance control of the CIS Benchmark.",
        remediation = "Mirror the image into a trusted registry, or add the registry to trustedRegistries after review.",
        cis = "5.5.1",
        nsaCisa = "Pod security: building secure container images",
        mitre = "T1525")
public final class ImageRegistryUntrusted extends ImageCheck {
    @Override
    protected void checkImage(Container c, ImageRef image, CheckContext context, FindingSink sink) {
        List<String> trusted = context.config().trustedRegistries();
        if (!trusted.isEmpty() && !TrustedRegistries.isTrusted(image, trusted)) {
            sink.report(c.path().key("image"), c.describe() + " uses image " + image.raw()
                    + " from " + image.registry() + ", which is not a trusted registry");
        }
    }
}
