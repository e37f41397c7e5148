package dev.kubeward.cli;

import dev.kubeward.check.CheckRegistry;
import dev.kubeward.report.CheckCatalog;
import java.util.Comparator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "explain", mixinStandardHelpOptions = true, description = "Explain a check: what it looks at, why it matters, how to fix it, and the controls it maps to.")
final class ExplainCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CHECK-ID", description = "a check id, as 'kubeward checks' lists them")
    String id;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CheckRegistry registry = CheckRegistry.builtIn();
        return registry.find(id).map(e -> {
            CheckCatalog.writeExplanation(e.meta(), spec.commandLine().getOut());
            return ExitCodes.OK;
        }).orElseGet(() -> {
            String closest = registry.ids().stream()
                    .min(Comparator.comparingInt(other -> Strings.editDistance(other, id))).orElse("");
            spec.commandLine().getErr().println("kubeward: unknown check '" + id + "'; did you mean '" + closest
                    + "'? ('kubeward checks' lists them all)");
            return ExitCodes.USAGE;
        });
    }
}
