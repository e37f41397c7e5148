package dev.kubeward.checks.image;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.Container;
import dev.kubeward.model.ImageRef;

@CheckInfo(
        id = "image-banned",
        title = "Banned image",
        severity = Severity.HIGH,
        category = "Images",
        description = "A container image matches a pattern of images.banned in the configuration (registry/"
                + "repository:tag globs; a pattern without a tag bans every tag; repository@sha256:… bans only images "
                + "pinned to that digest). Only runs when banned images are configured; dockerfile-base-banned applies "
                + "the same list to Dockerfiles.",
        rationale = "Teams ban images that are end-of-life, known-vulnerable or unlicensed; enforcing the list in "
                + "CI keeps them from coming back through a copied manifest.",
        remediation = "Move to an approved image; if the ban is wrong, change images.banned with a review.",
        cis = "5.5.1",
        nsaCisa = "Pod security: building secure container images",
        mitre = "T1525")
public final class ImageBanned extends ImageCheck {
    @Override
    protected void checkImage(Container c, ImageRef image, CheckContext context, FindingSink sink) {
        ImageRules.bannedBy(image, context.config()).ifPresent(pattern -> sink.report(c.path().key("image"),
                c.describe() + " uses image " + image.raw() + ", banned by " + pattern));
    }
}
