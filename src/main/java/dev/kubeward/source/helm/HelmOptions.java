package dev.kubeward.source.helm;

import java.nio.file.Path;
import java.util.List;

/**
 * How charts are rendered, as {@code helm template} takes it.
 *
 * @param valuesFiles {@code --values} files, in order (later ones win, after the chart's values.yaml)
 * @param set {@code --set key=value} assignments, in order (after every values file)
 * @param releaseName the release name ({@code release-name} when null, as {@code helm template})
 * @param namespace the release namespace ({@code -n}); null for the kubeconfig context's, {@code default}
 * @param kubeVersion {@code .Capabilities.KubeVersion} (v1.33.4 or 1.33); null for {@link #DEFAULT_KUBE_VERSION}
 * @param apiVersions {@code --api-versions}: what {@code .Capabilities.APIVersions.Has} answers true for,
 *     beside the built-in API versions
 * @param includeTests read the chart's test hooks ({@code helm.sh/hook: test}) too
 */
public record HelmOptions(List<Path> valuesFiles, List<String> set, String releaseName, String namespace,
        String kubeVersion, List<String> apiVersions, boolean includeTests) {
    /**
     * The Kubernetes version a chart sees when none is given: the one the embedded Helm (3.16.4) is
     * built against (client-go 0.32), as Helm's own release builds set it.
     */
    public static final String DEFAULT_KUBE_VERSION = "v1.32.0";
    public static final String DEFAULT_RELEASE_NAME = "release-name";
    public static final HelmOptions DEFAULT = new HelmOptions(List.of(), List.of(), null, null, null, List.of(), false);

    public HelmOptions {
        valuesFiles = List.copyOf(valuesFiles);
        set = List.copyOf(set);
        apiVersions = List.copyOf(apiVersions);
    }

    public HelmOptions withNamespace(String ns) {
        return new HelmOptions(valuesFiles, set, releaseName, ns, kubeVersion, apiVersions, includeTests);
    }

    public HelmOptions withKubeVersion(String version) {
        return new HelmOptions(valuesFiles, set, releaseName, namespace, version, apiVersions, includeTests);
    }

    String release() {
        return releaseName == null || releaseName.isEmpty() ? DEFAULT_RELEASE_NAME : releaseName;
    }
}
