package dev.kubeward.checks.audit;

import dev.kubeward.audit.AuditPolicyReader;
import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.FindingSink;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Resource;

/** A check of audit.k8s.io Policy files found among the scanned manifests. */
abstract class AuditPolicyCheck implements Check {
    @Override
    public final void check(Resource resource, CheckContext context, FindingSink sink) {
        if (AuditPolicyReader.isAuditPolicy(resource)) {
            checkPolicy(resource, AuditPolicyReader.read(resource.object()), sink);
        }
    }

    protected abstract void checkPolicy(Resource resource, AuditPolicyReader.Result policy, FindingSink sink);

    /** Where a decision came from: the rule, or the rules list when no rule matched. */
    static JsonPath decidedAt(Resource resource, int ruleIndex) {
        if (ruleIndex >= 0) {
            return JsonPath.of("rules").index(ruleIndex);
        }
        return resource.object().has("rules") ? JsonPath.of("rules") : JsonPath.ROOT;
    }

    static String ruleName(int ruleIndex) {
        return ruleIndex < 0 ? "no rule matches (the default is None)" : "rule " + ruleIndex;
    }
}
