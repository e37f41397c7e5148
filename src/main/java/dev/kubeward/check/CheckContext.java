package dev.kubeward.check;

import dev.kubeward.model.Inventory;

/** What a check may look at besides the object: the whole scan and the user's configuration. */
public record CheckContext(Inventory inventory, Config config) {}
