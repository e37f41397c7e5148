package dev.kubeward.cli;

import dev.kubeward.image.vuln.VulnDb;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status",
        description = {
            "Say what the vulnerability database holds: per ecosystem the records, the newest 'modified', when it was imported, and how old that is.",
            "",
            "Exit code 0 when it is younger than --max-age, 1 when older, 2 when there is no database (with how to get one)."
        })
final class VulndbStatusCommand implements Callable<Integer>, OutputOptions.Reporting {
    @Mixin
    OutputOptions output;

    @Mixin
    VulnDbOptions database;

    @Mixin
    VulnDbOptions.MaxAge maxAge;

    @Mixin
    ConfigOptions configOptions;

    @Override
    public List<String> formats() {
        return List.of("text");
    }

    @Override
    public Integer call() throws Exception {
        output.format();
        String configured = ImagesScanCommand.configuredMaxAge(configOptions, output);
        if (configured == null) {
            return ExitCodes.USAGE;
        }
        Duration max = maxAge.age(configured);
        String ageText = maxAge.text(configured);
        Path dir = database.dir();
        VulnDb vdb = database.openOrSay();
        if (vdb == null) {
            return ExitCodes.USAGE;
        }
        Instant now = Instant.now();
        var stale = vdb.ageWarning(max, now);
        output.write(out -> {
            if (!output.quiet) {
                out.println("vulnerability database " + dir);
                out.printf("  %-14s %10s %9s  %-20s  %-20s  %s%n", "ECOSYSTEM", "RECORDS", "WITHDRAWN", "NEWEST MODIFIED", "IMPORTED", "AGE");
                for (VulnDb.Shard s : vdb.shards()) {
                    out.printf("  %-14s %,10d %,9d  %-20s  %-20s  %s%n", s.ecosystem(), s.records(), s.withdrawn(),
                            s.newestModified() == null ? "-" : s.newestModified().toString().replaceFirst("\\.\\d+Z$", "Z"),
                            s.importedAt() == null ? "-" : s.importedAt().toString().replaceFirst("\\.\\d+Z$", "Z"),
                            s.importedAt() == null ? "-" : VulnDb.describe(Duration.between(s.importedAt(), now)));
                }
            }
            long total = vdb.shards().stream().mapToLong(VulnDb.Shard::records).sum();
            Instant oldest = vdb.oldestImport();
            out.printf("%,d records in %d ecosystems; %s%n", total, vdb.shards().size(), oldest == null ? "empty"
                    : stale.isPresent() ? "stale: oldest import " + VulnDb.describe(Duration.between(oldest, now)) + " ago, older than " + ageText
                    : "oldest import " + VulnDb.describe(Duration.between(oldest, now)) + " ago");
        });
        return stale.isPresent() ? ExitCodes.FINDINGS : ExitCodes.OK;
    }
}
