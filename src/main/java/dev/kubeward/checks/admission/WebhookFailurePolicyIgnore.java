package dev.kubeward.checks.admission;

import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.Resource;

@CheckInfo(
        id = "webhook-failure-policy-ignore",
        title = "Security webhook fails open",
        severity = Severity.HIGH,
        category = "Admission control",
        description = "A validating or mutating webhook that enforces policy has failurePolicy Ignore, written or "
                + "defaulted (admissionregistration.k8s.io/v1beta1 defaults to Ignore, v1 to Fail). A webhook is a "
                + "policy webhook when its name, its configuration's name or its service's name contains the name of "
                + "a policy engine (kyverno, gatekeeper, openpolicyagent, polaris, kubeward, kubewarden, jspolicy, "
                + "datree, sigstore, connaisseur, ratify, pod-security-webhook) or has the word policy, policies, "
                + "security, opa or psp.",
        rationale = "With Ignore, the API server admits every request the webhook does not answer in time: whoever "
                + "can slow or stop the policy engine (a crash loop, a node drain, a flood of requests) switches the "
                + "policy off, and a rejected workload is admitted as if no policy existed.",
        remediation = "Set failurePolicy: Fail, run the engine highly available (replicas, a PodDisruptionBudget), and "
                + "exclude the namespaces it must not block (kube-system, its own) with a namespaceSelector.",
        nsaCisa = "Pod security: pod security enforcement",
        mitre = {"T1562.001"})
public final class WebhookFailurePolicyIgnore implements Check {
    @Override
    public void check(Resource r, CheckContext context, FindingSink sink) {
        for (Webhooks.Webhook w : Webhooks.of(r)) {
            String marker = w.securityMarker();
            if (marker == null || !"Ignore".equals(w.failurePolicy())) {
                continue;
            }
            String how = w.failurePolicyWritten() ? "has failurePolicy: Ignore"
                    : "has no failurePolicy, and " + r.apiVersion() + " defaults it to Ignore";
            sink.report(w.failurePolicyWritten() ? w.path().key("failurePolicy") : w.path(),
                    w.describe() + " enforces policy (" + marker + ") but " + how
                            + ": when it does not answer, the API server admits the request unchecked");
        }
    }
}
