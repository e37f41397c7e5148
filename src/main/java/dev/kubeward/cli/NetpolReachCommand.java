package dev.kubeward.cli;

import dev.kubeward.checks.network.NetpolModel;
import dev.kubeward.netpol.Connection;
import dev.kubeward.netpol.ConnectivityFilter;
import dev.kubeward.netpol.ConnectivityRenderer;
import dev.kubeward.netpol.OutputFormat;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "reach", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
            "List every allowed connection as SRC => DST : CONNS, sorted, in netpol-analyzer's layout. Endpoints are NAMESPACE/NAME[Kind] workloads, FIRST-LAST[External] address ranges and {ingress-controller}.",
            "",
            "Exit codes: 0 listed, 2 usage or input error."
        },
        footer = {"", "Examples:",
            "  kubeward netpol reach k8s/",
            "  kubeward netpol reach k8s/ --focus-workload shop/backend --format md",
            "  kubeward netpol reach k8s/ --format svg > reach.svg"})
final class NetpolReachCommand implements Callable<Integer> {
    enum Format { txt, json, csv, md, dot, svg }

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "files, directories or - for standard input")
    List<String> paths;

    @Option(names = {"-f", "--format"}, defaultValue = "txt",
            description = "txt, json, csv, md, dot or svg (svg runs Graphviz's dot, which must be on the PATH) (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--focus-workload", paramLabel = "NS/NAME",
            description = "only connections from or to this workload (NS/NAME, NS/NAME[Kind] or NAME)")
    String focusWorkload;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
            description = "only connections with an endpoint in this namespace; repeatable")
    Set<String> namespaces;

    @Mixin
    ManifestOptions.BesideNamespaceFilter manifests;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws java.io.IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<NetpolModel> loaded = NetpolInputs.load(paths, manifests, err);
        if (loaded.isEmpty()) {
            return ExitCodes.USAGE;
        }
        NetpolModel model = loaded.get();
        if (focusWorkload != null && model.cluster().workloads().stream()
                .noneMatch(w -> NetpolWorkloads.matches(w, focusWorkload, true))) {
            err.println("kubeward: error: " + NetpolWorkloads.unknown("--focus-workload", focusWorkload,
                    model.cluster().workloads()));
            return ExitCodes.USAGE;
        }
        ConnectivityFilter filter = new ConnectivityFilter(focusWorkload, namespaces);
        if (format == Format.svg) {
            String dot = ConnectivityRenderer.render(model.reachability().connections(), OutputFormat.DOT, filter);
            try {
                out.print(NetpolSvg.render(dot, System.getenv("PATH")));
            } catch (NetpolSvg.Unavailable e) {
                err.println("kubeward: error: " + e.getMessage());
                return ExitCodes.USAGE;
            }
        } else {
            // Streamed source by source: the full list can be tens of millions of pairs.
            ConnectivityRenderer.stream(model.reachability()::forEachConnection, OutputFormat.parse(format.name()),
                    filter, out);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
