package dev.kubeward.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kubeward.rbac.RbacModel;
import dev.kubeward.rbac.Request;
import dev.kubeward.rbac.SubjectAccess;
import dev.kubeward.rbac.Via;
import dev.kubeward.rbac.WhoCanResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "who-can", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
            "List every subject allowed a request, each with the binding -> role -> rule that allows it.",
            "Without -n the question is cluster-wide, as kubectl-who-can asks it: only ClusterRoleBindings apply. Exit code 0."
        },
        footer = {"", "Examples:",
            "  kubeward rbac who-can get secrets -n shop k8s/",
            "  kubeward rbac who-can create pods/exec -n shop cluster-dump.yaml",
            "  kubeward rbac who-can impersonate groups --name system:masters k8s/ -f json"})
final class RbacWhoCanCommand implements Callable<Integer> {
    enum Format { text, json }

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

    @Option(names = {"-f", "--format"}, defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
    Format format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws JsonProcessingException {
        Request request = requestOptions.request(spec.commandLine(), verb, resource);
        Optional<RbacModel> model = modelOptions.load(paths, manifests, spec.commandLine().getErr());
        if (model.isEmpty()) {
            return ExitCodes.USAGE;
        }
        WhoCanResult result = model.get().whoCan(request);
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            out.println(RbacInput.JSON.writeValueAsString(result));
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
        out.flush();
        return ExitCodes.OK;
    }
}
