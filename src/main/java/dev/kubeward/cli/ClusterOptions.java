package dev.kubeward.cli;

import dev.kubeward.model.Resource;
import dev.kubeward.report.UnreadInput;
import dev.kubeward.source.LoadResult;
import dev.kubeward.source.cluster.ClusterConnection;
import dev.kubeward.source.cluster.ClusterReader;
import dev.kubeward.source.cluster.ClusterSnapshot;
import dev.kubeward.source.cluster.Kubeconfig;
import dev.kubeward.source.cluster.ListedKind;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * How a command reads a live cluster instead of files (a mixin): {@code --cluster},
 * {@code --kubeconfig}, {@code --kube-context}, {@code -A/--all-namespaces},
 * {@code --request-timeout}. The namespace to read is the command's own {@code -n}.
 *
 * <p>The kubeconfig context is {@code --kube-context} (as in helm and kubescape) because
 * {@code scan --context} already names directories read for the cross-object checks.
 */
final class ClusterOptions {
    /** The command these options are mixed into: its {@link Environment} is where the kubeconfig is looked for. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--cluster", description = "read the live cluster of the kubeconfig instead of files: every kind the checks need, Secrets as metadata only (their values never leave the API server); kinds that cannot be read are listed as not checked")
    boolean cluster;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "with --cluster: the kubeconfig file (default: KUBECONFIG, several files merged, else ~/.kube/config, else the pod's service account)")
    String kubeconfig;

    @Option(names = "--kube-context", paramLabel = "CONTEXT", description = "with --cluster: the kubeconfig context (default: current-context)")
    String kubeContext;

    @Option(names = {"-A", "--all-namespaces"}, description = "with --cluster: read every namespace (the default unless -n names one)")
    boolean allNamespaces;

    @Option(names = "--request-timeout", paramLabel = "SECONDS", defaultValue = "60", description = "with --cluster: how long one request may take before its kind is listed as not checked (default: ${DEFAULT-VALUE})")
    int requestTimeout;

    /** A usage mistake in these options, or null. */
    String usageError(String namespace, boolean hasPaths) {
        if (!cluster) {
            if (kubeconfig != null || kubeContext != null || allNamespaces) {
                return (kubeconfig != null ? "--kubeconfig" : kubeContext != null ? "--kube-context" : "--all-namespaces")
                        + " needs --cluster";
            }
            return null;
        }
        if (hasPaths) {
            return "--cluster reads the cluster; name no files with it";
        }
        if (allNamespaces && namespace != null) {
            return "-n and --all-namespaces exclude each other";
        }
        if (requestTimeout <= 0) {
            return "--request-timeout must be a positive number of seconds";
        }
        return null;
    }

    /**
     * Refuses a usage mistake in these options as picocli refuses its own.
     *
     * @param namespace the command's {@code -n}, when it limits what is read; null when it does not
     * @param hasPaths whether files were named too (a cluster is read instead of files)
     */
    void check(CommandSpec spec, String namespace, boolean hasPaths) {
        String usage = usageError(namespace, hasPaths);
        if (usage != null) {
            throw new ParameterException(spec.commandLine(), usage);
        }
    }

    /** For commands whose files are required unless the cluster is read: refuses neither, as picocli would. */
    void requirePaths(CommandSpec spec, List<String> paths, String label) {
        if (!cluster && (paths == null || paths.isEmpty())) {
            throw new ParameterException(spec.commandLine(), "Missing required parameter: '" + label
                    + "' (or --cluster)");
        }
    }

    /**
     * What a command answers for: the cluster's objects with {@code --cluster} ({@link #input}),
     * else the files that {@code files} loads. Null when the cluster cannot be read (said on
     * {@code err}; exit 2).
     */
    LoadResult loadOr(Supplier<LoadResult> files, String namespace, OutputOptions output, PrintWriter err) {
        if (!cluster) {
            return files.get();
        }
        Input live = input(namespace, output, err);
        return live == null ? null : live.load();
    }

    /** One read of the cluster (every kind, or the kubelets' configurations). */
    interface Read {
        ClusterSnapshot from(ClusterReader reader) throws ClusterConnection.ClusterException;
    }

