package dev.kubeward.audit;

import java.util.List;

/**
 * The requests an audit log must show to reconstruct an attack on a cluster, after the events
 * Falco's Kubernetes audit rules and the NSA/CISA hardening guide watch for: RBAC changes,
 * shells into pods, new pods and CronJobs, workload and node changes, token requests and secret
 * reads. Each is made by a person and, where policies commonly filter by group, by a service
 * account, so a rule that silences a whole group shows up.
 */
public final class AuditCatalog {
    private AuditCatalog() {}

    /** The person and the service account the catalogue's requests are made by (the runtime coverage probes too). */
    public static final String PERSON = "jane";
    public static final List<String> PERSON_GROUPS = List.of("developers", "system:authenticated");
    public static final String SERVICE_ACCOUNT = "system:serviceaccount:shop:web";
    public static final List<String> SERVICE_ACCOUNT_GROUPS = List.of("system:serviceaccounts", "system:serviceaccounts:shop",
            "system:authenticated");

    private static final String RBAC = "rbac.authorization.k8s.io";

    public static final List<SecurityEvent> EVENTS = List.of(
            required("rbac-clusterrolebinding-create", "ClusterRoleBinding created (who was granted which role)",
                    person("create", RBAC, "clusterrolebindings", "", null), AuditLevel.REQUEST),
            required("rbac-rolebinding-create", "RoleBinding created in a namespace",
                    person("create", RBAC, "rolebindings", "shop", null), AuditLevel.REQUEST),
            required("rbac-clusterrole-change", "ClusterRole rules changed",
                    person("patch", RBAC, "clusterroles", "", "edit"), AuditLevel.METADATA),
            required("pod-exec", "Shell into a pod (kubectl exec)",
                    person("create", "", "pods/exec", "shop", "web-0"), AuditLevel.METADATA),
            required("pod-exec-by-service-account", "Shell into a pod with a service account's token",
                    serviceAccount("create", "", "pods/exec", "shop", "web-0"), AuditLevel.METADATA),
            required("pod-attach", "Attach to a running container (kubectl attach)",
                    person("create", "", "pods/attach", "shop", "web-0"), AuditLevel.METADATA),
            required("pod-portforward", "Port-forward into a pod",
                    person("create", "", "pods/portforward", "shop", "web-0"), AuditLevel.METADATA),
            required("pod-debug-container", "Ephemeral debug container added (kubectl debug)",
                    person("patch", "", "pods/ephemeralcontainers", "shop", "web-0"), AuditLevel.METADATA),
            required("pod-create", "Pod created (privileged and hostPath pods show only in the request body)",
                    person("create", "", "pods", "shop", null), AuditLevel.REQUEST),
            required("cronjob-create", "CronJob created (a common persistence technique)",
                    person("create", "batch", "cronjobs", "shop", null), AuditLevel.METADATA),
            required("cronjob-change", "CronJob changed",
                    person("patch", "batch", "cronjobs", "shop", "nightly"), AuditLevel.METADATA),
            required("deployment-change", "Deployment changed (image or pod template swapped)",
                    person("patch", "apps", "deployments", "shop", "web"), AuditLevel.METADATA),
            required("deployment-scale", "Workload scaled",
                    person("patch", "apps", "deployments/scale", "shop", "web"), AuditLevel.METADATA),
            required("serviceaccount-token-request", "Service-account token requested (TokenRequest)",
                    sensitive(person("create", "", "serviceaccounts/token", "shop", "web")), AuditLevel.METADATA),
            required("node-change", "Node changed (labels and taints steer workloads)",
                    person("patch", "", "nodes", "", "node-1"), AuditLevel.METADATA),
            required("secret-read", "Secret read",
                    sensitive(person("get", "", "secrets", "shop", "db-credentials")), AuditLevel.METADATA),
            required("secret-list-by-service-account", "Secrets listed with a service account's token",
                    sensitive(serviceAccount("list", "", "secrets", "shop", null)), AuditLevel.METADATA),
            probe("secret-write", "Secret created or updated",
                    person("update", "", "secrets", "shop", "db-credentials")),
            probe("configmap-write", "ConfigMap written (often holds credentials by mistake)",
                    person("update", "", "configmaps", "shop", "web-config")),
            probe("tokenreview-create", "TokenReview created (the body carries a bearer token)",
                    serviceAccount("create", "authentication.k8s.io", "tokenreviews", "", null)));

    /** The required events, the ones a policy must not drop. */
    public static List<SecurityEvent> required() {
        return EVENTS.stream().filter(SecurityEvent::required).toList();
    }

    private record Probe(AuditRequest request, boolean sensitive) {}

    private static Probe person(String verb, String group, String resource, String namespace, String name) {
        return new Probe(AuditRequest.resource(PERSON, PERSON_GROUPS, verb, group, resource, namespace, name), false);
    }

    private static Probe serviceAccount(String verb, String group, String resource, String namespace, String name) {
        return new Probe(AuditRequest.resource(SERVICE_ACCOUNT, SERVICE_ACCOUNT_GROUPS, verb, group, resource, namespace,
                name), false);
    }

    private static Probe sensitive(Probe p) {
        return new Probe(p.request(), true);
    }

    private static SecurityEvent required(String id, String title, Probe p, AuditLevel needed) {
        return new SecurityEvent(id, title, p.request(), needed, true, p.sensitive());
    }

    /** Not required to be logged, but its body is secret: checked only for leaks. */
    private static SecurityEvent probe(String id, String title, Probe p) {
        return new SecurityEvent(id, title, p.request(), AuditLevel.NONE, false, true);
    }
}
