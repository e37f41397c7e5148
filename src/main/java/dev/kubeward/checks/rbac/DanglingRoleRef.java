package dev.kubeward.checks.rbac;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Resource;
import dev.kubeward.rbac.Binding;
import dev.kubeward.rbac.RbacObject;
import dev.kubeward.rbac.RoleKey;
import dev.kubeward.rbac.StockRbac;

@CheckInfo(
        id = "rbac-dangling-binding",
        title = "Binding refers to a role that does not exist",
        severity = Severity.LOW,
        category = "RBAC",
        description = "A binding's roleRef names a Role or ClusterRole that is neither in the scanned input nor part "
                + "of a stock cluster's policy (a role the API server would reject counts as missing). A Role always "
                + "resolves in the binding's own namespace. A roleRef kind the binding cannot grant (a "
                + "ClusterRoleBinding of a Role) is rbac-invalid-object. Reported on roleRef; stock bindings are skipped.",
        rationale = "The binding grants nothing now but grants whatever a role created later under that name allows: "
                + "whoever may create roles in that namespace can then give its subjects any permission it holds.",
        remediation = "Delete the binding, or fix its roleRef and add the role to the same manifests.",
        nsaCisa = "Authentication and authorization: role-based access control",
        mitre = {"T1098"})
public final class DanglingRoleRef implements Check {
    @Override
    public void check(Resource resource, CheckContext context, FindingSink sink) {
        if (!RbacScan.isRbacInput(resource)) {
            return;
        }
        RbacScan scan = RbacScan.of(context.inventory());
        for (RbacObject object : scan.objectsOf(resource)) {
            if (!(object instanceof Binding binding) || StockRbac.status(binding).isExpected()) {
                continue;
            }
            RoleKey role = binding.roleKey();
            JsonPath roleRef = JsonPath.parse(RbacObject.join(binding.basePath(), "roleRef"));
            // A roleRef kind the binding cannot grant is rbac-invalid-object's: the parser leaves such a binding out.
            if (role != null && !scan.model().roles().containsKey(role)) {
                sink.report(roleRef, binding.id() + " refers to " + role + ", which is not in the input and not a stock "
                        + "role; it grants whatever a role created later under that name allows");
            }
        }
    }
}
