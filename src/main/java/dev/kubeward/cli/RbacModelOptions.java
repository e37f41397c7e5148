package dev.kubeward.cli;

import dev.kubeward.rbac.RbacModel;
import dev.kubeward.source.ReadOptions;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * How every rbac subcommand builds its model: the manifests given, on top of the stock policy of
 * an API server unless {@code --no-bootstrap}, so that {@code rbac} answers for the same cluster
 * that {@code scan}'s RBAC checks judge (they always assume the stock policy).
 */
final class RbacModelOptions {
    /** What the answer assumes, said on standard error with every answer. */
    static final String WITH_STOCK = "note: with the stock roles and bindings every API server creates, as scan assumes "
            + "(--no-bootstrap leaves them out)";
    /** What scan says when it judged RBAC objects. */
    static final String SCAN_STOCK = "note: the RBAC checks judge the manifests with the stock roles and bindings every "
            + "API server creates, as 'kubeward rbac' does by default";
    static final java.util.Set<String> RBAC_KINDS = java.util.Set.of("Role", "ClusterRole", "RoleBinding",
            "ClusterRoleBinding", "ServiceAccount");
    static final String WITHOUT_STOCK = "note: without the stock roles and bindings of an API server (--no-bootstrap); "
            + "scan's RBAC checks assume them";

    @Option(names = "--bootstrap", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "add the stock roles and bindings every API server creates, as scan does (default); --no-bootstrap reads the manifests alone")
    boolean bootstrap = true;

    /** The model, or empty after the input errors were printed to {@code err}. */
    Optional<RbacModel> load(List<String> paths, ReadOptions read, OutputOptions output, PrintWriter err) {
        output.note(bootstrap ? WITH_STOCK : WITHOUT_STOCK);
        return RbacInput.load(paths, bootstrap, read, output, err);
    }
}
