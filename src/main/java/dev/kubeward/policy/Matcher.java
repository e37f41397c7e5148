package dev.kubeward.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.model.Json;
import dev.kubeward.model.LabelSelector;
import dev.kubeward.policy.AdmissionRequest.Gvk;
import dev.kubeward.policy.AdmissionRequest.Gvr;
import dev.kubeward.policy.PolicyModel.MatchResources;
import dev.kubeward.policy.PolicyModel.Rule;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a request falls under a policy's matchConstraints or a binding's matchResources,
 * exactly as k8s.io/apiserver/pkg/admission/plugin/policy/matching/matching.go decides it with
 * the webhook predicates (rules/rules.go, namespace/matcher.go, object/matcher.go).
 */
public final class Matcher {
    private Matcher() {}

    /** The outcome: whether it matches, the resource and kind it matched as, or an error. */
    public record Outcome(boolean matches, Gvr resource, Gvk kind, String error) {
        static final Outcome NO = new Outcome(false, null, null, null);

        static Outcome error(String e) {
            return new Outcome(false, null, null, e);
        }
    }

    private static final Gvr NAMESPACES = new Gvr("", "v1", "namespaces");

    public static Outcome matches(MatchResources criteria, AdmissionRequest req, PolicyContext ctx) {
        String nsError = null;
        boolean nsMatch;
        try {
            nsMatch = matchNamespaceSelector(criteria.namespaceSelector(), req, ctx);
        } catch (NotFound e) {
            nsMatch = false;
            nsError = e.getMessage();
        }
        if (!nsMatch && nsError == null) {
            return Outcome.NO;
        }
        if (!matchObjectSelector(criteria.objectSelector(), req)) {
            return Outcome.NO;
        }
        Outcome excluded = matchesRules(criteria.excludeResourceRules(), criteria.matchPolicy(), req, ctx);
        if (excluded.matches() || excluded.error() != null) {
            return excluded.error() != null ? Outcome.error(excluded.error()) : Outcome.NO;
        }
        Outcome m;
        if (criteria.resourceRules().isEmpty()) {
            m = new Outcome(true, req.resource(), req.kind(), null);
        } else {
            m = matchesRules(criteria.resourceRules(), criteria.matchPolicy(), req, ctx);
        }
        if (m.error() != null) {
            return m;
        }
        if (!m.matches()) {
            return Outcome.NO;
        }
        if (nsError != null) {
            return Outcome.error(nsError);
        }
        return m;
    }

    private static final class NotFound extends Exception {
        private static final long serialVersionUID = 1L;

        NotFound(String m) {
            super(m, null, false, false);
        }
    }

    /** namespace.Matcher.MatchNamespaceSelector. */
    static boolean matchNamespaceSelector(LabelSelector selector, AdmissionRequest req, PolicyContext ctx) throws NotFound {
        String ns = req.namespace();
        if (ns.isEmpty() && !req.resource().resource().equals("namespaces")) {
            // A cluster-scoped resource other than a namespace is never exempted by a namespace selector.
            return true;
        }
        if (selector.isEmpty()) {
            return true;
        }
        Map<String, String> labels;
        if (req.resource().resource().equals("namespaces") && req.subResource().isEmpty()
                && (req.operation().equals("CREATE") || req.operation().equals("UPDATE"))) {
            // Creating or updating a namespace: its labels come from the object itself.
            labels = Json.stringMap(req.object() == null ? null : req.object().path("metadata").path("labels"));
        } else {
            Optional<JsonNode> namespace = ctx.namespace(ns);
            if (namespace.isEmpty()) {
                throw new NotFound("namespaces \"" + ns + "\" not found");
            }
            labels = Json.stringMap(namespace.get().path("metadata").path("labels"));
        }
        return selector.matches(labels);
    }

    /** object.Matcher.MatchObjectSelector: the object's or the old object's labels. */
    static boolean matchObjectSelector(LabelSelector selector, AdmissionRequest req) {
        if (selector.isEmpty()) {
            return true;
        }
        return matchObject(req.object(), selector) || matchObject(req.oldObject(), selector);
    }

