package dev.kubeward.check;

import dev.kubeward.model.Inventory;

/**
 * What a check may look at besides the object: the whole scan, the user's configuration, and what
 * the door knows of image signatures (null when it verifies none: only {@code scan --images} and
 * the admission server do).
 */
public record CheckContext(Inventory inventory, Config config, SignatureStatus signatures) {
    public CheckContext(Inventory inventory, Config config) {
        this(inventory, config, null);
    }
}
