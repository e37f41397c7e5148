package dev.kubeward.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kubeward.rbac.Decision;
import dev.kubeward.rbac.RbacModel;
import dev.kubeward.rbac.Request;
import dev.kubeward.rbac.Subject;
import dev.kubeward.rbac.Via;
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

@Command(name = "can", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
            "Say whether a subject may make a request, and why: every rule that allows it, or what was considered when nothing does.",
            "Exit code 0 for yes, 1 for no, 2 for bad input."
        },
        footer = {"", "Examples:",
            "  kubeward rbac can user:alice get secrets -n shop k8s/",
            "  kubeward rbac can sa:ci/deployer create deployments -n shop k8s/",
            "  kubeward rbac can group:dev get /metrics k8s/"})
final class RbacCanCommand implements Callable<Integer> {
    enum Format { text, json }

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

    @Option(names = {"-f", "--format"}, defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
    Format format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws JsonProcessingException {
        Subject who = RbacInput.subject(spec.commandLine(), subject);
        Request request = requestOptions.request(spec.commandLine(), verb, resource);
        Optional<RbacModel> model = modelOptions.load(paths, manifests, spec.commandLine().getErr());
        if (model.isEmpty()) {
            return ExitCodes.USAGE;
        }
        Decision decision = model.get().can(who, request);
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            out.println(RbacInput.JSON.writeValueAsString(decision));
        } else {
            out.println(decision.allowed() ? "yes" : "no");
            out.println("  " + who + (decision.allowed() ? " can " : " cannot ") + request);
            for (Via via : decision.reasons()) {
                out.println("  " + RbacInput.viaLine(via));
            }
            if (!decision.allowed() || decision.reasons().isEmpty()) {
                out.println("  " + decision.explanation());
            }
        }
        out.flush();
        return decision.allowed() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }
}
