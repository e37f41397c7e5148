package dev.kubeward.checks.rbac;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.rbac.PodResources;
import java.util.ArrayList;
import java.util.List;

@CheckInfo(
        id = "rbac-workload-create",
        title = "RBAC rule creates or changes pods or workloads",
        severity = Severity.MEDIUM,
        category = "RBAC",
        description = "A Role or ClusterRole rule allows create on pods or a pod-bearing workload (deployments, "
                + "daemonsets, statefulsets, replicasets, jobs, cronjobs, replicationcontrollers, and the operator kinds "
                + "of docs/workloads.md and workloadKinds), update or patch on one "
                + "whose pod template is mutable (all of them but jobs, whose template is immutable after creation), update "
                + "or patch on pods (which changes a running pod's image: it keeps its own ServiceAccount, as a pod's "
                + "serviceAccountName cannot change), or update or patch on pods/ephemeralcontainers (a container of the "
                + "writer's image in a running pod; that subresource serves no create). High when a ClusterRoleBinding "
                + "grants it cluster-wide." + RoleRuleCheck.WHERE,
        rationale = "Whoever creates a pod, or rewrites the pod template of an existing workload, chooses its image, "
                + "command and ServiceAccount, and so holds the permissions of every ServiceAccount in the namespace (and, "
                + "cluster-wide, of kube-system's controllers); the pod can also mount Secrets and, without Pod Security "
                + "admission, host paths. Changing a running pod's image or adding an ephemeral container runs the "
                + "writer's code with that pod's ServiceAccount token.",
        remediation = "Grant create, update and patch on workloads only to deployment pipelines, per namespace, and "
                + "enforce Pod Security admission in those namespaces; people who only restart or scale workloads need "
                + "the scale subresource or a rollout restart through a pipeline, not patch on the workload.",
        cis = "5.1.4",
        nsaCisa = "Authentication and authorization: role-based access control",
        mitre = {"T1610", "T1078"})
public final class WorkloadCreate extends PermissionCheck {
    private static final String IMAGE_ONLY = " (a running pod's image: it keeps its ServiceAccount)";
    private static final String EPHEMERAL = " (a container of your image in a running pod)";

    @Override
    protected List<Permission> permissions() {
        return permissionsOf(PodResources.DEFAULT);
    }

    @Override
    protected List<Permission> permissions(RuleSite site) {
        return permissionsOf(site.scan().podResources());
    }

    /** create on every pod-bearing resource, update and patch where an existing object can be re-templated. */
    static List<Permission> permissionsOf(PodResources resources) {
        List<Permission> permissions = new ArrayList<>();
        for (PodResources.PodResource resource : resources.all()) {
            boolean mutable = resource.onUpdate() != PodResources.OnUpdate.IMMUTABLE;
            permissions.add(mutable ? Permission.of(resource.group(), resource.resource(), "create", "update", "patch")
                    : Permission.of(resource.group(), resource.resource(), "create"));
        }
        permissions.add(Permission.of("", "pods/ephemeralcontainers", "update", "patch"));
        return permissions;
    }

    @Override
    protected String describe(Permission permission, List<String> verbs) {
        String text = super.describe(permission, verbs);
        if (permission.resource().equals("pods/ephemeralcontainers")) {
            return text + EPHEMERAL;
        }
        boolean changesOnly = !verbs.contains("create");
        return permission.resource().equals("pods") && permission.apiGroup().isEmpty() && changesOnly ? text + IMAGE_ONLY : text;
    }

    @Override
    protected Severity grade(RuleSite site, List<String> granted) {
        return site.boundClusterWide() ? Severity.HIGH : Severity.MEDIUM;
    }
}
