package dev.kubeward.cli;

import dev.kubeward.image.vuln.VulnDb;
import dev.kubeward.image.vuln.VulnDbException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status",
        description = {
            "Say what the vulnerability database holds: per ecosystem the records, the newest 'modified', when it was imported, and how old that is.",
            "",
            "Exit code 0 when it is younger than --max-age, 1 when older, 2 when there is no database (with how to get one)."
        })
final class VulndbStatusCommand implements Callable<Integer>, OutputOptions.Reporting {
    @Mixin
    OutputOptions output;

    @Option(names = "--db", paramLabel = "DIR", description = "the database directory (default: $KUBEWARD_VULNDB, else ~/.cache/kubeward/vulndb)")
    Path db;

    @Option(names = "--max-age", paramLabel = "AGE", defaultValue = "7d",
            description = "how old an import may be before it is called stale: 7d, 36h, 90m (default: ${DEFAULT-VALUE})")
    String maxAge;

    @Override
    public List<String> formats() {
        return List.of("text");
    }

    @Override
    public Integer call() throws Exception {
        output.format();
        Duration max;
        try {
            max = VulnDb.parseAge(maxAge);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(output.command.commandLine(),
                    "Invalid value for option '--max-age': " + e.getMessage());
        }
        Environment env = Main.environment(output.command);
        Path dir = db != null ? env.workingDirectory().resolve(db) : VulnDb.defaultDir(env.variables());
        VulnDb vdb;
        try {
            vdb = VulnDb.open(dir);
        } catch (VulnDbException e) {
            output.command.commandLine().getErr().println("kubeward: " + e.getMessage());
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
                    : stale.isPresent() ? "stale: oldest import " + VulnDb.describe(Duration.between(oldest, now)) + " ago, older than " + maxAge
                    : "oldest import " + VulnDb.describe(Duration.between(oldest, now)) + " ago");
        });
        return stale.isPresent() ? ExitCodes.FINDINGS : ExitCodes.OK;
    }
}
