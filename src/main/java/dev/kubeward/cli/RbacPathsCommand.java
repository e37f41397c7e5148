package dev.kubeward.cli;

import dev.kubeward.check.CheckRegistry;
import dev.kubeward.report.JsonDocuments;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.rbac.EscalationAnalysis;
import dev.kubeward.rbac.EscalationPath;
import dev.kubeward.rbac.EscalationStep;
import dev.kubeward.rbac.RbacModel;
import dev.kubeward.rbac.StockRbac;
import dev.kubeward.rbac.Subject;
import dev.kubeward.rbac.Via;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
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

@Command(name = "paths", sortOptions = false,
        description = {
            "Find every subject's shortest path to cluster-admin-equivalent power ('*' on everything cluster-wide, or system:masters), step by step with the grants behind each step. Subjects that already hold it are listed with a one-step path.",
            "A step that depends on something the input does not show (a pod running as the ServiceAccount, an object to patch, what a webhook or a node would see) says '(speculative: assumes ...)'; a path with such a step is marked speculative (dashed in dot), and a certain path is always preferred.",
            "Stock system: subjects (and kube-system ServiceAccounts) whose path starts with a stock binding hold their power by design and are left out unless --include-system.",
            "Exit code 1 when a path is shown, 0 when none."
        },
        footer = {"", "Examples:",
            "  kubeward rbac paths k8s/",
            "  kubeward rbac paths cluster-dump.yaml -f dot | dot -Tsvg > paths.svg",
            "  kubeward rbac paths k8s/ -f html -o paths.html"})
final class RbacPathsCommand implements Callable<Integer>, OutputOptions.Reporting {

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "files, directories or - (default: the current directory)")
    List<String> paths;

    @Option(names = "--include-system", description = "also show stock system: subjects, whose paths exist by design")
    boolean includeSystem;

    @Mixin
    RbacModelOptions modelOptions;

    @Mixin
    ManifestOptions.Standard manifests;

    @Mixin
    ClusterOptions cluster;

    @Mixin
    OutputOptions output;

    @Mixin
    ConfigOptions configOptions;

    @Spec
    CommandSpec spec;

    @Override
    public List<String> formats() {
        return List.of("text", "json", "dot", "html");
    }

    @Override
    public Integer call() throws Exception {
        String format = output.format();
        ConfigFiles.Loaded config = configOptions.load(CheckRegistry.builtIn().ids(), output);
        Optional<RbacInput.Loaded> read = modelOptions.load(spec, paths, manifests.read(config, Main.environment(spec)),
                cluster, manifests.namespace(), output);
        if (read.isEmpty()) {
            return ExitCodes.USAGE;
        }
        RbacInput.Loaded loaded = read.get();
        Optional<RbacModel> model = loaded.model();
        if (model.isEmpty()) {
            return ExitCodes.USAGE;
        }
        List<EscalationPath> shown = new ArrayList<>();
        int leftOut = 0;
        EscalationAnalysis analysis;
        try (Progress progress = output.progress("finding escalation paths")) {
            analysis = model.get().escalations(progress);
        }
        for (EscalationPath path : analysis.paths()) {
            if (!includeSystem && isStockByDesign(path)) {
                leftOut++;
            } else {
                shown.add(path);
            }
        }
        int left = leftOut;
        output.write(out -> {
            switch (format) {
                case "json" -> {
                    ObjectNode root = JsonOutput.header(config, output);
                    root.setAll(toJson(shown, left));
                    JsonDocuments.write(root, out);
                }
                case "dot" -> out.print(toDot(shown));
                case "html" -> dev.kubeward.report.GraphPages.rbacPaths(Version.VERSION, shown, left, out);
                default -> {
                    if (output.quiet) {
                        out.println(shown.size() + (shown.size() == 1 ? " subject" : " subjects") + " can reach cluster-admin"
                                + (left > 0 ? " (" + left + " stock system: subject(s) left out)" : ""));
                    } else {
                        writeText(shown, left, out);
                    }
                }
            }
        });
        return loaded.exit(shown.isEmpty() ? ExitCodes.OK : ExitCodes.FINDINGS);
    }

    /**
     * A stock system identity whose path begins with grants of stock bindings: the controllers and
     * system:masters of every cluster. A system: subject given power by a custom binding is shown.
     */
    static boolean isStockByDesign(EscalationPath path) {
        Subject subject = path.subject();
        boolean systemIdentity = subject.isServiceAccount() ? "kube-system".equals(subject.namespace())
                : subject.name().startsWith("system:");
        if (!systemIdentity || path.steps().isEmpty()) {
            return false;
        }
        for (Via via : path.steps().get(0).evidence()) {
            if (via.grant() == null || !StockRbac.status(via.grant().binding()).isExpected()) {
                return false;
            }
        }
        return true;
    }

    private static void writeText(List<EscalationPath> shown, int leftOut, PrintWriter out) {
        if (shown.isEmpty()) {
            out.println("no subject can reach cluster-admin");
        }
        for (EscalationPath path : shown) {
            out.println(path.subject() + " can reach cluster-admin in " + path.steps().size()
                    + (path.steps().size() == 1 ? " step" : " steps")
                    + (path.speculative() ? " (speculative: it needs what a step assumes, which the input does not show):" : ":"));
            for (int i = 0; i < path.steps().size(); i++) {
                EscalationStep step = path.steps().get(i);
                out.println("  " + (i + 1) + ". " + step);
                step.evidence().forEach(via -> out.println("       " + RbacInput.viaLine(via)));
            }
        }
        if (leftOut > 0) {
            out.println(leftOut + " stock system: subject(s) with paths by design left out; --include-system shows them");
        }
    }

    private static ObjectNode toJson(List<EscalationPath> shown, int leftOut) {
        ObjectNode root = RbacInput.JSON.createObjectNode();
        ArrayNode paths = root.putArray("paths");
        for (EscalationPath path : shown) {
            ObjectNode node = paths.addObject();
            node.set("subject", RbacInput.JSON.valueToTree(path.subject()));
            node.put("speculative", path.speculative());
            ArrayNode steps = node.putArray("steps");
            for (EscalationStep step : path.steps()) {
                ObjectNode stepNode = steps.addObject().put("from", step.from()).put("action", step.action()).put("to", step.to());
                stepNode.set("via", RbacInput.JSON.valueToTree(step.evidence()));
                stepNode.set("assumptions", RbacInput.JSON.valueToTree(step.assumptions()));
            }
        }
        root.put("leftOut", leftOut);
        return root;
    }

    /** Graphviz: one node per identity, one labelled edge per distinct step. */
    private static String toDot(List<EscalationPath> shown) {
        Set<String> edges = new LinkedHashSet<>();
        for (EscalationPath path : shown) {
            for (EscalationStep step : path.steps()) {
                edges.add("  " + quote(step.from()) + " -> " + quote(step.to()) + " [label=" + quote(step.action())
                        + (step.speculative() ? ", style=dashed" : "") + "];");
            }
        }
        StringBuilder dot = new StringBuilder("digraph rbac_paths {\n  rankdir=LR;\n  node [shape=box];\n");
        if (!edges.isEmpty()) {
            dot.append("  \"cluster-admin\" [shape=doubleoctagon];\n");
        }
        edges.forEach(edge -> dot.append(edge).append('\n'));
        return dot.append("}\n").toString();
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
