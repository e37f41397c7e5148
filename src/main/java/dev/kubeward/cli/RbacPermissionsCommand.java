package dev.kubeward.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.check.CheckRegistry;
import dev.kubeward.report.JsonDocuments;
import dev.kubeward.rbac.PermissionReport;
import dev.kubeward.rbac.RbacModel;
import dev.kubeward.rbac.Subject;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "permissions", sortOptions = false,
        description = {
            "Show a subject's effective permissions as a resource x verb table per scope (as rakkess does): cluster-wide ones (from ClusterRoleBindings, valid in every namespace), then what each namespace's RoleBindings add. Group grants (system:authenticated, …) are included.",
            "Exit code 0."
        },
        footer = {"", "Example:", "  kubeward rbac permissions sa:shop/app k8s/"})
final class RbacPermissionsCommand implements Callable<Integer>, OutputOptions.Reporting {

    @Parameters(index = "0", paramLabel = "SUBJECT", description = "user:NAME, group:NAME or sa:NAMESPACE/NAME")
    String subject;

    @Parameters(index = "1..*", paramLabel = "PATH", description = "files, directories or - (default: the current directory)")
    List<String> paths;

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
        return List.of("text", "json");
    }

    @Override
    public Integer call() throws Exception {
        String format = output.format();
        Subject who = RbacInput.subject(spec.commandLine(), subject);
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
        PermissionReport report = model.get().permissions(who);
        output.write(out -> {
            if (format.equals("json")) {
                ObjectNode root = JsonOutput.header(config, output);
                root.setAll(toJson(report));
                JsonDocuments.write(root, out);
            } else if (output.quiet) {
                int rows = report.scopes().stream().mapToInt(sc -> sc.resources().size() + sc.nonResourceURLs().size()).sum();
                out.println("effective permissions of " + report.subject() + ": " + rows + (rows == 1 ? " row" : " rows")
                        + " in " + report.scopes().size() + (report.scopes().size() == 1 ? " scope" : " scopes"));
            } else {
                out.print(report.toText());
            }
        });
        return loaded.exit(ExitCodes.OK);
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
