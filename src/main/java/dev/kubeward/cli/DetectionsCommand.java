package dev.kubeward.cli;

import dev.kubeward.report.DetectionCatalog;
import dev.kubeward.report.JsonDocuments;
import dev.kubeward.runtime.Detections;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "detections", description = {
    "List every runtime detection (what audit-log and the /audit sink alert on) with its id, severity, the audit level it needs and its title.",
    "With --format json: id, title, severity, mitre, level, stages and falco (the Falco k8saudit rules it corresponds to, or null); with --format markdown, docs/detections.md."
})
final class DetectionsCommand implements Callable<Integer>, OutputOptions.Reporting {
    @Mixin
    OutputOptions output;

    @Override
    public List<String> formats() {
        return List.of("text", "json", "markdown");
    }

    @Override
    public Integer call() throws IOException {
        String format = output.format();
        DetectionCatalog catalog = new DetectionCatalog(Detections.metas());
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
