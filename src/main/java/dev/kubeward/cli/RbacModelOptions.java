package dev.kubeward.cli;

import dev.kubeward.source.ReadOptions;
import java.io.PrintWriter;
import dev.kubeward.source.LoadResult;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
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

    /** What the answer stands on when it is the cluster's: its own objects, the stock ones among them. */
    static final String CLUSTER_STOCK = "note: the cluster's own roles and bindings, the stock ones among them as the "
            + "API server keeps them (--bootstrap adds nothing to a cluster)";

    /** Why {@code --bootstrap} is refused with {@code --cluster} ({@code --no-bootstrap} is what a cluster read does anyway). */
    static final String BOOTSTRAP_ON_CLUSTER = "--bootstrap adds the stock roles and bindings to manifests; with --cluster "
            + "the cluster's own are read, as its API server keeps them (leave --bootstrap out)";

    /**
     * The model of what could be read; input errors were printed to {@code err}. With
     * {@code --cluster} the cluster's objects (those of {@code namespace}, when given, and the
     * cluster-scoped ones), without the stock policy: the cluster holds its own, as reconciled
     * by its API server, and adding them again would bring back a stock binding it has removed.
     * Empty when the cluster cannot be read (said on standard error).
     *
     * @param namespace the {@code -n} that limits what is read from a cluster, or null
     */
    Optional<RbacInput.Loaded> load(CommandSpec spec, List<String> paths, ReadOptions read, ClusterOptions cluster,
            String namespace, OutputOptions output) {
        cluster.check(spec, namespace, paths != null && !paths.isEmpty());
        PrintWriter err = spec.commandLine().getErr();
        if (cluster.cluster) {
            if (bootstrap && spec.commandLine().getParseResult().hasMatchedOption("--bootstrap")) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), BOOTSTRAP_ON_CLUSTER);
            }
            output.note(CLUSTER_STOCK);
            LoadResult live = cluster.loadOr(() -> LoadResult.EMPTY, namespace, output, err);
            return live == null ? Optional.empty() : Optional.of(RbacInput.load(live, false, output, err));
        }
        output.note(bootstrap ? WITH_STOCK : WITHOUT_STOCK);
        return Optional.of(RbacInput.load(paths, bootstrap, read, output, err));
    }
}
