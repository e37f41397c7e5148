package dev.kubeward.checks.network;

import dev.kubeward.model.Json;
import dev.kubeward.model.Resource;

/** Which objects are built-in Services and Ingresses (a CRD may reuse either kind name). */
final class Services {
    private Services() {}

    static boolean isService(Resource r) {
        return r.kind().equals("Service") && r.apiVersion().equals("v1");
    }

    /** The service type; absent means ClusterIP, the API default. */
    static String type(Resource service) {
        String type = Json.text(service.object().path("spec").get("type"));
        return type == null || type.isEmpty() ? "ClusterIP" : type;
    }

    /** Ingress in every version that had the same spec.rules and spec.tls. */
    static boolean isIngress(Resource r) {
        return r.kind().equals("Ingress") && (r.group().equals("networking.k8s.io") || r.group().equals("extensions"));
    }
}
