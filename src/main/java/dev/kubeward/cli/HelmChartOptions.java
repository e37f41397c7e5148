package dev.kubeward.cli;

import dev.kubeward.source.helm.HelmOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * How {@code scan} renders Helm charts (a directory with {@code Chart.yaml}, or a {@code .tgz}):
 * the options of {@code helm template}. The release namespace is {@code -n}; the Kubernetes version
 * is {@code --kubernetes-version} (also spelt {@code --kube-version}, as Helm spells it).
 */
final class HelmChartOptions {
    @Option(names = "--values", paramLabel = "FILE",
            description = "Helm: a values file for the charts scanned (repeatable; later files win, as with helm template -f)")
    List<Path> values = new ArrayList<>();

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Helm: set a chart value (repeatable; a=1,b.c=x and list={x,y} as with helm template --set)")
    List<String> set = new ArrayList<>();

    @Option(names = "--release-name", paramLabel = "NAME",
            description = "Helm: the release name charts are rendered with (default: release-name, as helm template)")
    String releaseName;

    @Option(names = "--api-versions", paramLabel = "GROUP/VERSION",
            description = "Helm: an API version .Capabilities.APIVersions.Has answers true for, beside the built-in ones (repeatable)")
    List<String> apiVersions = new ArrayList<>();

    @Option(names = "--helm-tests",
            description = "Helm: also scan the charts' test hooks (helm.sh/hook: test), which are skipped by default")
    boolean tests;

    /** @param kubeVersion {@code --kubernetes-version}, else the configuration's {@code kubernetesVersion}, or null */
    HelmOptions options(String kubeVersion) {
        for (String s : set) {
            dev.kubeward.source.helm.SetValues.parse(s);
        }
        return new HelmOptions(values, set, releaseName, null, kubeVersion, apiVersions, tests);
    }
}
