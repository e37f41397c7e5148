package dev.kubeward.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "vulndb",
        subcommands = {VulndbImportCommand.class, VulndbStatusCommand.class},
        description = {
            "The offline vulnerability database the image scan matches packages against: OSV data you download and import yourself; kubeward never downloads.",
            "",
            "Get an ecosystem's data from https://osv-vulnerabilities.storage.googleapis.com/<ecosystem>/all.zip (docs/vulnerabilities.md: mirroring into an air-gapped network).",
            "The database lives in --db DIR, else $KUBEWARD_VULNDB, else ~/.cache/kubeward/vulndb."
        })
final class VulndbCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
