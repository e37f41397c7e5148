package dev.kubeward.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.LabelSelector;
import java.util.List;

/**
 * The admissionregistration.k8s.io API objects an admission policy is made of, after the API
 * server's defaulting (failurePolicy Fail, matchPolicy Equivalent, empty selectors, scope "*").
 * Immutable values; {@code source} is the object as written, for locating its fields.
 */
public final class PolicyModel {
    private PolicyModel() {}

    /** A NamedRuleWithOperations. */
    public record Rule(List<String> operations, List<String> apiGroups, List<String> apiVersions,
            List<String> resources, String scope, List<String> resourceNames) {}

    /** MatchResources: selectors default to {} (match everything), matchPolicy to Equivalent. */
    public record MatchResources(LabelSelector namespaceSelector, LabelSelector objectSelector, List<Rule> resourceRules,
            List<Rule> excludeResourceRules, String matchPolicy) {}

    public record ParamKind(String apiVersion, String kind) {
        public String group() {
            int slash = apiVersion.indexOf('/');
            return slash < 0 ? "" : apiVersion.substring(0, slash);
        }

        @Override
        public String toString() {
            return apiVersion + ", Kind=" + kind;
        }
    }

    public record ParamRef(String name, String namespace, LabelSelector selector, String parameterNotFoundAction) {}

    public record Validation(String expression, String message, String messageExpression, String reason) {}

    public record Variable(String name, String expression) {}

    public record AuditAnnotation(String key, String valueExpression) {}

    public record MatchCondition(String name, String expression) {}

    /** A ValidatingAdmissionPolicy. */
    public record ValidatingPolicy(String name, ParamKind paramKind, MatchResources matchConstraints,
            List<Validation> validations, String failurePolicy, List<AuditAnnotation> auditAnnotations,
            List<MatchCondition> matchConditions, List<Variable> variables, JsonNode source) {}

    /** A ValidatingAdmissionPolicyBinding; {@code matchResources} null when the binding does not narrow. */
    public record ValidatingBinding(String name, String policyName, ParamRef paramRef, MatchResources matchResources,
            List<String> validationActions, JsonNode source) {}

    /** One JSONPatch or ApplyConfiguration mutation of a MutatingAdmissionPolicy. */
    public record Mutation(String patchType, String expression) {}

    /** A MutatingAdmissionPolicy. */
    public record MutatingPolicy(String name, ParamKind paramKind, MatchResources matchConstraints,
            List<Mutation> mutations, String failurePolicy, List<MatchCondition> matchConditions,
            List<Variable> variables, String reinvocationPolicy, JsonNode source) {}

    public record MutatingBinding(String name, String policyName, ParamRef paramRef, MatchResources matchResources,
            JsonNode source) {}

    /** A policy object the API server would refuse, with the field and why. */
    public record Problem(String object, JsonPath path, String message) {
        @Override
        public String toString() {
            return object + ": " + path + ": " + message;
        }
    }
}
