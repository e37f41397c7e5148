package dev.kubeward.image.vuln;

import dev.kubeward.image.Package;
import java.util.List;

/**
 * What a lookup found.
 *
 * @param matches   the vulnerabilities, per package, in the order of the packages given
 * @param unmatched packages that could not be looked up, with the reason (an ecosystem without a
 *                  faithful ordering, a version its ecosystem rejects, no index for the ecosystem):
 *                  reported, never silently dropped
 * @param problems  records that could not be evaluated for a package (an event version the ordering
 *                  rejects): the range is skipped and said here
 */
public record LookupResult(List<VulnMatch> matches, List<Unmatched> unmatched, List<String> problems) {

    /** A package that was not looked up, and why. */
    public record Unmatched(Package pkg, String reason) {}
}
