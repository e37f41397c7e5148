package dev.kubeward.checks.meta;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.ExemptionCheck;
import dev.kubeward.check.Exemptions;
import dev.kubeward.check.Severity;

@CheckInfo(
        id = Exemptions.INVALID,
        title = "Exemption that exempts nothing",
        severity = Severity.MEDIUM,
        category = "Input",
        description = "An exemption (a kubeward.dev/ignore annotation entry, or an entry of the configuration's "
                + "exemptions) names a check id that does not exist, or is a glob that matches no check, or its "
                + "kubeward.dev/ignore-until is not a date. Namespaced ids from other engines (vap:NAME) are "
                + "checked against the names that engine finds in the scan. The exemption suppresses nothing; "
                + "the finding points at the line where it is written. No exemption can suppress this finding.",
        rationale = "A misspelt exemption looks like a decision that was taken and reviewed, while the finding it was "
                + "meant for is still reported, or will be once its check exists under the right name. Typos must "
                + "never silently disable nothing.",
        remediation = "Correct the id (see 'kubeward checks') or the date (YYYY-MM-DD), or delete the exemption.")
public final class ExemptionInvalid implements ExemptionCheck {
    @Override
    public void checkExemptions(Exemptions exemptions, Sink sink) {
        for (Exemptions.Entry e : exemptions.all()) {
            if (e.problem() != null) {
                sink.report(e.exemption().site(), e.describe() + ": " + e.problem());
            }
        }
    }
}