    private static boolean matchObject(JsonNode obj, LabelSelector selector) {
        if (obj == null || obj.isNull()) {
            return false;
        }
        return selector.matches(Json.stringMap(obj.path("metadata").path("labels")));
    }

    /** matching.go matchesResourceRules, with matchPolicy Equivalent's second pass. */
    static Outcome matchesRules(List<Rule> rules, String matchPolicy, AdmissionRequest req, PolicyContext ctx) {
        for (Rule r : rules) {
            if (!ruleMatches(r, req, req.resource())) {
                continue;
            }
            if (r.resourceNames().isEmpty() || r.resourceNames().contains(req.name())) {
                return new Outcome(true, req.resource(), req.kind(), null);
            }
        }
        if (matchPolicy == null || matchPolicy.equals("Exact")) {
            return Outcome.NO;
        }
        List<Gvr> equivalents = ctx.equivalents(req.resource(), req.subResource());
        for (Rule r : rules) {
            for (Gvr eq : equivalents) {
                if (eq.equals(req.resource())) {
                    continue;
                }
                if (!ruleMatches(r, req, eq)) {
                    continue;
                }
                Optional<Gvk> kind = ctx.kindFor(eq, req.subResource());
                if (kind.isEmpty()) {
                    return Outcome.error("unable to convert to " + eq + ": unknown kind");
                }
                if (r.resourceNames().isEmpty() || r.resourceNames().contains(req.name())) {
                    return new Outcome(true, eq, kind.get(), null);
                }
            }
        }
        return Outcome.NO;
    }

    /** rules.Matcher.Matches for the request seen as {@code resource}. */
    static boolean ruleMatches(Rule rule, AdmissionRequest req, Gvr resource) {
        return scope(rule, req, resource) && operation(rule, req) && exactOrWildcard(rule.apiGroups(), resource.group())
                && exactOrWildcard(rule.apiVersions(), resource.version()) && resource(rule, resource, req.subResource());
    }

    private static boolean exactOrWildcard(List<String> items, String requested) {
        for (String i : items) {
            if (i.equals("*") || i.equals(requested)) {
                return true;
            }
        }
        return false;
    }

    private static boolean scope(Rule rule, AdmissionRequest req, Gvr resource) {
        switch (rule.scope() == null ? "*" : rule.scope()) {
            case "*":
                return true;
            case "Namespaced":
                // A namespace object is cluster-scoped even though its request carries a namespace.
                return !resource.equals(NAMESPACES) && !req.namespace().isEmpty();
            case "Cluster":
                return resource.equals(NAMESPACES) || req.namespace().isEmpty();
            default:
                return false;
        }
    }

    private static boolean operation(Rule rule, AdmissionRequest req) {
        for (String op : rule.operations()) {
            if (op.equals("*") || op.equals(req.operation())) {
                return true;
            }
        }
        return false;
    }

    private static boolean resource(Rule rule, Gvr resource, String subResource) {
        for (String r : rule.resources()) {
            int slash = r.indexOf('/');
            String res = slash < 0 ? r : r.substring(0, slash);
            String sub = slash < 0 ? "" : r.substring(slash + 1);
            boolean resMatch = res.equals("*") || res.equals(resource.resource());
            boolean subMatch = sub.equals("*") || sub.equals(subResource);
            if (resMatch && subMatch) {
                return true;
            }
        }
        return false;
    }

    /** rules.IsExemptAdmissionConfigurationResource: policies never apply to the admission configuration itself. */
    public static boolean isExemptAdmissionConfiguration(Gvk kind) {
        if (!kind.group().equals("admissionregistration.k8s.io")) {
            return false;
        }
        return switch (kind.kind()) {
            case "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "ValidatingAdmissionPolicy",
                    "ValidatingAdmissionPolicyBinding", "MutatingAdmissionPolicy", "MutatingAdmissionPolicyBinding" -> true;
            default -> false;
        };
    }
}
