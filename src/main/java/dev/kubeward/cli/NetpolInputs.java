package dev.kubeward.cli;

import dev.kubeward.checks.network.NetpolModel;
import dev.kubeward.model.InputError;
import dev.kubeward.source.LoadResult;
import dev.kubeward.source.ManifestLoader;
import dev.kubeward.source.ReadOptions;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads manifests for the netpol commands; any input error is printed as file:line: reason. */
final class NetpolInputs {
    private NetpolInputs() {}

    /**
     * The reachability model of the objects under {@code paths}, or empty when some input could
     * not be read (the errors are then on {@code err}). A partial answer would be a wrong answer:
     * a policy left out changes what is reachable.
     */
    static Optional<NetpolModel> load(List<String> paths, ReadOptions read, OutputOptions output, PrintWriter err) {
        LoadResult loaded = new ManifestLoader(read).load(paths);
        ManifestOptions.report(loaded, output);
        NetpolModel model = NetpolModel.build(loaded.resources());
        List<InputError> errors = new ArrayList<>(loaded.errors());
        model.rejected().forEach(r -> errors.add(r.toInputError()));
        errors.forEach(err::println);
        err.flush();
        return errors.isEmpty() ? Optional.of(model) : Optional.empty();
    }
}
