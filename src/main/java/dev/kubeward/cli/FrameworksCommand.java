package dev.kubeward.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.check.CheckMeta;
import dev.kubeward.check.CheckRegistry;
import dev.kubeward.report.Framework;
import dev.kubeward.report.JsonDocuments;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "frameworks", description = {
    "List the frameworks 'scan --framework' arranges findings by: id, version, how many controls each has and how many of them kubeward's checks cover.",
})
final class FrameworksCommand implements Callable<Integer>, OutputOptions.Reporting {
    @Mixin
    OutputOptions output;

    @Override
    public List<String> formats() {
        return List.of("text", "json");
    }

    @Override
    public Integer call() throws IOException {
        String format = output.format();
        List<CheckMeta> checks = CheckRegistry.builtIn().entries().stream().map(CheckRegistry.Entry::meta).toList();
        List<Framework> all = Framework.all();
        output.write(out -> {
            if (format.equals("json")) {
                ObjectNode root = JsonDocuments.header(Version.VERSION);
                ArrayNode list = root.putArray("frameworks");
                for (Framework f : all) {
                    list.addObject().put("id", f.id()).put("title", f.title()).put("version", f.version())
                            .put("controls", f.controls().size()).put("covered", covered(f, checks));
                }
                JsonDocuments.write(root, out);
                return;
            }
            if (!output.quiet) {
                int width = all.stream().mapToInt(f -> f.id().length()).max().orElse(2);
                out.printf("%-" + width + "s  %8s  %7s  %s%n", "ID", "CONTROLS", "COVERED", "FRAMEWORK");
                for (Framework f : all) {
                    out.printf("%-" + width + "s  %8d  %7d  %s %s%n", f.id(), f.controls().size(), covered(f, checks), f.title(),
                            f.version());
                }
            }
            out.println(all.size() + " frameworks; kubeward scan --framework ID shows a scan by one of them");
        });
        return ExitCodes.OK;
    }

    /** Controls at least one check serves. */
    private static long covered(Framework f, List<CheckMeta> checks) {
        return f.controls().stream().filter(c -> !f.checksOf(c, checks).isEmpty()).count();
    }
}
