package dev.kubeward.report;

import dev.kubeward.check.CheckMeta;
import dev.kubeward.check.Finding;
import dev.kubeward.check.Severity;
import dev.kubeward.model.InputError;
import dev.kubeward.model.ObjectRef;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a reporter may print about one scan.
 *
 * @param rules the checks that ran
 * @param objects every object scanned, with its file (JUnit lists passing objects too)
 * @param failOn the threshold for the exit code; reporters show whether it was reached
 * @param context objects read with {@code --context} for the cross-object checks, not reported on
 * @param baseline what became of {@code --baseline}: the findings it covers are listed as baselined
 *     and count neither toward the summary nor toward {@code --fail-on}; null without a baseline
 * @param unread what the scan's load did not read; null when the report does not come from a load
 *     of manifests ({@code node})
 */
public record ScanReport(
        String toolVersion,
        List<Finding> findings,
        List<CheckMeta> rules,
        List<ScannedObject> objects,
        List<InputError> errors,
        int files,
        Severity failOn,
        List<ScannedObject> context,
        Baseline.Comparison baseline,
        UnreadInput unread,
        Map<Finding, dev.kubeward.exposure.Rank> ranks) {

    public ScanReport {
        ranks = ranks == null ? Map.of() : ranks;
    }

    public ScanReport(String toolVersion, List<Finding> findings, List<CheckMeta> rules, List<ScannedObject> objects,
            List<InputError> errors, int files, Severity failOn, List<ScannedObject> context,
            Baseline.Comparison baseline, UnreadInput unread) {
        this(toolVersion, findings, rules, objects, errors, files, failOn, context, baseline, unread, null);
    }

    /** The same report with the deployment rank of each image vulnerability finding ({@code scan --images}). */
    public ScanReport withRanks(Map<Finding, dev.kubeward.exposure.Rank> r) {
        return new ScanReport(toolVersion, findings, rules, objects, errors, files, failOn, context, baseline, unread, r);
    }

    /** The deployment rank of a finding, or null for a finding that is not an image vulnerability. */
    public dev.kubeward.exposure.Rank rank(Finding f) {
        return ranks.get(f);
    }

    public ScanReport(String toolVersion, List<Finding> findings, List<CheckMeta> rules, List<ScannedObject> objects,
            List<InputError> errors, int files, Severity failOn) {
        this(toolVersion, findings, rules, objects, errors, files, failOn, List.of(), null, null);
    }

    public ScanReport(String toolVersion, List<Finding> findings, List<CheckMeta> rules, List<ScannedObject> objects,
            List<InputError> errors, int files, Severity failOn, List<ScannedObject> context) {
        this(toolVersion, findings, rules, objects, errors, files, failOn, context, null, null);
    }

    /** The same report with the findings compared against a baseline. */
    public ScanReport withBaseline(Baseline.Comparison b) {
        return new ScanReport(toolVersion, findings, rules, objects, errors, files, failOn, context, b, unread, ranks);
    }

    /** True when the finding is in the baseline given with {@code --baseline}. */
    public boolean baselined(Finding f) {
        return baseline != null && baseline.baselined(f);
    }

    /** Neither suppressed nor baselined: what the summary counts and {@code --fail-on} judges. */
    public boolean open(Finding f) {
        return !f.suppressed() && !baselined(f);
    }

    /** Baselined findings among a list. */
    public long baselinedCount(List<Finding> list) {
        return baseline == null ? 0 : list.stream().filter(this::baselined).count();
    }

    /**
     * One object of the scan.
     *
     * @param uid {@code metadata.uid} of an object read from a live cluster (the policy reports
     *     name it); null for an object from a file, whose uid, if it has one, is not the live one
     */
    public record ScannedObject(ObjectRef ref, String file, int line, String uid) {
        public ScannedObject(ObjectRef ref, String file, int line) {
            this(ref, file, line, null);
        }
    }

    /** The kinds a cluster scan could not read (every format lists them). */
    public List<dev.kubeward.model.CoverageGap> notChecked() {
        return unread == null ? List.of() : unread.notChecked();
    }

    /** Open findings per severity, every severity present. */
    public Map<Severity, Integer> countsBySeverity() {
        return countsBySeverity(findings);
    }

    /** Open findings (neither suppressed nor baselined) of a list per severity, every severity present. */
    public Map<Severity, Integer> countsBySeverity(List<Finding> list) {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            counts.put(s, 0);
        }
        for (Finding f : list) {
            if (open(f)) {
                counts.merge(f.severity(), 1, Integer::sum);
            }
        }
        return counts;
    }

    public long suppressedCount() {
        return findings.stream().filter(Finding::suppressed).count();
    }

    /** The findings a rendering lists (all of them unless --severity or --min-severity narrowed it). */
    public List<Finding> shown(RenderOptions options) {
        return options.shown().size() == Severity.values().length ? findings
                : findings.stream().filter(options::shows).toList();
    }

    /** True when an open finding is at or above --fail-on (never, for --fail-on none). */
    public boolean thresholdReached() {
        return failOn != null && findings.stream().anyMatch(f -> open(f) && f.severity().atLeast(failOn));
    }
}
