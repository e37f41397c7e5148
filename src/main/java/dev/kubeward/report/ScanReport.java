package dev.kubeward.report;

import dev.kubeward.check.CheckMeta;
import dev.kubeward.check.Finding;
import dev.kubeward.check.Severity;
import dev.kubeward.model.CoverageGap;
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
 * @param notChecked kinds a cluster scan could not read (every format lists them)
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
        List<CoverageGap> notChecked) {

    public ScanReport {
        notChecked = List.copyOf(notChecked);
    }

    public ScanReport(String toolVersion, List<Finding> findings, List<CheckMeta> rules, List<ScannedObject> objects,
            List<InputError> errors, int files, Severity failOn, List<ScannedObject> context) {
        this(toolVersion, findings, rules, objects, errors, files, failOn, context, List.of());
    }

    /** The same report with the kinds a cluster scan could not read. */
    public ScanReport withNotChecked(List<CoverageGap> gaps) {
        return new ScanReport(toolVersion, findings, rules, objects, errors, files, failOn, context, gaps);
    }

    public ScanReport(String toolVersion, List<Finding> findings, List<CheckMeta> rules, List<ScannedObject> objects,
            List<InputError> errors, int files, Severity failOn) {
        this(toolVersion, findings, rules, objects, errors, files, failOn, List.of());
    }

    public record ScannedObject(ObjectRef ref, String file, int line) {}

    /** Unsuppressed findings per severity, every severity present. */
    public Map<Severity, Integer> countsBySeverity() {
        return countsBySeverity(findings);
    }

    /** Unsuppressed findings of a list per severity, every severity present. */
    public static Map<Severity, Integer> countsBySeverity(List<Finding> findings) {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            counts.put(s, 0);
        }
        for (Finding f : findings) {
            if (!f.suppressed()) {
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

    /** True when an unsuppressed finding is at or above --fail-on (never, for --fail-on none). */
    public boolean thresholdReached() {
        return failOn != null && findings.stream().anyMatch(f -> !f.suppressed() && f.severity().atLeast(failOn));
    }
}
