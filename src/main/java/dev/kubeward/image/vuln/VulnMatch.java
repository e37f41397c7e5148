package dev.kubeward.image.vuln;

import dev.kubeward.image.Package;
import java.util.List;

/**
 * One vulnerability of one package, after aliases are merged: a CVE is reported once, however many
 * records (GHSA, DSA, DLA, ALSA, DEBIAN-CVE, PYSEC, GO …) describe it.
 *
 * @param id       the canonical id: the CVE when the records name one, else the GHSA, else the record's own id
 * @param aliases  every other id of the records merged here (sorted)
 * @param severity the level, see {@link #score} and {@link #severitySource}
 * @param score    the CVSS base score behind the level, NaN when the level is a distribution's word or unknown
 * @param vector   the CVSS vector the score comes from, or null
 * @param severitySource where the level comes from: {@code CVSS_V3}, {@code CVSS_V2}, or the record whose
 *                 rating it is ({@code DEBIAN-CVE-2024-1234 urgency}); null when unknown
 * @param summary  the first summary among the records, or null
 * @param fixed    the version that fixes it for this package (the highest fix among the records, since
 *                 each must be fixed), or null when some record knows no fix
 * @param records  the ids of the records that matched
 */
public record VulnMatch(String id, List<String> aliases, VulnSeverity severity, double score, String vector,
                        String severitySource, String summary, String fixed, Package pkg, List<String> records) {}
