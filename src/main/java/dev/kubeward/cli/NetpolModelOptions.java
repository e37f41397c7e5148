package dev.kubeward.cli;

import dev.kubeward.netpol.HostNetworkMode;
import dev.kubeward.source.LoadResult;
import dev.kubeward.source.ReadOptions;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Option;

/** Options of the netpol commands about how the input is modelled. */
final class NetpolModelOptions {
    enum HostNetwork { pod, node }

    @Option(names = "--host-network", paramLabel = "pod|node", defaultValue = "pod",
            description = "how to analyse pods with hostNetwork: true: pod, as pod-network pods, as netpol-analyzer "
                    + "does; node, as the node's address, which no NetworkPolicy isolates and no pod or namespace "
                    + "selector matches, as most network plugins behave (default: ${DEFAULT-VALUE})")
    HostNetwork hostNetwork = HostNetwork.pod;

    HostNetworkMode mode() {
        return hostNetwork == HostNetwork.node ? HostNetworkMode.NODE : HostNetworkMode.POD;
    }

    /**
     * The model of the cluster with {@code --cluster} (the whole cluster: a connection may come
     * from any namespace), else of the files; null when the cluster cannot be read (said on
     * {@code err}).
     */
    NetpolInputs.Loaded load(List<String> paths, ReadOptions read, ClusterOptions cluster, OutputOptions output,
            PrintWriter err) {
        if (!cluster.cluster) {
            return load(paths, read, output, err);
        }
        LoadResult live = cluster.loadOr(() -> LoadResult.EMPTY, null, output, err);
        return live == null ? null : NetpolInputs.load(live, mode(), err);
    }

    /** @param read which files, and the namespace of namespace-less objects ({@link ManifestOptions}) */
    NetpolInputs.Loaded load(List<String> paths, ReadOptions read, OutputOptions output, PrintWriter err) {
        return NetpolInputs.load(paths, mode(), read, output, err);
    }
}
