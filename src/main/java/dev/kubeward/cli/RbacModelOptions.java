package dev.kubeward.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Option;

/** How every rbac subcommand builds its model: the manifests given, plus the stock policy on request. */
final class RbacModelOptions {
    @Option(names = "--bootstrap", description = "add the stock roles and bindings of an API server")
    boolean bootstrap;

    /** The model of what could be read; input errors were printed to {@code err}. */
    RbacInput.Loaded load(List<String> paths, PrintWriter err) {
        return RbacInput.load(paths, bootstrap, err);
    }
}
