package dev.kubeward.checks.meta;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.ExemptionCheck;
import dev.kubeward.check.Exemptions;
import dev.kubeward.check.Severity;

@CheckInfo(
        id = Exemptions.UNUSED,
        title = "Unused exemption",
        severity = Severity.INFO,
        category = "Input",
        enabledByDefault = false,
        description = "An exemption that suppressed no finding in this scan, as linters report unused suppression "
                + "comments. Opt-in: scan --report-unused-exemptions, or checks.enable in the configuration. A "
                + "configuration exemption for objects outside the scanned paths is unused in that scan, so ask for "
                + "this on a scan of everything the configuration is for. Invalid and expired exemptions are "
                + "reported by their own checks instead. No exemption can suppress this finding.",
        rationale = "An exemption outlives the finding it was written for: the workload was fixed, renamed or "
                + "deleted. A stale exemption is a standing permission that nobody reviews, and it will silently "
                + "cover the next finding that matches it.",
        remediation = "Delete the exemption (or the id from the kubeward.dev/ignore annotation).")
public final class ExemptionUnused implements ExemptionCheck {
    @Override
    public void checkExemptions(Exemptions exemptions, Sink sink) {
        for (Exemptions.Entry e : exemptions.all()) {
            if (e.active() && e.uses() == 0) {
                sink.report(e.exemption().site(), e.describe() + " suppressed nothing in this scan");
            }
        }
    }
}
