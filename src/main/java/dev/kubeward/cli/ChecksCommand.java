package dev.kubeward.cli;

import dev.kubeward.check.CheckRegistry;
import dev.kubeward.report.CheckCatalog;
import dev.kubeward.report.JsonDocuments;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "checks", description = {
    "List every check with its id, default severity, category and title.",
    "With --format json, the full metadata including framework mappings; with --format markdown, docs/checks.md."
})
final class ChecksCommand implements Callable<Integer>, OutputOptions.Reporting {
    @Mixin
    OutputOptions output;

    @Override
    public List<String> formats() {
        return List.of("text", "json", "markdown");
    }

    @Override
    public Integer call() throws IOException {
        String format = output.format();
        CheckCatalog catalog = new CheckCatalog(CheckRegistry.builtIn().entries().stream().map(CheckRegistry.Entry::meta).toList());
        output.write(out -> {
            switch (format) {
                case "json" -> catalog.writeJson(out, JsonDocuments.header(Version.VERSION));
                case "markdown" -> catalog.writeMarkdown(out);
                default -> {
                    if (!output.quiet) {
                        catalog.writeText(out);
                    }
                    out.println(catalog.summaryLine());
                }
            }
        });
        return ExitCodes.OK;
    }
}
