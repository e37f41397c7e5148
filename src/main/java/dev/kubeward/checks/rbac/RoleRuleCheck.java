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
 *
 * <p>The checks judge the grant, not the rule ({@link RuleSite.Reach}): a Role's rules, and a
 * ClusterRole's that only RoleBindings grant, reach namespaced resources in those namespaces and
 * nothing cluster-scoped; a ClusterRole no binding grants is judged as written.
 */
abstract class RoleRuleCheck implements Check {

    /** How every rule check chooses what to report, for the checks' descriptions. */
    static final String WHERE = " Judged where it is granted: a Role's rules, and a ClusterRole's granted only by RoleBindings, "
            + "reach namespaced resources there (never nodes or other cluster-scoped ones, nor URLs); a ClusterRole no binding "
            + "grants is judged as written. Stock roles (stock name and the rbac-defaults bootstrap label) are skipped.";

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
                    RuleSite site = new RuleSite(scan, role, rule);
                    // Judge the grant: a rule of a Role, or of a ClusterRole only RoleBindings grant,
                    // that names only cluster-scoped resources or URLs grants nothing at all.
                    if (!site.grantsNothing()) {
                        checkRule(site, sink);
                    }
                }
            }
        }
    }

    protected abstract void checkRule(RuleSite site, FindingSink sink);
}
