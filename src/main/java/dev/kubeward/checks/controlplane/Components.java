package dev.kubeward.checks.controlplane;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.Config;
import dev.kubeward.controlplane.ComponentConfig;
import dev.kubeward.controlplane.ControlPlaneSettings;
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

    /** The engine's settings from the user's configuration: {@code kubernetesVersion}, shared with the version checks. */
    static ControlPlaneSettings settings(Config config) {
        return ControlPlaneSettings.forVersion(config.setting(VERSION_KEY, null));
    }

    /** The configuration key of the version to assume when image tags do not say. */
    static final String VERSION_KEY = "kubernetesVersion";

    private static Map<Resource, List<ComponentConfig>> all(CheckContext context) {
        return context.inventory().derived(KEY, inventory -> {
            Map<Resource, List<ComponentConfig>> byResource = new IdentityHashMap<>();
            ControlPlaneSettings settings = settings(context.config());
            for (Resource r : inventory.all()) {
                List<ComponentConfig> found = ComponentConfig.of(r, settings);
                if (!found.isEmpty()) {
                    byResource.put(r, found);
                }
            }
            return byResource;
        });
    }
}
