package dev.kubeward.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.check.CheckRegistry;
import dev.kubeward.rbac.Decision;
import dev.kubeward.rbac.RbacModel;
import dev.kubeward.rbac.Request;
import dev.kubeward.rbac.Subject;
import dev.kubeward.rbac.Via;
import dev.kubeward.report.JsonDocuments;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "can", sortOptions = false,
        description = {
            "Say whether a subject may make a request, and why: every rule that allows it, or what was considered when nothing does.",
            "Exit code 0 for yes, 1 for no, 2 for bad input."
        },
        footer = {"", "Examples:",
            "  kubeward rbac can user:alice get secrets -n shop k8s/",
            "  kubeward rbac can sa:ci/deployer create deployments -n shop k8s/",
            "  kubeward rbac can group:dev get /metrics k8s/"})
final class RbacCanCommand implements Callable<Integer>, OutputOptions.Reporting {

    @Parameters(index = "0", paramLabel = "SUBJECT", description = "user:NAME, group:NAME or sa:NAMESPACE/NAME")
    String subject;

    @Parameters(index = "1", paramLabel = "VERB", description = "get, list, create, impersonate, … or *")
    String verb;

    @Parameters(index = "2", paramLabel = "RESOURCE", description = "pods, pods/exec, deployments.apps, or a non-resource URL such as /healthz")
    String resource;

    @Parameters(index = "3..*", paramLabel = "PATH", description = "files, directories or - (default: the current directory)")
    List<String> paths;

    @Mixin
    RbacRequestOptions requestOptions;

    @Mixin
    RbacModelOptions modelOptions;

    @Mixin
    ManifestOptions.BesideNamespaceFilter manifests;

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
        return List.of("text", "json");
    }

    @Override
    public Integer call() throws Exception {
        String format = output.format();
        Subject who = RbacInput.subject(spec.commandLine(), subject);
        Request request = requestOptions.request(spec.commandLine(), verb, resource);
        ConfigFiles.Loaded config = configOptions.load(CheckRegistry.builtIn().ids(), output);
        Optional<RbacInput.Loaded> read = modelOptions.load(spec, paths, manifests.read(config, Main.environment(spec)),
                cluster, null, output);
        if (read.isEmpty()) {
            return ExitCodes.USAGE;
        }
        RbacInput.Loaded loaded = read.get();
        Optional<RbacModel> model = loaded.model();
        if (model.isEmpty()) {
            return ExitCodes.USAGE;
        }
        Decision decision = model.get().can(who, request);
        output.write(out -> {
            if (format.equals("json")) {
                ObjectNode root = JsonOutput.header(config, output);
                root.setAll((ObjectNode) RbacInput.JSON.valueToTree(decision));
                JsonDocuments.write(root, out);
                return;
            }
            out.println(decision.allowed() ? "yes" : "no");
            if (output.quiet) {
                return;
            }
            out.println("  " + who + (decision.allowed() ? " can " : " cannot ") + request);
            for (Via via : decision.reasons()) {
                out.println("  " + RbacInput.viaLine(via));
            }
            if (!decision.allowed() || decision.reasons().isEmpty()) {
                out.println("  " + decision.explanation());
            }
        });
        return loaded.exit(decision.allowed() ? ExitCodes.OK : ExitCodes.FINDINGS);
    }
}
