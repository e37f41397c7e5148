package dev.kubeward.controlplane;

import dev.kubeward.model.KubernetesVersion;
import java.util.Optional;

/**
 * What the control-plane engine reads besides the objects themselves. The engine does not read
 * the user's configuration file: whoever runs it (the control-plane checks, from
 * {@code kubernetesVersion}) builds these settings.
 *
 * @param kubernetesVersion the version whose defaults apply when a component's image tag does not
 *                          say; empty for {@link #NEWEST}
 */
public record ControlPlaneSettings(Optional<KubernetesVersion> kubernetesVersion) {
    /** Assumed when nothing says otherwise: defaults only ever got safer, so this errs quiet. */
    public static final KubernetesVersion NEWEST = KubernetesVersion.of(1, 33);
    public static final ControlPlaneSettings DEFAULT = new ControlPlaneSettings(Optional.empty());

    public ControlPlaneSettings {
        kubernetesVersion = kubernetesVersion == null ? Optional.empty() : kubernetesVersion;
    }

    /** Settings for a version written as in configuration ({@code v1.33.4}, {@code 1.29}); null or unparsable is none. */
    public static ControlPlaneSettings forVersion(String version) {
        return new ControlPlaneSettings(KubernetesVersion.parse(version));
    }
}
