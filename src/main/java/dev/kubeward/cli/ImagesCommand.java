package dev.kubeward.cli;

import dev.kubeward.check.CheckRegistry;
import dev.kubeward.check.Config;
import dev.kubeward.check.ConfigException;
import dev.kubeward.check.Finding;
import dev.kubeward.check.Scanner;
import dev.kubeward.model.Inventory;
import dev.kubeward.report.ImageInventory;
import dev.kubeward.source.LoadResult;
import dev.kubeward.source.ManifestLoader;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "images", sortOptions = false, subcommands = {ImagesScanCommand.class, ImagesVerifyCommand.class},
        description = {
            "List every image in use — in pod templates of manifests, and in FROM, COPY --from and RUN --mount from= of Dockerfiles — with where it is used, its registry, repository, tag and digest, and which image rules it breaks (trusted registries, banned images, tags, digest pinning, as configured in .kubeward.yaml). The list to feed to an image scanner.",
            "",
            "Exit code 1 when any image breaks a rule, 0 otherwise, 2 on input error."
        },
        footer = {"", "Examples:", "  kubeward images k8s/ docker/ --format json > images.json",
            "  kubeward images scan oci:build/layout       (what is inside an image: packages and vulnerabilities)",
            "  kubeward images --cluster --kube-context prod",
            "",
            "--cluster reads the cluster's workloads (as scan --cluster does: docs/cluster.md) and keeps top-level ones: a Pod",
            "or ReplicaSet run by a Deployment, Job or other controller is listed as that controller. Paths given with it are read too."})
final class ImagesCommand implements Callable<Integer>, OutputOptions.Reporting {
    @Parameters(paramLabel = "PATH", arity = "0..*", description = "files, directories or - (default: the current directory)")
    List<String> paths;

    /** The spelling of --kube-context before images read the cluster as scan does; still accepted, with a note. */
    @Option(names = "--context", hidden = true, paramLabel = "NAME")
    String deprecatedContext;

    /** kubectl is no longer run; the option is accepted, with a note, so that scripts keep working. */
    @Option(names = "--kubectl", hidden = true, paramLabel = "PATH")
    String deprecatedKubectl;

    @Mixin
    OutputOptions output;

    @Mixin
    ConfigOptions configOptions;

    @Mixin
    ManifestOptions.Standard manifests;

    @Mixin
    ClusterOptions cluster;

    @Spec
    CommandSpec spec;

    @Override
    public List<String> formats() {
        return List.of("text", "json");
    }

    @Override
    public Integer call() throws IOException {
        String format = output.format();
        CheckRegistry registry = CheckRegistry.builtIn();
        ConfigFiles.Loaded loadedConfig;
        try {
            loadedConfig = configOptions.load(registry.ids(), output);
        } catch (ConfigException e) {
            spec.commandLine().getErr().println(e);
            return ExitCodes.USAGE;
        }
        if (deprecatedContext != null) {
            if (cluster.kubeContext != null) {
                throw new ParameterException(spec.commandLine(), "--context is the old spelling of --kube-context; give one of them");
            }
            output.note("kubeward: warning: 'images --context' is deprecated; use --kube-context, as scan --cluster does");
            cluster.kubeContext = deprecatedContext;
        }
        if (deprecatedKubectl != null) {
            output.note("kubeward: warning: 'images --kubectl' is ignored: the cluster is read through its API, as scan --cluster "
                    + "reads it, with the kubeconfig kubectl uses");
        }
        // Paths given with --cluster are read too (the images of a change beside those running).
        cluster.check(spec, manifests.namespace(), false);
        boolean noPaths = paths == null || paths.isEmpty();
        LoadResult files = noPaths && cluster.cluster ? LoadResult.EMPTY
                : new ManifestLoader(manifests.read(loadedConfig, Main.environment(spec))).load(noPaths ? List.of(".") : paths);
        // An empty cluster is an answer; paths that hold no object are not.
        LoadResult fromFiles = ManifestOptions.report(files, noPaths && cluster.cluster ? null : noPaths ? List.of(".") : paths,
                output);
        LoadResult live = cluster.loadOr(() -> LoadResult.EMPTY, manifests.namespace(), output, spec.commandLine().getErr());
        if (live == null) {
            return ExitCodes.USAGE;
        }
        LoadResult loaded = fromFiles.plus(live);
        loaded.errors().forEach(spec.commandLine().getErr()::println);
        // Only the image rules: the inventory reports nothing else, and the other checks cost as much as a scan.
        Config cfg = loadedConfig.config();
        Inventory scanned = new Inventory(loaded.resources(), cfg.workloadKinds());
        List<Finding> findings = new Scanner(registry.only(meta -> ImageInventory.isImageRule(meta.id())), cfg)
                .scan(scanned);
        ImageInventory inventory = new ImageInventory(scanned, findings);
        output.write(out -> {
            if (format.equals("json")) {
                inventory.writeJson(out, JsonOutput.header(loadedConfig, output), loaded.errors());
            } else {
                inventory.writeText(out, output.quiet);
            }
        });
        if (!loaded.errors().isEmpty()) {
            return ExitCodes.USAGE;
        }
        return inventory.entries().stream().anyMatch(e -> !e.violations().isEmpty()) ? ExitCodes.FINDINGS : ExitCodes.OK;
    }
}
