package dev.kubeward.checks.audit;

import dev.kubeward.audit.AuditDecision;
import dev.kubeward.audit.AuditLevel;
import dev.kubeward.audit.AuditPolicyReader;
import dev.kubeward.audit.AuditRequest;
import dev.kubeward.audit.AuditStage;
import dev.kubeward.audit.PolicyRule;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.Resource;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

@CheckInfo(
        id = "audit-no-catch-all",
        title = "Audit policy has no catch-all rule",
        severity = Severity.MEDIUM,
        category = "Audit logging",
        description = "No rule of the audit policy matches every request (no users, groups, verbs, resources, "
                + "namespaces or URLs) at Metadata or above; or the first such rule is at None or omits both "
                + "RequestReceived and ResponseComplete. Requests no rule names are then not logged at all.",
        rationale = "The API server logs nothing for a request no rule matches. Without a final catch-all, "
                + "every API, custom resource and subresource the policy author did not foresee is invisible, "
                + "including the ones added by later Kubernetes versions and operators.",
        remediation = "End the rules with '- level: Metadata' (optionally with omitStages: [RequestReceived]).",
        cis = {"3.2.1", "3.2.2"},
        nsaCisa = "Audit logging and threat detection",
        mitre = "T1562.008")
public final class AuditNoCatchAll extends AuditPolicyCheck {
    /** Any ordinary request shows whether the catch-all's stages leave a record. */
    private static final AuditRequest ORDINARY = AuditRequest.resource("jane", List.of("system:authenticated"), "get",
            "example.com", "widgets", "shop", "w");

    @Override
    protected void checkPolicy(Resource resource, AuditPolicyReader.Result policy, FindingSink sink) {
        PolicyRule catchAll = policy.policy().catchAll();
        if (catchAll == null) {
            sink.report(decidedAt(resource, -1), "no rule matches every request, so requests the "
                    + policy.policy().rules().size() + " rules do not name are not logged");
        } else if (catchAll.level() == AuditLevel.NONE) {
            sink.report(catchAll.path(), "rule " + catchAll.index() + " matches every request at level None: "
                    + "nothing it reaches is logged, and rules after it never apply");
        } else if (catchAllDecision(policy, catchAll).drops(ORDINARY)) {
            sink.report(catchAll.path(), "rule " + catchAll.index() + " matches every request but omits every "
                    + "stage an ordinary request produces");
        }
    }

    /** The catch-all's own decision, with the policy-wide stages added as the API server adds them. */
    private static AuditDecision catchAllDecision(AuditPolicyReader.Result policy, PolicyRule catchAll) {
        Set<AuditStage> omitted = EnumSet.noneOf(AuditStage.class);
        omitted.addAll(policy.policy().omitStages());
        omitted.addAll(catchAll.omitStages());
        return new AuditDecision(catchAll.level(), omitted, catchAll.index());
    }
}
