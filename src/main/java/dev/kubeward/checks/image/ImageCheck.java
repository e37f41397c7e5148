package dev.kubeward.checks.image;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.ContainerCheck;
import dev.kubeward.check.FindingSink;
import dev.kubeward.model.Container;
import dev.kubeward.model.ImageRef;

/** A check of each container's image reference; containers without an image are the API server's to reject. */
abstract class ImageCheck extends ContainerCheck {
    @Override
    protected final void checkContainer(Container c, CheckContext context, FindingSink sink) {
        String image = c.image();
        if (image != null && !image.isBlank()) {
            checkImage(c, ImageRef.parse(image), context, sink);
        }
    }

    protected abstract void checkImage(Container c, ImageRef image, CheckContext context, FindingSink sink);
}
