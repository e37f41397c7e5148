package dev.kubeward.cli;

import dev.kubeward.image.vuln.Importer;
import dev.kubeward.image.vuln.VulnDb;
import dev.kubeward.image.vuln.VulnDbException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import",
        description = {
            "Import OSV data into the database: OSV's per-ecosystem all.zip files, directories of OSV JSON records (walked; .zip files in them are read too) or single JSON files.",
            "",
            "Re-importing updates in place: for each record id the copy with the newest 'modified' is kept. A record that cannot be read is reported as file:line, and the rest is imported; exit code 2 then."
        })
final class VulndbImportCommand implements Callable<Integer>, OutputOptions.Reporting {
    @Mixin
    OutputOptions output;

    @Mixin
    VulnDbOptions database;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "all.zip files, directories or JSON files of OSV records")
    List<Path> paths;

    @Override
    public List<String> formats() {
        return List.of("text");
    }

    @Override
    public Integer call() throws Exception {
        output.format();
        Environment env = Main.environment(output.command);
        Path dir = database.dir();
        List<Path> inputs = paths.stream().map(p -> env.workingDirectory().resolve(p)).toList();
        long start = System.nanoTime();
        Importer.Report report;
        try {
            report = new Importer(dir).run(inputs);
        } catch (VulnDbException e) {
            output.command.commandLine().getErr().println("kubeward: error: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        for (Importer.Problem p : report.problems()) {
            output.command.commandLine().getErr().println(p);
        }
        output.write(out -> {
            if (!output.quiet) {
                for (Map.Entry<String, long[]> e : report.perEcosystem().entrySet()) {
                    long[] n = e.getValue();
                    out.printf("  %-14s %,d records held (%,d new or updated%s)%n", e.getKey(), n[0], n[1],
                            n[2] == 0 ? "" : String.format(", %,d older than the copy held and not taken", n[2]));
                }
                StringBuilder skipped = new StringBuilder();
                note(skipped, report.withdrawn(), "withdrawn (kept, never matched)");
                note(skipped, report.withoutPackage(), "without an affected package");
                note(skipped, report.gitRanges(), "GIT ranges (out of scope)");
                note(skipped, report.unknownRanges(), "ranges of an unknown type");
                note(skipped, report.skippedFiles(), "files that are not JSON");
                if (skipped.length() > 0) {
                    out.println("  not matched: " + skipped);
                }
            }
            out.printf("imported %,d records from %,d files into %s in %.1f s%s%n", report.records(), report.files(), dir, seconds,
                    report.problems().isEmpty() ? "" : String.format("; %,d could not be read (listed on standard error)", report.problems().size()));
        });
        return report.problems().isEmpty() ? ExitCodes.OK : ExitCodes.USAGE;
    }

    private static void note(StringBuilder sb, long n, String what) {
        if (n > 0) {
            sb.append(sb.length() == 0 ? "" : ", ").append(String.format("%,d %s", n, what));
        }
    }
}
