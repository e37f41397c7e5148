package dev.kubeward.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "vap", subcommands = {VapTestCommand.class},
        description = "ValidatingAdmissionPolicy and MutatingAdmissionPolicy, evaluated offline as the API server evaluates them.")
final class VapCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
