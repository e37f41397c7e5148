package dev.kubeward.cli;

import dev.kubeward.rbac.RbacModel;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** How every rbac subcommand builds its model: the manifests given, plus the stock policy on request. */
final class RbacModelOptions {
    @Option(names = "--bootstrap", description = "add the stock roles and bindings of an API server")
    boolean bootstrap;

    /** The model, or empty after the input errors were printed to {@code err}. */
    Optional<RbacModel> load(List<String> paths, PrintWriter err) {
        return RbacInput.load(paths, bootstrap, err);
    }
}
