package dev.kubeward.checks.rbac;

import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Resource;
import dev.kubeward.rbac.ParseProblem;

@CheckInfo(
        id = "rbac-invalid-object",
        title = "RBAC object the API server would reject",
        severity = Severity.MEDIUM,
        category = "RBAC",
        description = "A Role, ClusterRole, RoleBinding, ClusterRoleBinding, ServiceAccount or ServiceAccount token Secret "
                + "has a field of the wrong type (verbs: get instead of [get], a number as a name or label value) or a "
                + "value the API server's validation refuses: a rule without verbs, API groups or resources, "
                + "nonResourceURLs in a Role or beside resources, a binding without roleRef or with a roleRef kind it "
                + "cannot grant, a subject of unknown kind or without name, a ServiceAccount subject of a "
                + "ClusterRoleBinding without namespace, an aggregationRule without selectors or with an unknown "
                + "operator, a token Secret without its ServiceAccount annotation. The RBAC checks, the escalation "
                + "analysis and 'kubeward rbac' leave the object out (it would not exist in a cluster); the rest of the "
                + "input is analysed.",
        rationale = "'kubectl apply' fails on the object: the permission it was meant to grant (or limit) is missing, and "
                + "a binding naming a rejected role dangles, granting whatever a role created later under that name allows.",
        remediation = "Correct the field named in the message (see the RBAC API reference: every list field is a YAML "
                + "list of strings; roleRef needs apiGroup rbac.authorization.k8s.io, a kind and a name).",
        nsaCisa = "Authentication and authorization: role-based access control")
public final class InvalidObject implements Check {
    @Override
    public void prepare(CheckContext context) {
        RbacScan.of(context.inventory());
    }

    @Override
    public void check(Resource resource, CheckContext context, FindingSink sink) {
        if (!RbacScan.isRbacInput(resource)) {
            return;
        }
        for (ParseProblem problem : RbacScan.of(context.inventory()).problemsOf(resource)) {
            sink.report(JsonPath.parse(problem.path()), problem.message());
        }
    }
}
