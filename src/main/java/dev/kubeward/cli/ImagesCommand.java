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
import dev.kubeward.source.ReadOptions;
import dev.kubeward.source.cluster.KubectlSource;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "images", sortOptions = false, subcommands = {ImagesScanCommand.class},
        description = {
            "List every image in use — in pod templates of manifests, and in FROM, COPY --from and RUN --mount from= of Dockerfiles — with where it is used, its registry, repository, tag and digest, and which image rules it breaks (trusted registries, banned images, tags, digest pinning, as configured in .kubeward.yaml). The list to feed to an image scanner.",
            "",
            "Exit code 1 when any image breaks a rule, 0 otherwise, 2 on input error."
        },
        footer = {"", "Examples:", "  kubeward images k8s/ docker/ --format json > images.json",
            "  kubeward images scan oci:build/layout       (what is inside an image: packages and vulnerabilities)",
            "  kubeward images --cluster --context prod",
            "",
            "--cluster reads the cluster's workloads through kubectl (so every kubeconfig authentication method works) and",
            "keeps top-level ones: a Pod or ReplicaSet run by a Deployment, Job or other controller is listed as that controller."})
final class ImagesCommand implements Callable<Integer>, OutputOptions.Reporting {
    @Parameters(paramLabel = "PATH", arity = "0..*", description = "files, directories or - (default: the current directory)")
    List<String> paths;

    @Option(names = "--cluster", description = "also read the workloads of the cluster kubectl points at")
    boolean cluster;

    @Option(names = "--context", paramLabel = "NAME", description = "with --cluster: the kubeconfig context (default: the current one)")
    String context;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "with --cluster: the kubeconfig file (default: kubectl's)")
    String kubeconfig;

    @Option(names = "--kubectl", paramLabel = "PATH", defaultValue = "${env:KUBEWARD_KUBECTL:-kubectl}",
            description = "with --cluster: the kubectl to run (default: $KUBEWARD_KUBECTL, else kubectl on the PATH)")
    String kubectl;

    @Mixin
    OutputOptions output;

    @Mixin
    ConfigOptions configOptions;

    @Mixin
    ManifestOptions.Standard manifests;

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
        LoadResult read = load(manifests.read(loadedConfig, Main.environment(spec)));
        boolean noPaths = paths == null || paths.isEmpty();
        // An empty cluster is an answer; paths that hold no object are not.
        LoadResult loaded = ManifestOptions.report(read, noPaths && cluster ? null : noPaths ? List.of(".") : paths, output);
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

    /** The paths given (the current directory when there are none and no cluster), and the cluster when asked. */
    private LoadResult load(ReadOptions read) {
        boolean noPaths = paths == null || paths.isEmpty();
        LoadResult files = noPaths && cluster ? LoadResult.EMPTY
                : new ManifestLoader(read).load(noPaths ? List.of(".") : paths);
        if (!cluster) {
            return files;
        }
        return files.plus(KubectlSource.load(new KubectlSource.Target(kubectl, kubeconfig, context)));
    }
}
