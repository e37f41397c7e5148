package dev.kubeward.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Falco's k8saudit rules (falcosecurity/plugins, plugins/k8saudit/rules/k8s_audit_rules.yaml)
 * that have no kubeward detection, each with why; every other rule is named by a detection's
 * {@code falco}. docs/detections.md lists both.
 */
public final class FalcoRules {
    private FalcoRules() {}

    private static final String ACTIVITY = "one of Falco's activity rules (priority INFO, 'kactivity'): it reports every "
            + "successful create or delete of the kind, an activity record rather than a detection. The audit log is that "
            + "record; kubeward alerts on what is dangerous in it (object-check, secret-read, system-role-change …).";

    public static final Map<String, String> WITHOUT_DETECTION = withoutDetection();

    private static Map<String, String> withoutDetection() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Disallowed K8s User", "fires on every request by a user whose name is not on one fixed list: an inventory "
                + "of user names rather than a threat. kubeward's allow lists are per detection instead.");
        m.put("Create Disallowed Namespace", "fires on every namespace created outside a fixed list (by default kube-system, "
                + "kube-public, default), that is on every new namespace: activity, not a threat.");
        m.put("ClusterRole With Write Privileges Created", "any of create, update, patch, delete, deletecollection on any "
                + "resource matches nearly every role. The RBAC checks that name the writes that matter "
                + "(rbac-workload-create, rbac-persistentvolume-create and those in object-check's default list) run as "
                + "object rules; add them to runtime.objectChecks.");
        for (String kind : List.of("Deployment", "Service", "ConfigMap", "Namespace", "Serviceaccount", "Role", "ClusterRole",
                "RoleBinding", "ClusterRoleBinding", "Secret")) {
            m.put("K8s " + kind + " Created", ACTIVITY);
            m.put("K8s " + kind + " Deleted", ACTIVITY);
        }
        m.put("All K8s Audit Events", "disabled in Falco (consider_all_events is never true): it prints every event.");
        m.put("Full K8s Administrative Access", "disabled in Falco by default (allowed_full_admin_users is always true): it "
                + "matches a few default administrator user names, not what they do.");
        m.put("Untrusted Node Successfully Joined the Cluster", "disabled in Falco by default (allow_all_k8s_nodes is always "
                + "true): it judges node registration by a fixed list of node names. Node credentials are issued by CSR "
                + "approval, which csr-approval watches.");
        m.put("Untrusted Node Unsuccessfully Tried to Join the Cluster", "disabled in Falco by default, as the rule above.");
        return java.util.Collections.unmodifiableMap(m);
    }
}
