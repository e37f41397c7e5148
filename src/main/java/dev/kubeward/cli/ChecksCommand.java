package dev.kubeward.cli;

import dev.kubeward.check.CheckMeta;
import dev.kubeward.check.CheckRegistry;
import dev.kubeward.report.CheckCatalog;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "checks", mixinStandardHelpOptions = true, description = {
    "List every check with its id, default severity, category and title.",
    "With --format json, the full metadata including framework mappings; with --format markdown, docs/checks.md."
})
final class ChecksCommand implements Callable<Integer> {
    enum Format { text, json, markdown }

    @Option(names = {"-f", "--format"}, defaultValue = "text", description = "text, json or markdown (default: ${DEFAULT-VALUE})")
    Format format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        CheckCatalog catalog = new CheckCatalog(CheckRegistry.builtIn().entries().stream().map(CheckRegistry.Entry::meta).toList());
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case json -> catalog.writeJson(out);
            case markdown -> catalog.writeMarkdown(out);
            default -> catalog.writeText(out);
        }
        return ExitCodes.OK;
    }
}
