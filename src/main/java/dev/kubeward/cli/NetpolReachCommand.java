package dev.kubeward.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.check.CheckRegistry;
import dev.kubeward.checks.network.NetpolModel;
import dev.kubeward.netpol.ConnectivityFilter;
import dev.kubeward.netpol.ConnectivityRenderer;
import dev.kubeward.netpol.OutputFormat;
import dev.kubeward.netpol.Workload;
import dev.kubeward.model.Steps;
import dev.kubeward.report.JsonDocuments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "reach", sortOptions = false,
        description = {
            "List every allowed connection as SRC => DST : CONNS, sorted, in netpol-analyzer's layout. Endpoints are NAMESPACE/NAME[Kind] workloads, FIRST-LAST[External] address ranges and {ingress-controller}.",
            "",
            "An input error (YAML that does not parse, an object the API server would reject) is printed as file:line: reason and the rest is still listed.",
            "",
            "--format svg runs Graphviz's dot, which must be on the PATH. Exit codes: 0 listed, 2 usage or input error (the list is then of the objects that could be read)."
        },
        footer = {"", "Examples:",
            "  kubeward netpol reach k8s/",
            "  kubeward netpol reach k8s/ --focus-workload shop/backend --format markdown",
            "  kubeward netpol reach k8s/ --format svg > reach.svg",
            "  kubeward netpol reach k8s/ --format html -o reach.html"})
final class NetpolReachCommand implements Callable<Integer>, OutputOptions.Reporting {

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "files, directories or - for standard input (none with --cluster)")
    List<String> paths;

    @Option(names = "--focus-workload", paramLabel = "NS/NAME",
            description = "only connections from or to this workload (NS/NAME, NS/NAME[Kind] or NAME)")
    String focusWorkload;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
            description = "only connections with an endpoint in this namespace; repeatable")
    Set<String> namespaces;

    @Mixin
    NetpolModelOptions modelOptions;

    @Mixin
    OutputOptions output;

    @Mixin
    ConfigOptions configOptions;

    @Mixin
    ManifestOptions.BesideNamespaceFilter manifests;

    @Mixin
    ClusterOptions cluster;

    @Spec
    CommandSpec spec;

    @Override
    public List<String> formats() {
        return List.of("text", "json", "csv", "markdown", "dot", "svg", "html");
    }

    @Override
    public Integer call() throws Exception {
        String format = output.format();
        PrintWriter err = spec.commandLine().getErr();
        ConfigFiles.Loaded config = configOptions.load(CheckRegistry.builtIn().ids(), output);
        cluster.requirePaths(spec, paths, "PATH");
        cluster.check(spec, null, paths != null && !paths.isEmpty());
        NetpolInputs.Loaded loaded = modelOptions.load(paths, manifests.read(config, Main.environment(spec)), cluster,
                output, err);
        if (loaded == null) {
            return ExitCodes.USAGE;
        }
        NetpolModel model = loaded.model();
        if (focusWorkload != null && model.cluster().workloads().stream()
                .noneMatch(w -> NetpolWorkloads.matches(w, focusWorkload, true))) {
            err.println("kubeward: error: " + NetpolWorkloads.unknown("--focus-workload", focusWorkload,
                    model.cluster().workloads()));
            return ExitCodes.USAGE;
        }
        ConnectivityFilter filter = new ConnectivityFilter(focusWorkload, namespaces);
        List<Workload> workloads = model.cluster().workloads();
        if (format.equals("svg") || format.equals("html")) {
            // Listed before anything is written: the bar may be drawn whatever the output is.
            try (Progress progress = output.progress("listing connections")) {
                model.reachability().connections(progress);
            }
        }
        if (format.equals("svg")) {
            String dot = ConnectivityRenderer.render(model.reachability().connections(), OutputFormat.DOT, filter,
                    workloads);
            String svg;
            try {
                svg = NetpolSvg.render(dot, Main.environment(spec).get("PATH"));
            } catch (NetpolSvg.Unavailable e) {
                err.println("kubeward: error: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            output.write(out -> out.print(svg));
            return loaded.exitCode(ExitCodes.OK);
        }
        if (format.equals("html")) {
            List<dev.kubeward.netpol.Connection> kept = filter.apply(model.reachability().connections());
            List<String> ids = workloads.stream().filter(filter::keeps).map(Workload::id).toList();
            output.write(out -> dev.kubeward.report.GraphPages.reach(Version.VERSION, kept, ids, out));
            return loaded.exitCode(ExitCodes.OK);
        }
        output.write(out -> {
            if (format.equals("json")) {
                try (Progress progress = output.progressWhileWriting("listing connections")) {
                    writeJson(model, filter, JsonOutput.header(config, output), out, progress);
                }
            } else if (output.quiet && format.equals("text")) {
                long[] n = {0};
                model.reachability().forEachConnection(c -> n[0] += filter.keeps(c) ? 1 : 0);
                out.println(n[0] + (n[0] == 1 ? " allowed connection" : " allowed connections"));
            } else {
                // Streamed source by source: the full list can be tens of millions of pairs.
                try (Progress progress = output.progressWhileWriting("listing connections")) {
                    ConnectivityRenderer.stream(sink -> model.reachability().forEachConnection(sink, progress),
                            OutputFormat.parse(switch (format) {
                                case "text" -> "txt";
                                case "markdown" -> "md";
                                default -> format;
                            }), filter, workloads, out);
                }
            }
        });
        return loaded.exitCode(ExitCodes.OK);
    }

    /**
     * kubeward's JSON: the header every command's JSON has, then the connections in
     * netpol-analyzer's fields (src, dst, conn), streamed.
     */
    private static void writeJson(NetpolModel model, ConnectivityFilter filter, ObjectNode header,
            PrintWriter out, Steps steps) throws IOException {
        try (JsonGenerator g = JsonDocuments.generator(out)) {
            g.writeStartObject();
            for (var it = header.fields(); it.hasNext(); ) {
                var e = it.next();
                g.writeFieldName(e.getKey());
                g.writeTree(e.getValue());
            }
            g.writeArrayFieldStart("connections");
            try {
                model.reachability().forEachConnection(c -> {
                    if (!filter.keeps(c)) {
                        return;
                    }
                    try {
                        g.writeStartObject();
                        g.writeStringField("src", c.src());
                        g.writeStringField("dst", c.dst());
                        g.writeStringField("conn", c.conns().toString());
                        g.writeEndObject();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, steps);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.println();
    }
}
