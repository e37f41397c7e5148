package dev.kubeward.cli;

import dev.kubeward.check.CheckRegistry;
import dev.kubeward.report.CheckCatalog;
import dev.kubeward.report.JsonDocuments;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "explain", description = "Explain a check: what it looks at, why it matters, how to fix it, and the controls it maps to.")
final class ExplainCommand implements Callable<Integer>, OutputOptions.Reporting {
    @Parameters(paramLabel = "CHECK-ID", description = "a check id, as 'kubeward checks' lists them")
    String id;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Override
    public List<String> formats() {
        return List.of("text", "json", "markdown");
    }

    @Override
    public Integer call() throws java.io.IOException {
        String format = output.format();
        CheckRegistry registry = CheckRegistry.builtIn();
        var entry = registry.find(id);
        if (entry.isEmpty()) {
            spec.commandLine().getErr().println("kubeward: error: unknown check '" + id + "'"
                    + Suggestions.didYouMean(id, registry.ids()) + " ('kubeward checks' lists them all)");
            return ExitCodes.USAGE;
        }
        CheckCatalog one = new CheckCatalog(List.of(entry.get().meta()));
        output.write(out -> {
            switch (format) {
                case "json" -> one.writeJson(out, JsonDocuments.header(Version.VERSION));
                case "markdown" -> one.writeMarkdownEntries(out);
                default -> CheckCatalog.writeExplanation(entry.get().meta(), out);
            }
        });
        return ExitCodes.OK;
    }
}
