package dev.kubeward.checks.meta;

import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Scanner;
import dev.kubeward.check.Severity;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Resource;

@CheckInfo(
        id = Scanner.EXEMPTION_REASON_MISSING,
        title = "Exemption without a reason",
        severity = Severity.LOW,
        category = "Input",
        description = "The object exempts itself from checks with the kubeward.dev/ignore annotation but gives no "
                + "kubeward.dev/ignore-reason. The exemption still applies; this finding cannot itself be exempted "
                + "by the annotation.",
        rationale = "An exemption is a decision someone must be able to review later. Configuration exemptions "
                + "are refused without a reason; an annotation, which anyone editing the manifest can add, should "
                + "not be the easier way round that rule.",
        remediation = "Add metadata.annotations[\"kubeward.dev/ignore-reason\"] saying why the checks do not apply "
                + "(and, ideally, until when).")
public final class ExemptionReasonMissing implements Check {
    @Override
    public void check(Resource r, CheckContext context, FindingSink sink) {
        String ignored = r.annotations().get(Scanner.IGNORE_ANNOTATION);
        String reason = r.annotations().get(Scanner.IGNORE_REASON_ANNOTATION);
        if (ignored != null && !ignored.isBlank() && (reason == null || reason.isBlank())) {
            sink.report(JsonPath.of("metadata", "annotations", Scanner.IGNORE_ANNOTATION),
                    "the object exempts itself from " + ignored.strip() + " without kubeward.dev/ignore-reason");
        }
    }
}
