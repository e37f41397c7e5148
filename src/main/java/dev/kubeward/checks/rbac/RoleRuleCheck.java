package dev.kubeward.checks.rbac;

import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.FindingSink;
import dev.kubeward.model.Resource;
import dev.kubeward.rbac.RbacObject;
import dev.kubeward.rbac.Role;
import dev.kubeward.rbac.Rule;
import dev.kubeward.rbac.StockRbac;

/**
 * A check of the rules a Role or ClusterRole declares. It fires on the role whether or not
 * anything binds it (as kube-linter and Checkov do): manifests are often split between charts,
 * and an unused role is one binding away from being used. Stock roles (stock name and the
 * bootstrap label) are skipped; a stock name without the label is reported. The declared rules
 * of an aggregated ClusterRole are skipped because the aggregation controller overwrites them;
 * the rules it really grants are reported on the roles that declare them.
 */
abstract class RoleRuleCheck implements Check {

    @Override
    public void prepare(CheckContext context) {
        RbacScan.of(context.inventory());
    }

    @Override
    public final void check(Resource resource, CheckContext context, FindingSink sink) {
        if (!RbacScan.isRbacInput(resource)) {
            return;
        }
        RbacScan scan = RbacScan.of(context.inventory());
        for (RbacObject object : scan.objectsOf(resource)) {
            if (object instanceof Role role && !role.isAggregated() && !StockRbac.status(role).isExpected()) {
                for (Rule rule : role.rules()) {
                    checkRule(new RuleSite(scan, role, rule), sink);
                }
            }
        }
    }

    protected abstract void checkRule(RuleSite site, FindingSink sink);
}
