package dev.kubeward.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "netpol",
        subcommands = {NetpolReachCommand.class, NetpolExplainCommand.class, NetpolDiffCommand.class},
        description = {
            "NetworkPolicy reachability, computed offline from manifests: which workloads can connect to which, why one connection is allowed or denied, and what a change of policies changes.",
            "",
            "Reads Namespaces, networking.k8s.io/v1 NetworkPolicies, pod-bearing workloads, Services and Ingresses from files, directories or - (standard input). A NetworkPolicy the API server would reject is an input error: file:line: reason with the API server's message, exit code 2; the rest of the input is still analysed."
        },
        footer = {"", "Examples:",
            "  kubeward netpol reach k8s/",
            "  kubeward netpol explain --from shop/frontend --to shop/backend --port 8080/TCP k8s/",
            "  kubeward netpol diff old/ new/"})
final class NetpolCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
