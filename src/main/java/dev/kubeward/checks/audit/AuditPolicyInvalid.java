package dev.kubeward.checks.audit;

import dev.kubeward.audit.AuditPolicyReader;
import dev.kubeward.audit.PolicyProblem;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.Resource;

@CheckInfo(
        id = "audit-policy-invalid",
        title = "Audit policy the API server rejects",
        severity = Severity.MEDIUM,
        category = "Audit logging",
        description = "An audit.k8s.io Policy has a problem the API server's validation rejects: a missing or "
                + "misspelt level (levels are case-sensitive), an unknown omitStages value, an unknown field, a "
                + "non-resource URL without a leading slash or with '*' other than last, resourceNames without "
                + "resources, an API group with a version in it, or a rule that mixes resources and non-resource URLs.",
        rationale = "An API server started with an invalid --audit-policy-file does not start; one fixed in a hurry "
                + "often ends up with auditing switched off. A misspelt field is silently meaningless to the "
                + "reader and may not do what its author believes.",
        remediation = "Correct the field as the message says; levels are None, Metadata, Request and "
                + "RequestResponse, stages RequestReceived, ResponseStarted, ResponseComplete and Panic.",
        cis = "3.2.1",
        nsaCisa = "Audit logging and threat detection",
        mitre = "T1562.008")
public final class AuditPolicyInvalid extends AuditPolicyCheck {
    @Override
    protected void checkPolicy(Resource resource, AuditPolicyReader.Result policy, FindingSink sink) {
        for (PolicyProblem p : policy.problems()) {
            sink.report(p.path(), p.message());
        }
    }
}
