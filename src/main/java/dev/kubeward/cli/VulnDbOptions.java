package dev.kubeward.cli;

import dev.kubeward.image.vuln.VulnDb;
import dev.kubeward.image.vuln.VulnDbException;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --db}, declared once for every command that reads or writes the vulnerability database
 * ({@code images scan}, {@code scan --images}, {@code vulndb import}, {@code vulndb status}), and
 * {@link MaxAge} ({@code --max-age}) for those that judge its age.
 */
final class VulnDbOptions {
    @Option(names = "--db", paramLabel = "DIR", description = "the vulnerability database (default: $KUBEWARD_VULNDB, else ~/.cache/kubeward/vulndb)")
    Path db;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** The database directory: --db against the working directory, else $KUBEWARD_VULNDB, else the cache. */
    Path dir() {
        Environment env = Main.environment(command);
        return db != null ? env.workingDirectory().resolve(db) : VulnDb.defaultDir(env.variables());
    }

    /** The database, or null after saying on standard error why there is none (and how to get one). */
    VulnDb openOrSay() {
        try {
            return VulnDb.open(dir());
        } catch (VulnDbException e) {
            command.commandLine().getErr().println("kubeward: " + e.getMessage());
            return null;
        }
    }

    /** {@code --max-age}: how old the database may be before it is called stale. */
    static final class MaxAge {
        @Option(names = "--max-age", paramLabel = "AGE",
                description = "how old an import may be before it is called stale: 7d, 36h, 90m (default: vulndb.maxAge of the configuration, else 7d)")
        String maxAge;

        @Spec(Spec.Target.MIXEE)
        CommandSpec command;

        /** The option, else the configured {@code vulndb.maxAge}, as it was written. */
        String text(String configured) {
            return maxAge != null ? maxAge : configured;
        }

        /** The age the option, else the configured value, names; a usage error when the option is no age. */
        Duration age(String configured) {
            try {
                return VulnDb.parseAge(text(configured));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(command.commandLine(), "Invalid value for option '--max-age': " + e.getMessage());
            }
        }
    }
}
