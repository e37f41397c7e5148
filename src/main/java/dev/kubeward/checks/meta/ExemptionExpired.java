package dev.kubeward.checks.meta;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.ExemptionCheck;
import dev.kubeward.check.Exemptions;
import dev.kubeward.check.Severity;

@CheckInfo(
        id = Exemptions.EXPIRED,
        title = "Expired exemption",
        severity = Severity.LOW,
        category = "Input",
        description = "An exemption carries an expiry date (kubeward.dev/ignore-until on the object, or until: in a "
                + "configuration entry) and that day has passed: it applies through its date and stops suppressing "
                + "on the next day, so the findings it covered are reported again. The date is judged against the "
                + "day of the scan (scan --now sets another day). No exemption can suppress this finding.",
        rationale = "An accepted risk is accepted for a while: until the upstream fix ships, until the migration is "
                + "done. An exemption without an end outlives its reason; one that ends must say so when it does, "
                + "or the findings that come back look like new problems.",
        remediation = "Fix what the exemption covered and delete it, or, if the risk is still accepted, review the "
                + "reason and move the date.")
public final class ExemptionExpired implements ExemptionCheck {
    @Override
    public void checkExemptions(Exemptions exemptions, Sink sink) {
        for (Exemptions.Entry e : exemptions.all()) {
            if (e.expired()) {
                long n = e.wouldHaveCovered();
                sink.report(e.exemption().untilSite(), e.describe() + " expired on " + e.exemption().until()
                        + " and no longer suppresses anything" + (n == 0 ? " (it covers no finding of this scan)"
                                : ": " + n + (n == 1 ? " finding it covers is" : " findings it covers are") + " reported again"));
            }
        }
    }
}
