package dev.kubeward.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "rbac",
        subcommands = {RbacWhoCanCommand.class, RbacCanCommand.class, RbacPermissionsCommand.class, RbacPathsCommand.class},
        description = {
            "Answer RBAC questions offline from manifests or a cluster dump (kubectl get roles,clusterroles,rolebindings,clusterrolebindings,serviceaccounts,secrets -A -o yaml), with the Kubernetes authorizer's semantics.",
            "",
            "The roles and bindings a stock API server creates (cluster-admin, admin, edit, view, the controllers' roles) are added to the manifests, as scan's RBAC checks assume them; --no-bootstrap reads the manifests alone. Every answer says which on standard error.",
            "Exit code 2 for unreadable input or bad arguments, reported as file:line: reason."
        })
final class RbacCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
