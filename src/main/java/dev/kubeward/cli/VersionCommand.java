package dev.kubeward.cli;

import dev.kubeward.report.JsonDocuments;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "version", description = "Print kubeward's version (the same as 'kubeward --version'); with --format json, also the Java runtime.")
final class VersionCommand implements Callable<Integer>, OutputOptions.Reporting {
    @Mixin
    OutputOptions output;

    @Override
    public List<String> formats() {
        return List.of("text", "json");
    }

    @Override
    public Integer call() throws IOException {
        String format = output.format();
        output.write(out -> {
            if (format.equals("json")) {
                var root = JsonDocuments.header(Version.VERSION);
                root.putObject("runtime").put("java", System.getProperty("java.version"))
                        .put("vendor", System.getProperty("java.vendor"));
                JsonDocuments.write(root, out);
            } else {
                out.println("kubeward " + Version.VERSION);
            }
        });
        return ExitCodes.OK;
    }
}
