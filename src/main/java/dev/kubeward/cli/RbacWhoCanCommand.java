package dev.kubeward.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.check.CheckRegistry;
import dev.kubeward.rbac.RbacModel;
import dev.kubeward.rbac.Request;
import dev.kubeward.rbac.SubjectAccess;
import dev.kubeward.rbac.Via;
import dev.kubeward.rbac.WhoCanResult;
import dev.kubeward.report.JsonDocuments;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "who-can", sortOptions = false,
        description = {
            "List every subject allowed a request, each with the binding -> role -> rule that allows it.",
            "Without -n the question is cluster-wide, as kubectl-who-can asks it: only ClusterRoleBindings apply. Exit code 0."
        },
        footer = {"", "Examples:",
            "  kubeward rbac who-can get secrets -n shop k8s/",
            "  kubeward rbac who-can create pods/exec -n shop cluster-dump.yaml",
            "  kubeward rbac who-can impersonate groups --name system:masters k8s/ -f json"})
final class RbacWhoCanCommand implements Callable<Integer>, OutputOptions.Reporting {

    @Parameters(index = "0", paramLabel = "VERB", description = "get, list, create, impersonate, … or *")
    String verb;

    @Parameters(index = "1", paramLabel = "RESOURCE", description = "pods, pods/exec, deployments.apps, or a non-resource URL such as /healthz")
    String resource;

    @Parameters(index = "2..*", paramLabel = "PATH", description = "files, directories or - (default: the current directory)")
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
        WhoCanResult result = model.get().whoCan(request);
        output.write(out -> {
            if (format.equals("json")) {
                ObjectNode root = JsonOutput.header(config, output);
                root.setAll((ObjectNode) RbacInput.JSON.valueToTree(result));
                JsonDocuments.write(root, out);
            } else if (output.quiet) {
                int n = result.subjects().size();
                out.println("who can " + request + ": " + (n == 0 ? "nobody" : n + (n == 1 ? " subject" : " subjects")));
            } else {
                out.println("who can " + request + ":");
                if (result.subjects().isEmpty()) {
                    out.println("  nobody");
                }
                for (SubjectAccess access : result.subjects()) {
                    out.println("  " + access.subject());
                    for (Via via : access.via()) {
                        out.println("    " + RbacInput.viaLine(via));
                    }
                }
            }
        });
        return loaded.exit(ExitCodes.OK);
    }
}
