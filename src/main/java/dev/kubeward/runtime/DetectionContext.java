package dev.kubeward.runtime;

import dev.kubeward.check.CheckRegistry;
import dev.kubeward.check.Config;

/**
 * What detections may consult: the runtime configuration and, for object rules, the checks and
 * the check configuration of {@code scan} (severities, trusted registries, exemptions).
 */
public record DetectionContext(RuntimeConfig runtime, Config checks, CheckRegistry registry) {
    public static DetectionContext defaults() {
        return new DetectionContext(RuntimeConfig.DEFAULT, Config.DEFAULT, CheckRegistry.builtIn());
    }
}
