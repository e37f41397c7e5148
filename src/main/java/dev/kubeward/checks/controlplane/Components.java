package dev.kubeward.checks.controlplane;

import dev.kubeward.check.CheckContext;
import dev.kubeward.controlplane.ComponentConfig;
import dev.kubeward.model.Resource;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The control-plane components of every object, recognised once per scan. Forty-odd checks ask
 * the same question of every pod; recognising a component (command, image, flags, defaults)
 * once instead of once per check keeps a large scan from paying for it forty times.
 */
final class Components {
    private static final Object KEY = new Object();

    private Components() {}

    static void prepare(CheckContext context) {
        all(context);
    }

    static List<ComponentConfig> of(Resource resource, CheckContext context) {
        return all(context).getOrDefault(resource, List.of());
    }

    private static Map<Resource, List<ComponentConfig>> all(CheckContext context) {
        return context.inventory().derived(KEY, inventory -> {
            Map<Resource, List<ComponentConfig>> byResource = new IdentityHashMap<>();
            for (Resource r : inventory.all()) {
                List<ComponentConfig> found = ComponentConfig.of(r, context.config());
                if (!found.isEmpty()) {
                    byResource.put(r, found);
                }
            }
            return byResource;
        });
    }
}
