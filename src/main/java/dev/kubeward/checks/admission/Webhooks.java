package dev.kubeward.checks.admission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.model.Json;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The webhooks of Validating- and MutatingWebhookConfigurations (admissionregistration.k8s.io v1
 * and v1beta1), with the API's defaults and the rule that tells a security webhook apart.
 */
final class Webhooks {
    static final String GROUP = "admissionregistration.k8s.io";
    static final Set<String> KINDS = Set.of("ValidatingWebhookConfiguration", "MutatingWebhookConfiguration");

    /**
     * Names of policy and admission-security engines, matched as parts of the webhook's name, the
     * configuration's name or the service's name: Kyverno, OPA Gatekeeper and OPA itself, Polaris,
     * kubeward, Kubewarden, jsPolicy, Datree, the Sigstore policy-controller, Connaisseur, Ratify and
     * the Pod Security Admission webhook.
     */
    static final List<String> ENGINES = List.of("kyverno", "gatekeeper", "openpolicyagent", "polaris", "kubeward",
            "kubewarden", "jspolicy", "datree", "sigstore", "connaisseur", "ratify", "pod-security-webhook");
    /** Words that make any webhook a policy or security one. */
    static final Set<String> WORDS = Set.of("policy", "policies", "security", "opa", "psp");

    /** One webhook of a configuration. */
    record Webhook(Resource configuration, JsonNode node, JsonPath path) {
        String name() {
            String n = Json.text(node.get("name"));
            return n == null ? "#" + path.segments().get(path.segments().size() - 1) : n;
        }

        boolean mutating() {
            return configuration.kind().startsWith("Mutating");
        }

        /** failurePolicy as the API server defaults it: Fail in v1, Ignore in v1beta1. */
        String failurePolicy() {
            String fp = Json.text(node.get("failurePolicy"));
            if (fp != null) {
                return fp;
            }
            return configuration.apiVersion().endsWith("/v1beta1") ? "Ignore" : "Fail";
        }

        boolean failurePolicyWritten() {
            return Json.text(node.get("failurePolicy")) != null;
        }

        JsonNode service() {
            return node.path("clientConfig").path("service");
        }

        String describe() {
            return (mutating() ? "mutating" : "validating") + " webhook " + name() + " of " + configuration.displayName();
        }

        /** Which name made it a security webhook, or null. */
        String securityMarker() {
            List<String> names = new ArrayList<>();
            names.add(name());
            if (configuration.name() != null) {
                names.add(configuration.name());
            }
            String service = Json.text(service().get("name"));
            if (service != null) {
                names.add(service);
            }
            for (String n : names) {
                String lower = n.toLowerCase(Locale.ROOT);
                for (String engine : ENGINES) {
                    if (lower.contains(engine)) {
                        return n;
                    }
                }
                for (String word : lower.split("[^a-z0-9]+")) {
                    if (WORDS.contains(word)) {
                        return n;
                    }
                }
            }
            return null;
        }
    }

    private Webhooks() {}

    static boolean isConfiguration(Resource r) {
        return KINDS.contains(r.kind()) && r.group().equals(GROUP);
    }

    static List<Webhook> of(Resource r) {
        List<Webhook> out = new ArrayList<>();
        if (!isConfiguration(r)) {
            return out;
        }
        JsonNode list = r.object().path("webhooks");
        if (!list.isArray()) {
            return out; // the API server rejects it; nothing to judge
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).isObject()) {
                out.add(new Webhook(r, list.get(i), JsonPath.of("webhooks").index(i)));
            }
        }
        return out;
    }
}
