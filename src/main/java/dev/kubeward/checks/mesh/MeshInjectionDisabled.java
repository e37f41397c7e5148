package dev.kubeward.checks.mesh;

import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.PodTemplate;
import dev.kubeward.model.Resource;
import java.util.List;

@CheckInfo(
        id = "mesh-injection-disabled",
        title = "Service mesh sidecar injection disabled",
        severity = Severity.MEDIUM,
        category = "Service mesh",
        description = "In an input that uses a service mesh (Istio or Linkerd objects, or a namespace or pod template "
                + "that asks for injection), a namespace is labelled istio-injection: disabled or annotated "
                + "sidecar.istio.io/inject: \"false\" or linkerd.io/inject: disabled, or a pod template opts out "
                + "with sidecar.istio.io/inject: \"false\" (label or annotation) or linkerd.io/inject: disabled. "
                + "The control-plane namespaces (kube-system, kube-public, kube-node-lease, istio-system, linkerd*) "
                + "are not reported.",
        rationale = "A pod outside the mesh sends and receives plain text, carries no workload identity and escapes "
                + "the mesh's authorization policies; under PERMISSIVE mTLS its traffic is silently accepted.",
        remediation = "Remove the opt-out and let the pods be injected; when a workload truly cannot run a sidecar "
                + "(host network, some jobs), isolate it with NetworkPolicies and document the exception.",
        nsaCisa = "Network separation and hardening: network policies",
        mitre = {"T1557", "T1040"})
public final class MeshInjectionDisabled implements Check {
    @Override
    public void check(Resource r, CheckContext context, FindingSink sink) {
        if (Mesh.isSystemNamespace(Mesh.isNamespace(r) ? r.name() : namespaceOf(r))) {
            return;
        }
        // Static pods are never injected: the kubelet runs them without admission webhooks.
        List<PodTemplate> pods = context.inventory().podTemplates(r).stream().filter(p -> !p.isStatic()).toList();
        if (!Mesh.isNamespace(r) && pods.isEmpty()) {
            return;
        }
        if (!Mesh.isMeshed(context.inventory())) {
            return;
        }
        if (Mesh.isNamespace(r)) {
            checkNamespace(r, sink);
        } else {
            pods.forEach(pod -> checkPod(pod, sink));
        }
    }

    private static String namespaceOf(Resource r) {
        return r.namespace() == null ? "default" : r.namespace();
    }

    private static void checkNamespace(Resource ns, FindingSink sink) {
        JsonPath labels = JsonPath.of("metadata", "labels");
        JsonPath annotations = JsonPath.of("metadata", "annotations");
        String where = "namespace " + ns.name();
        if ("disabled".equals(ns.labels().get(Mesh.ISTIO_INJECTION_LABEL))) {
            sink.report(labels.key(Mesh.ISTIO_INJECTION_LABEL), where + " disables Istio sidecar injection");
        }
        if ("false".equals(ns.annotations().get(Mesh.ISTIO_SIDECAR_INJECT))) {
            sink.report(annotations.key(Mesh.ISTIO_SIDECAR_INJECT), where + " disables Istio sidecar injection");
        }
        if ("disabled".equals(ns.annotations().get(Mesh.LINKERD_INJECT))) {
            sink.report(annotations.key(Mesh.LINKERD_INJECT), where + " disables Linkerd proxy injection");
        }
    }

    private static void checkPod(PodTemplate pod, FindingSink sink) {
        String who = pod.owner().displayName();
        if ("false".equals(Mesh.podLabels(pod).get(Mesh.ISTIO_SIDECAR_INJECT))) {
            sink.report(pod.metadataPath().key("labels").key(Mesh.ISTIO_SIDECAR_INJECT),
                    who + " opts its pods out of Istio sidecar injection");
        }
        if ("false".equals(pod.annotations().get(Mesh.ISTIO_SIDECAR_INJECT))) {
            sink.report(pod.annotationPath(Mesh.ISTIO_SIDECAR_INJECT),
                    who + " opts its pods out of Istio sidecar injection");
        }
        if ("disabled".equals(pod.annotations().get(Mesh.LINKERD_INJECT))) {
            sink.report(pod.annotationPath(Mesh.LINKERD_INJECT), who + " opts its pods out of Linkerd proxy injection");
        }
    }
}
