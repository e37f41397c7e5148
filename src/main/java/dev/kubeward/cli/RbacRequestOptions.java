package dev.kubeward.cli;

import dev.kubeward.rbac.Request;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options that narrow an RBAC question to a namespace, an object and an API group ('who-can', 'can'). */
final class RbacRequestOptions {
    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "ask about this namespace (default: cluster-wide; ignored, with a note, for cluster-scoped resources such as nodes)")
    String namespace;

    @Option(names = "--name", paramLabel = "NAME", description = "ask about one object (matters for resourceNames rules)")
    String name;

    @Option(names = "--api-group", paramLabel = "GROUP", description = "API group (default: the built-in resource's group, else the core group)")
    String apiGroup;

    Request request(CommandLine commandLine, String verb, String resource) {
        return RbacInput.request(commandLine, verb, resource, apiGroup, namespace, name);
    }
}
