package dev.kubeward.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.check.CheckRegistry;
import dev.kubeward.checks.network.NetpolModel;
import dev.kubeward.report.JsonDocuments;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Resource;
import dev.kubeward.netpol.Explanation;
import dev.kubeward.netpol.NetworkPolicy;
import dev.kubeward.netpol.Protocol;
import dev.kubeward.netpol.RuleRef;
import dev.kubeward.netpol.SideExplanation;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "explain", sortOptions = false,
        description = {
            "Say whether one workload may connect to another (or to or from an IP address), and why: on each side, the policies that isolate it and the rules, with file:line, that allow the connection, or why nothing does.",
            "",
            "An input error (YAML that does not parse, an object the API server would reject) is printed as file:line: reason and the rest is still explained.",
            "",
            "Exit codes: 0 allowed, 1 denied, 2 usage or input error (an unknown workload is an error, with the closest names; after an input error the answer is still printed)."
        },
        footer = {"", "Examples:",
            "  kubeward netpol explain --from shop/frontend --to shop/backend --port 8080/TCP k8s/",
            "  kubeward netpol explain --from shop/backend --to 203.0.113.7 --port 443 k8s/"})
final class NetpolExplainCommand implements Callable<Integer>, OutputOptions.Reporting {
    private static final Pattern PORT = Pattern.compile("(?i)(\\d{1,5})(?:/(TCP|UDP|SCTP))?|(TCP|UDP|SCTP)");

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "files, directories or - for standard input (none with --cluster)")
    List<String> paths;

    @Option(names = "--from", required = true, paramLabel = "NS/NAME",
            description = "the source: a workload (NS/NAME or NS/NAME[Kind]) or an IP address or CIDR")
    String from;

    @Option(names = "--to", required = true, paramLabel = "NS/NAME",
            description = "the destination: a workload (NS/NAME or NS/NAME[Kind]) or an IP address or CIDR")
    String to;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT[/PROTO]",
            description = "the connection asked about: 8080/TCP, 53/UDP, 8080 (TCP) or just a protocol; default: any connection")
    String port;

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
        return List.of("text", "json");
    }

    /** The connection asked about; null protocol means any connection, null port any port of the protocol. */
    private record Query(Protocol protocol, Integer port) {}

    @Override
    public Integer call() throws Exception {
        String format = output.format();
        Query query = parsePort();
        PrintWriter err = spec.commandLine().getErr();
        ConfigFiles.Loaded config = configOptions.load(CheckRegistry.builtIn().ids(), output);
        cluster.requirePaths(spec, paths, "PATH");
        cluster.check(spec, manifests.namespace(), paths != null && !paths.isEmpty());
        NetpolInputs.Loaded loaded = modelOptions.load(paths, manifests.read(config, Main.environment(spec)), cluster,
                output, err);
        if (loaded == null) {
            return ExitCodes.USAGE;
        }
        NetpolModel model = loaded.model();
        Optional<String> unknown = unknownEndpoint("--from", from, model).or(() -> unknownEndpoint("--to", to, model));
        if (unknown.isPresent()) {
            err.println("kubeward: error: " + unknown.get());
            return ExitCodes.USAGE;
        }
        Explanation explanation;
        try {
            explanation = model.reachability().explain(from, to, query.protocol(), query.port());
        } catch (IllegalArgumentException e) {
            // Two addresses, or NS/NAME naming two kinds: the engine's sentence says which.
            err.println("kubeward: error: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        Explanation answer = explanation;
        output.write(out -> {
            if (format.equals("json")) {
                JsonDocuments.write(toJson(answer, model, JsonOutput.header(config, output)), out);
            } else {
                print(answer, model, output.quiet, out);
            }
        });
        return loaded.exitCode(explanation.allowed() ? ExitCodes.OK : ExitCodes.FINDINGS);
    }

    private Query parsePort() {
        if (port == null) {
            return new Query(null, null);
        }
        Matcher m = PORT.matcher(port.trim());
        if (!m.matches()) {
            throw badPort();
        }
        if (m.group(3) != null) {
            return new Query(Protocol.parse(m.group(3)), null);
        }
        int number = Integer.parseInt(m.group(1));
        if (number < 1 || number > 65535) {
            throw badPort();
        }
        return new Query(Protocol.parse(m.group(2)), number);
    }

    private ParameterException badPort() {
        return new ParameterException(spec.commandLine(), "--port " + port
                + ": expected PORT[/PROTOCOL] with PORT 1-65535 and PROTOCOL TCP, UDP or SCTP, or a protocol alone");
    }

    /** The error for an endpoint that is neither a workload of the input nor an address, if it is one. */
    private static Optional<String> unknownEndpoint(String option, String endpoint, NetpolModel model) {
        boolean known = NetpolWorkloads.isAddress(endpoint) || model.cluster().workloads().stream()
                .anyMatch(w -> NetpolWorkloads.matches(w, endpoint, false));
        return known ? Optional.empty()
                : Optional.of(NetpolWorkloads.unknown(option, endpoint, model.cluster().workloads()));
    }

    private static void print(Explanation e, NetpolModel model, boolean quiet, PrintWriter out) {
        String query = e.query().isAll() ? "any connection" : e.query().toString();
        out.println((e.allowed() ? "ALLOWED " : "DENIED ") + e.src() + " => " + e.dst() + " : " + query
                + (e.allowed() && !e.allowedConns().equals(e.query()) ? " (allowed: " + e.allowedConns() + ")" : ""));
        if (quiet) {
            return;
        }
        printSide("egress of " + e.src(), e.egress(), model, out);
        printSide("ingress of " + e.dst(), e.ingress(), model, out);
        out.flush();
    }

    private static void printSide(String title, SideExplanation side, NetpolModel model, PrintWriter out) {
        out.println("  " + title + ": " + side.reason());
        for (RuleRef rule : side.allowingRules()) {
            out.println("    allowed by " + rule + location(model, rule.policy(), rule.path()));
        }
        if (side.isolated() && side.allowingRules().isEmpty()) {
            for (String policy : side.isolatingPolicies()) {
                out.println("    isolated by " + policy + location(model, policy, "spec.podSelector"));
            }
        }
    }

    private static ObjectNode toJson(Explanation e, NetpolModel model, ObjectNode root) {
        root.put("allowed", e.allowed());
        root.put("src", e.src());
        root.put("dst", e.dst());
        root.put("query", e.query().isAll() ? "any" : e.query().toString());
        root.put("allowedConns", e.allowedConns().toString());
        side(root.putObject("egress"), e.egress(), model);
        side(root.putObject("ingress"), e.ingress(), model);
        return root;
    }

    private static void side(ObjectNode node, SideExplanation side, NetpolModel model) {
        node.put("inCluster", side.inCluster());
        node.put("isolated", side.isolated());
        node.put("allowed", side.allowed().toString());
        node.put("reason", side.reason());
        ArrayNode isolating = node.putArray("isolatingPolicies");
        for (String policy : side.isolatingPolicies()) {
            located(isolating.addObject().put("policy", policy), model, policy, "spec.podSelector");
        }
        ArrayNode rules = node.putArray("allowingRules");
        for (RuleRef rule : side.allowingRules()) {
            located(rules.addObject().put("policy", rule.policy()).put("direction", rule.direction().apiName())
                    .put("rule", rule.ruleIndex()).put("path", rule.path()).put("conns", rule.conns().toString()),
                    model, rule.policy(), rule.path());
        }
    }

    /** file and line of a policy's field, when the policy came from a file. */
    private static void located(ObjectNode node, NetpolModel model, String policyId, String path) {
        Optional<Resource> r = resourceOf(model, policyId);
        if (r.isPresent()) {
            node.put("file", r.get().origin().file()).put("line", r.get().locate(JsonPath.parse(path)).line());
        } else {
            node.putNull("file").putNull("line");
        }
    }

    private static Optional<Resource> resourceOf(NetpolModel model, String policyId) {
        for (NetworkPolicy policy : model.cluster().policies()) {
            if (policy.id().equals(policyId)) {
                return model.resourceOf(policy);
            }
        }
        return Optional.empty();
    }

    /** " at file:line" of a policy's field, so that the user can open the rule that decided. */
    private static String location(NetpolModel model, String policyId, String path) {
        return resourceOf(model, policyId).map(r -> " at " + r.origin().file() + ":" + r.locate(JsonPath.parse(path)).line())
                .orElse("");
    }
}
