package dev.kubeward.cli;

import dev.kubeward.checks.network.NetpolModel;
import dev.kubeward.model.InputError;
import dev.kubeward.netpol.HostNetworkMode;
import dev.kubeward.netpol.Workload;
import dev.kubeward.source.LoadResult;
import dev.kubeward.source.ManifestLoader;
import dev.kubeward.source.ReadOptions;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads manifests for the netpol commands. Every input error is printed as {@code file:line:
 * reason}, and the rest of the input is still analysed: a NetworkPolicy the API server would
 * reject never takes effect in a cluster either (kubectl applies the other objects and reports
 * that one), so the answer without it is the cluster's answer.
 */
final class NetpolInputs {
    private NetpolInputs() {}

    /** The model of what could be read, and how many input errors were printed. */
    record Loaded(NetpolModel model, int errors) {
        /** Exit code 2 after the answer when something could not be read, as for every input error. */
        int exitCode(int answer) {
            return errors > 0 ? ExitCodes.USAGE : answer;
        }
    }

    static Loaded load(List<String> paths, HostNetworkMode hostNetwork, ReadOptions read, OutputOptions output,
            PrintWriter err) {
        LoadResult loaded;
        try (Progress progress = output.progress("reading files")) {
            loaded = new ManifestLoader(read).listener(progress).load(paths);
        }
        return load(ManifestOptions.report(loaded, paths, output), hostNetwork, err);
    }

    /** The same for objects already read (a cluster's, or a cluster's with a change applied). */
    static Loaded load(LoadResult loaded, HostNetworkMode hostNetwork, PrintWriter err) {
        NetpolModel model = NetpolModel.build(loaded.resources(), hostNetwork);
        List<InputError> errors = new ArrayList<>(loaded.errors());
        model.rejected().forEach(r -> errors.add(r.toInputError()));
        model.partlyRead().forEach(r -> errors.add(r.toInputError()));
        errors.forEach(err::println);
        noteHostNetwork(model, hostNetwork, err);
        err.flush();
        return new Loaded(model, errors.size());
    }

    /** Says how hostNetwork pods were analysed, since the two ways give different lists. */
    private static void noteHostNetwork(NetpolModel model, HostNetworkMode mode, PrintWriter err) {
        List<String> hostNetworked = model.cluster().workloads().stream().filter(Workload::hostNetwork)
                .map(Workload::id).sorted().toList();
        if (hostNetworked.isEmpty() || mode == HostNetworkMode.NODE) {
            return;
        }
        String names = String.join(", ", hostNetworked.stream().limit(3).toList())
                + (hostNetworked.size() > 3 ? " and " + (hostNetworked.size() - 3) + " more" : "");
        err.println("kubeward: note: " + names + (hostNetworked.size() == 1 ? " uses" : " use")
                + " the host network and " + (hostNetworked.size() == 1 ? "is" : "are")
                + " analysed as pod-network pods, as netpol-analyzer does; --host-network node analyses "
                + "them as the node's address, which NetworkPolicy does not isolate and selectors do not match");
    }
}
