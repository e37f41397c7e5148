package dev.kubeward.checks.rbac;

import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.FindingSink;
import dev.kubeward.model.Resource;
import dev.kubeward.rbac.Binding;
import dev.kubeward.rbac.RbacObject;
import dev.kubeward.rbac.StockRbac;

/**
 * A check of the subjects of RoleBindings and ClusterRoleBindings, reported on
 * {@code subjects[i]}. Stock bindings (stock name and the bootstrap label) are skipped; a stock
 * name without the label is reported.
 */
abstract class BindingSubjectCheck implements Check {

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
            if (object instanceof Binding binding && !StockRbac.status(binding).isExpected()) {
                for (int i = 0; i < binding.subjects().size(); i++) {
                    checkSubject(new SubjectSite(scan, binding, i), context, sink);
                }
            }
        }
    }

    protected abstract void checkSubject(SubjectSite site, FindingSink sink);

    /** For checks that also read the configuration; by default the configuration plays no part. */
    protected void checkSubject(SubjectSite site, CheckContext context, FindingSink sink) {
        checkSubject(site, sink);
    }
}
