package dev.kubeward.checks.mesh;

import dev.kubeward.model.Inventory;
import dev.kubeward.model.PodTemplate;
import dev.kubeward.model.Resource;
import java.util.Map;
import java.util.Set;

/** Facts about Istio and Linkerd objects, labels and annotations that the mesh checks share. */
final class Mesh {
    private Mesh() {}

    /** Istio's root namespace in a default installation (meshConfig.rootNamespace). */
    static final String ISTIO_ROOT_NAMESPACE = "istio-system";
    static final String ISTIO_INJECTION_LABEL = "istio-injection";
    static final String ISTIO_REVISION_LABEL = "istio.io/rev";
    /** A pod label since Istio 1.10, still honoured as an annotation; "false" opts the pod out. */
    static final String ISTIO_SIDECAR_INJECT = "sidecar.istio.io/inject";
    /** A namespace or pod template annotation: enabled, ingress or disabled. */
    static final String LINKERD_INJECT = "linkerd.io/inject";

    /** Namespaces of the control planes and of Kubernetes itself, which are not meshed on purpose. */
    private static final Set<String> SYSTEM_NAMESPACES = Set.of("kube-system", "kube-public", "kube-node-lease",
            ISTIO_ROOT_NAMESPACE);

    private static final Object MESHED_KEY = new Object();

    static boolean isIstio(Resource r) {
        return r.group().equals("istio.io") || r.group().endsWith(".istio.io");
    }

    static boolean isLinkerd(Resource r) {
        return r.group().equals("linkerd.io") || r.group().endsWith(".linkerd.io");
    }

    static boolean isNamespace(Resource r) {
        return r.kind().equals("Namespace") && r.apiVersion().equals("v1");
    }

    static boolean isSystemNamespace(String namespace) {
        return namespace != null && (SYSTEM_NAMESPACES.contains(namespace) || namespace.startsWith("linkerd"));
    }

    /**
     * Whether the input describes a meshed application: Istio or Linkerd objects, or a namespace or
     * pod template that asks for injection. Computed once per scan.
     */
    static boolean isMeshed(Inventory inventory) {
        return inventory.derived(MESHED_KEY, inv -> inv.all().stream().anyMatch(r -> signalsMesh(r, inv)));
    }

    private static boolean signalsMesh(Resource r, Inventory inventory) {
        if (isIstio(r) || isLinkerd(r)) {
            return true;
        }
        if (isNamespace(r)) {
            Map<String, String> labels = r.labels();
            return "enabled".equals(labels.get(ISTIO_INJECTION_LABEL)) || labels.containsKey(ISTIO_REVISION_LABEL)
                    || linkerdInjects(r.annotations());
        }
        return inventory.podTemplates(r).stream().anyMatch(pod -> "true".equals(podLabels(pod).get(ISTIO_SIDECAR_INJECT))
                || "true".equals(pod.annotations().get(ISTIO_SIDECAR_INJECT))
                || linkerdInjects(pod.annotations()));
    }

    private static boolean linkerdInjects(Map<String, String> annotations) {
        String v = annotations.get(LINKERD_INJECT);
        return "enabled".equals(v) || "ingress".equals(v);
    }

    static Map<String, String> podLabels(PodTemplate pod) {
        return dev.kubeward.model.Json.stringMap(pod.metadata().path("labels"));
    }
}
