package dev.kubeward.checks.audit;

import dev.kubeward.audit.AuditPolicyReader;
import dev.kubeward.audit.AuditSimulation;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.Resource;

@CheckInfo(
        id = "audit-secrets-body-logged",
        title = "Audit policy logs secret bodies",
        severity = Severity.HIGH,
        category = "Audit logging",
        description = "Simulating the policy, a request whose body carries secret material (reading, listing or "
                + "writing Secrets, writing ConfigMaps, TokenRequests and TokenReviews) is logged at Request or "
                + "RequestResponse. One finding per request, on the rule that decides it.",
        rationale = "At Request level the audit log holds the request body, at RequestResponse the response too: "
                + "Secret values, freshly issued service-account tokens and bearer tokens under review are then "
                + "copied to every audit backend, log shipper and SIEM, readable by far more people than the Secret.",
        remediation = "Add, before the rule that matches them, a rule logging secrets, configmaps, "
                + "serviceaccounts/token (core group) and tokenreviews (authentication.k8s.io) at Metadata.",
        cis = "3.2.2",
        nsaCisa = "Audit logging and threat detection",
        mitre = {"T1552", "T1552.007"})
public final class AuditSecretsBodyLogged extends AuditPolicyCheck {
    @Override
    protected void checkPolicy(Resource resource, AuditPolicyReader.Result policy, FindingSink sink) {
        for (AuditSimulation.Outcome o : AuditSimulation.run(policy.policy())) {
            if (o.status() == AuditSimulation.Status.LEAKS_BODY) {
                sink.report(decidedAt(resource, o.decision().ruleIndex()), o.event().title() + " ("
                        + o.event().request().describe() + ") is logged at " + o.decision().level().label()
                        + " by " + ruleName(o.decision().ruleIndex()) + ": its body holds secret material");
            }
        }
    }
}
