package dev.kubeward.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.check.CheckRegistry;
import dev.kubeward.checks.network.NetpolModel;
import dev.kubeward.netpol.ConnectivityDiff;
import dev.kubeward.netpol.ConnectivityRenderer;
import dev.kubeward.netpol.DiffEntry;
import dev.kubeward.model.Resource;
import dev.kubeward.source.DuplicateObjects;
import dev.kubeward.source.LoadResult;
import dev.kubeward.source.ManifestLoader;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "diff", sortOptions = false,
        description = {
            "Compare the connectivity of two inputs (files or directories): connections added, removed, or changed (the same pair with other ports), in netpol-analyzer's diff layout.",
            "",
            "An input error (YAML that does not parse, an object the API server would reject) is printed as file:line: reason and the rest is still compared.",
            "",
            "Exit codes: 0 compared (with or without differences), 2 usage or input error (the comparison is then of the objects that could be read)."
        },
        footer = {"", "Examples:", "  kubeward netpol diff main/k8s/ pr/k8s/ --format markdown",
            "  kubeward netpol diff --cluster --kube-context prod pr/k8s/     (what would applying pr/k8s/ open or close?)"})
final class NetpolDiffCommand implements Callable<Integer>, OutputOptions.Reporting {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Parameters(index = "0", paramLabel = "OLD_PATH", description = "the manifests before the change; with --cluster, the change: manifests to compare the cluster with as it would be with them applied")
    String oldPath;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NEW_PATH", description = "the manifests after the change (none with --cluster)")
    String newPath;

    @Mixin
    NetpolModelOptions modelOptions;

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
        return List.of("text", "json", "markdown");
    }

    @Override
    public Integer call() throws Exception {
        String format = output.format();
        PrintWriter err = spec.commandLine().getErr();
        ConfigFiles.Loaded config = configOptions.load(CheckRegistry.builtIn().ids(), output);
        NetpolInputs.Loaded before;
        NetpolInputs.Loaded after;
        if (cluster.cluster) {
            if (newPath != null) {
                throw new ParameterException(spec.commandLine(), "with --cluster, name one path: the change to compare the cluster with");
            }
            cluster.check(spec, manifests.namespace(), false);
            // The cluster as it is, and as it would be with the change applied: each object of the
            // change replaces the cluster's object of the same group, kind, namespace and name.
            ClusterOptions.Input live = cluster.input(manifests.namespace(), output, err);
            if (live == null) {
                return ExitCodes.USAGE;
            }
            LoadResult change = ManifestOptions.report(new ManifestLoader(manifests.read(config, Main.environment(spec)))
                    .load(List.of(oldPath)), List.of(oldPath), output);
            List<Resource> held = live.snapshot().resources();
            before = NetpolInputs.load(live.load().with(held, List.of()), modelOptions.mode(), err);
            after = NetpolInputs.load(change.with(DuplicateObjects.onTop(held, change.resources()), change.errors()),
                    modelOptions.mode(), err);
        } else {
            if (newPath == null) {
                throw new ParameterException(spec.commandLine(), "Missing required parameter: 'NEW_PATH' (or --cluster)");
            }
            // Both sides are read in full, so that all input errors are listed, and compared.
            before = modelOptions.load(List.of(oldPath), manifests.read(config, Main.environment(spec)), output, err);
            after = modelOptions.load(List.of(newPath), manifests.read(config, Main.environment(spec)), output, err);
        }
        List<DiffEntry> diff = ConnectivityDiff.diff(before.model().reachability().connections(),
                after.model().reachability().connections());
        output.write(out -> out.print(switch (format) {
            case "json" -> json(diff, JsonOutput.header(config, output));
            case "markdown" -> md(diff);
            default -> output.quiet ? summary(diff) : ConnectivityRenderer.renderDiff(diff);
        }));
        return before.errors() + after.errors() > 0 ? ExitCodes.USAGE : ExitCodes.OK;
    }

    private static String summary(List<DiffEntry> diff) {
        java.util.Map<String, Long> byType = new java.util.TreeMap<>();
        diff.forEach(e -> byType.merge(e.type().label(), 1L, Long::sum));
        List<String> parts = byType.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).toList();
        return diff.size() + (diff.size() == 1 ? " difference" : " differences")
                + (parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")") + "\n";
    }

    private static String json(List<DiffEntry> diff, ObjectNode root) throws JsonProcessingException {
        ArrayNode array = root.putArray("differences");
        for (DiffEntry e : diff) {
            array.addObject().put("src", e.src()).put("dst", e.dst()).put("dir1", e.before().toString())
                    .put("dir2", e.after().toString()).put("diff-type", e.type().label());
        }
        return JSON.writeValueAsString(root) + "\n";
    }

    private static String md(List<DiffEntry> diff) {
        StringBuilder out = new StringBuilder("| diff-type | source | destination | dir1 | dir2 |\n"
                + "|-----------|--------|-------------|------|------|\n");
        for (DiffEntry e : diff) {
            out.append("| ").append(e.type().label()).append(" | ").append(cell(e.src())).append(" | ")
                    .append(cell(e.dst())).append(" | ").append(cell(e.before().toString())).append(" | ")
                    .append(cell(e.after().toString())).append(" |\n");
        }
        return out.toString();
    }

    private static String cell(String value) {
        return value.replace("|", "\\|");
    }
}
