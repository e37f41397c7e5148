package dev.kubeward.image.vuln;

import java.util.List;

/**
 * The part of an OSV record (ossf/osv-schema) that matching needs; {@code details}, references and
 * credits are not kept.
 *
 * @param modified  epoch milliseconds of {@code modified} (0 when absent)
 * @param withdrawn epoch milliseconds of {@code withdrawn}, 0 when the record is not withdrawn
 * @param dbSeverity {@code database_specific.severity} of the record (GitHub's rating), or null
 */
public record OsvRecord(String id, long modified, long withdrawn, List<String> aliases, List<String> upstream,
                        String summary, List<Score> severity, String dbSeverity, List<Affected> affected) {

    /** A {@code severity[]} entry: {@code CVSS_V2}, {@code CVSS_V3}, {@code CVSS_V4}, {@code Ubuntu}, … */
    public record Score(String type, String score) {}

    /**
     * An {@code affected[]} entry with a package.
     *
     * @param ecoSeverity the distribution's or registry's own rating: {@code ecosystem_specific.severity} or
     *                    {@code .urgency} (Debian), else {@code database_specific.severity}; null when none
     */
    public record Affected(String ecosystem, String name, List<Score> severity, String ecoSeverity,
                           List<Range> ranges, List<String> versions) {}

    /** {@code ECOSYSTEM} or {@code SEMVER} (GIT ranges are not kept). */
    public enum RangeType { ECOSYSTEM, SEMVER }

    public record Range(RangeType type, List<Event> events) {}

    public enum EventKind { INTRODUCED, FIXED, LAST_AFFECTED, LIMIT }

    public record Event(EventKind kind, String version) {}
}
