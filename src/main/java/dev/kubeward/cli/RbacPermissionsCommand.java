package dev.kubeward.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.rbac.PermissionReport;
import dev.kubeward.rbac.RbacModel;
import dev.kubeward.rbac.Subject;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "permissions", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
            "Show a subject's effective permissions as a resource x verb table per scope (as rakkess does): cluster-wide ones (from ClusterRoleBindings, valid in every namespace), then what each namespace's RoleBindings add. Group grants (system:authenticated, …) are included.",
            "Exit code 0."
        },
        footer = {"", "Example:", "  kubeward rbac permissions sa:shop/app k8s/"})
final class RbacPermissionsCommand implements Callable<Integer> {
    enum Format { text, json }

    @Parameters(index = "0", paramLabel = "SUBJECT", description = "user:NAME, group:NAME or sa:NAMESPACE/NAME")
    String subject;

    @Parameters(index = "1..*", paramLabel = "PATH", description = "files, directories or - (default: the current directory)")
    List<String> paths;

    @Mixin
    RbacModelOptions modelOptions;

    @Mixin
    ManifestOptions.Standard manifests;

    @Option(names = {"-f", "--format"}, defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
    Format format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws JsonProcessingException {
        Subject who = RbacInput.subject(spec.commandLine(), subject);
        Optional<RbacModel> model = modelOptions.load(paths, manifests, spec.commandLine().getErr());
        if (model.isEmpty()) {
            return ExitCodes.USAGE;
        }
        PermissionReport report = model.get().permissions(who);
        PrintWriter out = spec.commandLine().getOut();
        out.print(format == Format.json ? RbacInput.JSON.writeValueAsString(toJson(report)) + "\n" : report.toText());
        out.flush();
        return ExitCodes.OK;
    }

    /** Written by hand so that verb sets come out sorted and the output is stable. */
    private static ObjectNode toJson(PermissionReport report) {
        ObjectNode root = RbacInput.JSON.createObjectNode();
        root.set("subject", RbacInput.JSON.valueToTree(report.subject()));
        ArrayNode scopes = root.putArray("scopes");
        for (PermissionReport.Scope scope : report.scopes()) {
            ObjectNode node = scopes.addObject();
            node.put("namespace", scope.namespace());
            ArrayNode resources = node.putArray("resources");
            for (PermissionReport.ResourcePermission permission : scope.resources()) {
                ObjectNode row = resources.addObject();
                row.put("apiGroup", permission.apiGroup());
                row.put("resource", permission.resource());
                permission.resourceNames().forEach(row.putArray("resourceNames")::add);
                new TreeSet<>(permission.verbs()).forEach(row.putArray("verbs")::add);
            }
            ArrayNode urls = node.putArray("nonResourceURLs");
            for (PermissionReport.UrlPermission url : scope.nonResourceURLs()) {
                ObjectNode row = urls.addObject();
                row.put("url", url.url());
                new TreeSet<>(url.verbs()).forEach(row.putArray("verbs")::add);
            }
        }
        return root;
    }
}
