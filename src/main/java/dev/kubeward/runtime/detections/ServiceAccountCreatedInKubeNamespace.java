package dev.kubeward.runtime.detections;

import dev.kubeward.audit.AuditLevel;
import dev.kubeward.audit.AuditStage;
import dev.kubeward.check.Severity;
import dev.kubeward.runtime.AlertSink;
import dev.kubeward.runtime.Allow;
import dev.kubeward.runtime.AuditEvent;
import dev.kubeward.runtime.Detection;
import dev.kubeward.runtime.DetectionContext;
import dev.kubeward.runtime.DetectionInfo;
import dev.kubeward.runtime.Events;
import java.util.List;
import java.util.Set;

@DetectionInfo(id = "serviceaccount-created-in-kube-namespace", title = "Service account created in kube-system or kube-public",
        severity = Severity.LOW,
        description = "A service account create that succeeded in kube-system or kube-public, by a user outside the "
                + "allow list, for a name that is not one of the control plane's own (the controllers' accounts, "
                + "coredns): an account there is a quiet place to bind permissions.",
        response = "Find out what the account is for and which bindings name it (kubeward rbac who-can).",
        mitre = {"T1136"}, falco = {"Service Account Created in Kube Namespace"}, level = AuditLevel.METADATA,
        stages = {AuditStage.RESPONSE_COMPLETE})
public final class ServiceAccountCreatedInKubeNamespace implements Detection {
    /** Falco's known_sa_list: the accounts the control plane and kubeadm's add-ons create. */
    static final Set<String> KNOWN = Set.of("coredns", "coredns-autoscaler", "cronjob-controller", "daemon-set-controller",
            "deployment-controller", "disruption-controller", "endpoint-controller", "endpointslice-controller",
            "endpointslicemirroring-controller", "generic-garbage-collector", "horizontal-pod-autoscaler", "job-controller",
            "namespace-controller", "node-controller", "persistent-volume-binder", "pod-garbage-collector",
            "pv-protection-controller", "pvc-protection-controller", "replicaset-controller", "resourcequota-controller",
            "root-ca-cert-publisher", "service-account-controller", "statefulset-controller", "kube-proxy", "default");

    @Override
    public void detect(AuditEvent e, DetectionContext context, AlertSink sink) {
        if (!e.succeeded() || !e.verb().equals("create") || !Events.targets(e, "", "serviceaccounts")
                || !PodCreatedInKubeNamespace.NAMESPACES.contains(e.objectRef().namespace())) {
            return;
        }
        String name = Events.name(e);
        if (!KNOWN.contains(name)) {
            sink.alert(Events.actor(e) + " created service account " + Events.object(e));
        }
    }

    @Override
    public List<Watch> watches() {
        return List.of(Watch.person("create", "", "serviceaccounts", "kube-system", null, AuditLevel.METADATA));
    }
}
