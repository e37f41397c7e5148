package dev.kubeward.checks.workload;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.check.PodCheck;
import dev.kubeward.model.Field;
import dev.kubeward.model.Json;
import dev.kubeward.model.PodTemplate;
import dev.kubeward.model.Resource;
import java.util.Optional;

@CheckInfo(
        id = "service-account-token-automount",
        title = "Service account token mounted",
        severity = Severity.MEDIUM,
        category = "Service accounts",
        description = "The pod gets an API token mounted: automountServiceAccountToken is not false on the pod, "
                + "nor on its ServiceAccount when that object is in the input (the pod's field wins when set). "
                + "Static pods are skipped: the kubelet runs them without a service account or token.",
        rationale = "A mounted token lets anyone who compromises the container call the Kubernetes API with the "
                + "service account's permissions; most applications never call the API.",
        remediation = "Set automountServiceAccountToken: false on the pod or its ServiceAccount, and mount a "
                + "projected token only into pods that need one.",
        cis = "5.1.6",
        nsaCisa = "Pod security: protecting pod service account tokens",
        mitre = "T1528")
public final class ServiceAccountTokenAutomount extends PodCheck {
    @Override
    protected void checkPod(PodTemplate pod, CheckContext context, FindingSink sink) {
        if (pod.isStatic()) {
            return; // no ServiceAccount admission for static pods: nothing mounts a token
        }
        Field podField = pod.specField("automountServiceAccountToken");
        if (podField.present() && podField.value().isBoolean()) {
            if (podField.value().booleanValue()) {
                sink.report(podField.path(), "the pod sets automountServiceAccountToken: true");
            }
            return;
        }
        String saName = ServiceAccounts.nameOf(pod);
        Optional<Resource> sa = context.inventory().find("ServiceAccount", pod.owner().namespace(), saName);
        if (sa.isPresent() && Json.isFalse(sa.get().object().get("automountServiceAccountToken"))) {
            return;
        }
        String where = sa.isPresent()
                ? "ServiceAccount " + saName + " does not disable it either"
                : "ServiceAccount " + saName + " is not in " + context.inventory().place();
        sink.report(pod.specPath(), "the pod mounts the API token of service account " + saName
                + " (automountServiceAccountToken is not false; " + where + ")");
    }
}
