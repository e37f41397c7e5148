package dev.kubeward.checks.policy;

import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Resource;
import dev.kubeward.policy.PolicyReader;

@CheckInfo(
        id = "vap-binding-without-policy",
        title = "Admission policy binding names no policy in the input",
        severity = Severity.MEDIUM,
        category = PolicyFindings.CATEGORY,
        description = "A ValidatingAdmissionPolicyBinding or MutatingAdmissionPolicyBinding names a policy "
                + "(spec.policyName) that is not among the scanned objects.",
        rationale = "The API server accepts a binding to a policy that does not exist and then enforces nothing: "
                + "the binding looks like protection and is none, until a policy of that name appears.",
        remediation = "Ship the policy with its binding, or correct spec.policyName.",
        nsaCisa = "Threat detection: admission control")
public final class VapBindingWithoutPolicy implements Check {
    @Override
    public void check(Resource r, CheckContext context, FindingSink sink) {
        if (!PolicyReader.isPolicyKind(r.apiVersion(), r.kind()) || !r.kind().endsWith("Binding")) {
            return;
        }
        String policyName = r.object().path("spec").path("policyName").asText("");
        if (policyName.isEmpty()) {
            return;
        }
        String policyKind = r.kind().substring(0, r.kind().length() - "Binding".length());
        boolean found = context.inventory().ofKind(policyKind).stream()
                .anyMatch(p -> policyName.equals(p.name()) && p.group().equals(PolicyReader.GROUP));
        if (!found) {
            sink.report(JsonPath.of("spec", "policyName"), r.displayName() + " binds " + policyKind + " " + policyName
                    + ", which is not in the input");
        }
    }
}