    /** A connection to the cluster these options name (for writing to it: {@link PolicyReportOptions}). */
    ClusterConnection connect() throws ClusterConnection.ClusterException {
        Environment env = mixee == null ? Environment.system() : Main.environment(mixee);
        return ClusterConnection.open(new ClusterConnection.Target(kubeconfig, kubeContext, requestTimeout),
                new Kubeconfig.Environment(env.variables(), Kubeconfig.Environment.SERVICE_ACCOUNT));
    }

    /** The cluster read with a progress line on a terminal; throttling is always said. */
    private ClusterSnapshot read(Read what, PrintWriter err, OutputOptions output) throws ClusterConnection.ClusterException {
        try (ClusterConnection connection = connect();
                Progress progress = output.progress("reading " + connection.sourceName())) {
            ClusterReader.Listener listener = new ClusterReader.Listener() {
                private int objects;

                @Override
                public synchronized void listed(ListedKind kind, int count, int done, int total) {
                    objects += count;
                    progress.set(done, total, objects + " objects");
                }

                @Override
                public synchronized void throttled(ListedKind kind, long seconds) {
                    String message = connection.sourceName() + ": the API server is throttling requests "
                            + "(429 Too Many Requests): waiting " + seconds + " s as it asks"
                            + (kind == null ? "" : " (" + kind.qualifiedResource() + ")");
                    if (progress.enabled()) {
                        progress.println(message);
                    } else {
                        err.println(message);
                        err.flush();
                    }
                }

                @Override
                public synchronized void restarted(ListedKind kind) {
                    progress.println(kind.qualifiedResource() + " changed while being read (410 Gone): reading it again");
                }
            };
            ClusterSnapshot snapshot = what.from(new ClusterReader(connection,
                    new ClusterReader.Options(500, 4, requestTimeout), listener));
            return snapshot;
        }
    }

    /**
     * The cluster as a command's input.
     *
     * @param snapshot everything read (the cluster-scoped context included), the gaps, the server's version
     * @param targets the objects the command reports on ({@link #targets})
     */
    record Input(ClusterSnapshot snapshot, List<Resource> targets) {
        /** The targets as a load of files would give them, for commands that take a {@link LoadResult}. */
        LoadResult load() {
            return new LoadResult(targets, List.of(), List.of(), 1);
        }
    }

    /**
     * Reads the cluster for a command and accounts for what could not be read as a load of files
     * does ({@link ManifestOptions#report}): kept on {@code output} for the JSON {@code input} and
     * SARIF, one summary line on standard error (each gap with {@code --verbose}). Null when the
     * cluster cannot be read at all; the reason is then on {@code err}, and the command exits 2.
     *
     * @param namespace the {@code -n} that limits the read, or null for every namespace
     */
    Input input(String namespace, OutputOptions output, PrintWriter err) {
        return input(reader -> reader.read(namespace), namespace, output, err);
    }

    /** The live kubelet configuration of the nodes named (every node when none is), as {@link #input} reads. */
    Input kubelets(List<String> nodes, OutputOptions output, PrintWriter err) {
        return input(reader -> reader.readKubelets(nodes), null, output, err);
    }

    private Input input(Read what, String namespace, OutputOptions output, PrintWriter err) {
        ClusterSnapshot snapshot;
        try {
            snapshot = read(what, err, output);
        } catch (ClusterConnection.ClusterException e) {
            err.println(e.getMessage());
            err.flush();
            return null;
        }
        UnreadInput unread = UnreadInput.ofCluster(snapshot.resources().size(), snapshot.gaps());
        output.unread(unread);
        if (output.verbose) {
            unread.notChecked().forEach(g -> output.verbose(g.toString()));
        } else if (unread.summary() != null) {
            output.note(unread.summary());
        }
        return new Input(snapshot, targets(snapshot, namespace));
    }

    /**
     * The objects a command reports on: with {@code -n}, the namespaced objects of that namespace
     * and the Namespace itself; the cluster-scoped rest is context (RBAC, webhooks, nodes).
     */
    static List<Resource> targets(ClusterSnapshot snapshot, String namespace) {
        if (namespace == null) {
            return snapshot.resources();
        }
        return snapshot.resources().stream()
                .filter(r -> namespace.equals(r.namespace())
                        || (r.kind().equals("Namespace") && r.apiVersion().equals("v1") && namespace.equals(r.name())))
                .toList();
    }
}
