package dev.kubeward.checks.workload;

import dev.kubeward.model.Json;
import dev.kubeward.model.PodTemplate;

/** Which service account a pod runs as. */
final class ServiceAccounts {
    private ServiceAccounts() {}

    /** serviceAccountName, else the deprecated serviceAccount, else "default", as the API server defaults it. */
    static String nameOf(PodTemplate pod) {
        String n = Json.text(pod.spec().get("serviceAccountName"));
        if (n == null || n.isEmpty()) {
            n = Json.text(pod.spec().get("serviceAccount"));
        }
        return n == null || n.isEmpty() ? "default" : n;
    }
}
