package dev.kubeward.cli;

import dev.kubeward.check.Severity;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * What fails and what is shown, for every command that reports findings, declared once:
 * {@code --fail-on} decides the exit code on all findings; {@code --severity} and
 * {@code --min-severity} only narrow what the report lists.
 */
final class SeverityOptions {
    enum Level {
        critical, high, medium, low, info;

        Severity severity() {
            return Severity.valueOf(name().toUpperCase(java.util.Locale.ROOT));
        }
    }

    enum FailOn {
        critical, high, medium, low, info, none;

        Severity severity() {
            return this == none ? null : Severity.parse(name());
        }
    }

    @Option(names = "--fail-on", defaultValue = "high", paramLabel = "SEVERITY", order = 90,
            description = "exit 1 when an unsuppressed finding is at least this severe, shown or not: critical, high, medium, low, info or none (default: ${DEFAULT-VALUE})")
    FailOn failOn;

    @Option(names = "--severity", split = ",", paramLabel = "SEVERITY", splitSynopsisLabel = ",", order = 91,
            description = "list only findings of these severities, comma-separated (the exit code still follows --fail-on)")
    List<Level> severities;

    @Option(names = "--min-severity", paramLabel = "SEVERITY", order = 92,
            description = "list only findings at least this severe (the exit code still follows --fail-on)")
    Level minSeverity;

    /** The severities shown: both filters apply when both are given. */
    Set<Severity> shown() {
        Set<Severity> shown = EnumSet.allOf(Severity.class);
        if (severities != null && !severities.isEmpty()) {
            Set<Severity> listed = EnumSet.noneOf(Severity.class);
            severities.forEach(l -> listed.add(l.severity()));
            shown.retainAll(listed);
        }
        if (minSeverity != null) {
            shown.removeIf(s -> !s.atLeast(minSeverity.severity()));
        }
        return shown;
    }
}
