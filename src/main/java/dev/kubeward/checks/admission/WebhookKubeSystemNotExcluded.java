package dev.kubeward.checks.admission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.Json;
import dev.kubeward.model.LabelSelector;
import dev.kubeward.model.Resource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

@CheckInfo(
        id = "webhook-kube-system-not-excluded",
        title = "Webhook intercepts kube-system",
        severity = Severity.MEDIUM,
        category = "Admission control",
        description = "A validating or mutating webhook has a rule for namespaced objects (scope * or Namespaced) and "
                + "nothing keeps kube-system out of it: its namespaceSelector matches kube-system's labels (those of the "
                + "kube-system Namespace in the input, plus kubernetes.io/metadata.name: kube-system, which the API "
                + "server sets), its objectSelector matches objects without labels, and no matchConditions expression "
                + "names kube-system. Medium when failurePolicy is Fail (written or defaulted), low when Ignore.",
        rationale = "The Kubernetes admission webhook good practices: rejecting or mutating kube-system requests can stop "
                + "control-plane components; with failurePolicy Fail, a webhook whose own pods or whose DNS cannot be "
                + "scheduled blocks the very pods that would bring it back (a deadlock that needs manual repair).",
        remediation = "Add a namespaceSelector term such as kubernetes.io/metadata.name NotIn [kube-system] (and the "
                + "webhook's own namespace), or a matchCondition that skips kube-system.",
        nsaCisa = "Network separation and hardening: control plane hardening")
public final class WebhookKubeSystemNotExcluded implements Check {
    static final String NAME_LABEL = "kubernetes.io/metadata.name";

    @Override
    public void check(Resource r, CheckContext context, FindingSink sink) {
        for (Webhooks.Webhook w : Webhooks.of(r)) {
            if (!interceptsNamespaced(w.node()) || excludesKubeSystem(w.node(), kubeSystemLabels(context))) {
                continue;
            }
            boolean fail = "Fail".equals(w.failurePolicy());
            sink.report(w.path(), fail ? Severity.MEDIUM : Severity.LOW, w.describe() + " intercepts kube-system "
                    + "(its namespaceSelector, objectSelector and matchConditions do not exclude it"
                    + (context.inventory().find("Namespace", null, "kube-system").isEmpty()
                            ? ", going by the labels the API server gives kube-system" : "")
                    + ")" + (fail ? " with failurePolicy Fail: if the webhook is down, kube-system pods cannot be created"
                            : ""));
        }
    }

    /** Whether a rule covers namespaced objects: scope "*" (the default) or "Namespaced". */
    static boolean interceptsNamespaced(JsonNode webhook) {
        JsonNode rules = Json.array(webhook, "rules");
        for (JsonNode rule : rules == null ? List.<JsonNode>of() : rules) {
            String scope = Json.text(rule.get("scope"));
            if (scope == null || scope.equals("*") || scope.equals("Namespaced")) {
                return true;
            }
        }
        return false;
    }

    static boolean excludesKubeSystem(JsonNode webhook, Map<String, String> kubeSystemLabels) {
        JsonNode ns = Json.field(webhook, "namespaceSelector");
        if (ns != null && ns.isObject() && !LabelSelector.parse(ns).matches(kubeSystemLabels)) {
            return true;
        }
        JsonNode objects = Json.field(webhook, "objectSelector");
        if (objects != null && objects.isObject() && !LabelSelector.parse(objects).matches(Map.of())) {
            return true; // only labelled objects are sent: kube-system's objects do not opt in
        }
        JsonNode conditions = Json.array(webhook, "matchConditions");
        for (JsonNode c : conditions == null ? List.<JsonNode>of() : conditions) {
            String expression = Json.text(c.get("expression"));
            if (expression != null && expression.contains("kube-system")) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, String> kubeSystemLabels(CheckContext context) {
        Map<String, String> labels = new HashMap<>();
        context.inventory().find("Namespace", null, "kube-system").ifPresent(n -> labels.putAll(n.labels()));
        labels.put(NAME_LABEL, "kube-system");
        return labels;
    }
}
