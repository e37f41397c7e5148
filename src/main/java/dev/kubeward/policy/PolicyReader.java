package dev.kubeward.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.model.Json;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.LabelSelector;
import dev.kubeward.policy.PolicyModel.AuditAnnotation;
import dev.kubeward.policy.PolicyModel.MatchCondition;
import dev.kubeward.policy.PolicyModel.MatchResources;
import dev.kubeward.policy.PolicyModel.MutatingBinding;
import dev.kubeward.policy.PolicyModel.MutatingPolicy;
import dev.kubeward.policy.PolicyModel.Mutation;
import dev.kubeward.policy.PolicyModel.ParamKind;
import dev.kubeward.policy.PolicyModel.ParamRef;
import dev.kubeward.policy.PolicyModel.Problem;
import dev.kubeward.policy.PolicyModel.Rule;
import dev.kubeward.policy.PolicyModel.ValidatingBinding;
import dev.kubeward.policy.PolicyModel.ValidatingPolicy;
import dev.kubeward.policy.PolicyModel.Validation;
import dev.kubeward.policy.PolicyModel.Variable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads admissionregistration.k8s.io/v1 (and v1beta1, v1alpha1) policies and bindings the way
 * the API server admits them: defaults applied as its defaulting does, and the field rules of
 * pkg/apis/admissionregistration/validation/validation.go checked, each violation a
 * {@link Problem} naming the field. Expressions are compiled separately, by {@link PolicySet}.
 */
public final class PolicyReader {
    public static final String GROUP = "admissionregistration.k8s.io";
    public static final Set<String> VERSIONS = Set.of("v1", "v1beta1", "v1alpha1");

    private static final Set<String> OPERATIONS = Set.of("*", "CREATE", "UPDATE", "DELETE", "CONNECT");
    private static final Set<String> SCOPES = Set.of("*", "Cluster", "Namespaced");
    private static final Set<String> REASONS = Set.of("Unauthorized", "Forbidden", "Invalid", "RequestEntityTooLarge");
    private static final Set<String> ACTIONS = Set.of("Deny", "Warn", "Audit");
    private static final Pattern CEL_IDENT = Pattern.compile("^[_a-zA-Z][_a-zA-Z0-9]*$");
    private static final Set<String> CEL_RESERVED = Set.of("true", "false", "null", "in", "as", "break", "const",
            "continue", "else", "for", "function", "if", "import", "let", "loop", "package", "namespace", "return",
            "var", "void", "while");
    private static final Pattern QUALIFIED_NAME = Pattern.compile("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
    private static final int MAX_AUDIT_ANNOTATIONS = 20;
    private static final int MAX_VALUE_EXPRESSION = 5 * 1024;

    private final List<Problem> problems = new ArrayList<>();
    private String object;

    public List<Problem> problems() {
        return problems;
    }

    /** True for the kinds this reader reads. */
    public static boolean isPolicyKind(String apiVersion, String kind) {
        if (apiVersion == null || !apiVersion.startsWith(GROUP + "/") || !VERSIONS.contains(apiVersion.substring(GROUP.length() + 1))) {
            return false;
        }
        return switch (kind) {
            case "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding", "MutatingAdmissionPolicy",
                    "MutatingAdmissionPolicyBinding" -> true;
            default -> false;
        };
    }

    private void problem(JsonPath path, String message) {
        problems.add(new Problem(object, path, message));
    }

    private List<String> strings(JsonNode n, JsonPath path) {
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull() || n.isMissingNode()) {
            return out;
        }
        if (!n.isArray()) {
            problem(path, "must be a list of strings");
            return out;
        }
        for (int i = 0; i < n.size(); i++) {
            JsonNode e = n.get(i);
            if (!e.isTextual()) {
                problem(path.index(i), "must be a string");
            } else {
                out.add(e.textValue());
            }
        }
        return out;
    }

    private String name(JsonNode root, String kind) {
        String n = Json.text(root.path("metadata").path("name"));
        object = kind + " " + (n == null ? "(unnamed)" : n);
        if (n == null || n.isEmpty()) {
            problem(JsonPath.of("metadata", "name"), "Required value: name or generateName is required");
        } else if (n.length() > 253 || !DNS_SUBDOMAIN.matcher(n).matches()) {
            problem(JsonPath.of("metadata", "name"), "Invalid value: \"" + n + "\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character");
        }
        return n == null ? "" : n;
    }

    // ------------------------------------------------------------------ policies

    public ValidatingPolicy validatingPolicy(JsonNode root) {
        String name = name(root, "ValidatingAdmissionPolicy");
        JsonNode spec = root.path("spec");
        JsonPath sp = JsonPath.of("spec");
        String failurePolicy = failurePolicy(spec, sp);
        ParamKind paramKind = paramKind(spec.get("paramKind"), sp.key("paramKind"));
        MatchResources mc = null;
        if (!spec.has("matchConstraints") || spec.get("matchConstraints").isNull()) {
            problem(sp.key("matchConstraints"), "Required value");
        } else {
            mc = matchResources(spec.get("matchConstraints"), sp.key("matchConstraints"));
            if (mc.resourceRules().isEmpty()) {
                problem(sp.key("matchConstraints").key("resourceRules"), "Required value");
            }
        }
        List<MatchCondition> conditions = matchConditions(spec.get("matchConditions"), sp.key("matchConditions"));
        List<Variable> variables = variables(spec.get("variables"), sp.key("variables"));
        List<Validation> validations = new ArrayList<>();
        JsonNode vs = spec.get("validations");
        if (vs != null && vs.isArray()) {
            for (int i = 0; i < vs.size(); i++) {
                validations.add(validation(vs.get(i), sp.key("validations").index(i)));
            }
        } else if (vs != null && !vs.isNull()) {
            problem(sp.key("validations"), "must be a list");
        }
        List<AuditAnnotation> audits = new ArrayList<>();
        JsonNode as = spec.get("auditAnnotations");
        if (as != null && as.isArray()) {
            if (as.size() > MAX_AUDIT_ANNOTATIONS) {
                problem(sp.key("auditAnnotations"), "must not have more than " + MAX_AUDIT_ANNOTATIONS + " auditAnnotations");
            }
            Set<String> keys = new HashSet<>();
            for (int i = 0; i < as.size(); i++) {
                JsonPath p = sp.key("auditAnnotations").index(i);
                JsonNode a = as.get(i);
                String key = Json.text(a.path("key"));
                String value = Json.text(a.path("valueExpression"));
                if (key == null || !qualified(name + "/" + key)) {
                    problem(p.key("key"), "Invalid value: \"" + (key == null ? "" : key)
                            + "\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character");
                }
                if (key != null && !keys.add(key)) {
                    problem(p.key("key"), "Duplicate value: \"" + key + "\"");
                }
                if (value == null || value.isBlank()) {
                    problem(p.key("valueExpression"), "Required value: valueExpression is not specified");
                } else if (value.trim().length() > MAX_VALUE_EXPRESSION) {
                    problem(p.key("valueExpression"), "Required value: must not exceed " + MAX_VALUE_EXPRESSION + " bytes in length");
                }
                audits.add(new AuditAnnotation(key == null ? "" : key, value == null ? "" : value.trim()));
            }
        }
        if (validations.isEmpty() && audits.isEmpty()) {
            problem(sp.key("validations"), "Required value: validations or auditAnnotations must contain at least one item");
        }
        return new ValidatingPolicy(name, paramKind, mc, List.copyOf(validations), failurePolicy, List.copyOf(audits),
                conditions, variables, root);
    }

    public MutatingPolicy mutatingPolicy(JsonNode root) {
        String name = name(root, "MutatingAdmissionPolicy");
        JsonNode spec = root.path("spec");
        JsonPath sp = JsonPath.of("spec");
        String failurePolicy = failurePolicy(spec, sp);
        ParamKind paramKind = paramKind(spec.get("paramKind"), sp.key("paramKind"));
        MatchResources mc = null;
        if (!spec.has("matchConstraints") || spec.get("matchConstraints").isNull()) {
            problem(sp.key("matchConstraints"), "Required value");
        } else {
            mc = matchResources(spec.get("matchConstraints"), sp.key("matchConstraints"));
            if (mc.resourceRules().isEmpty()) {
                problem(sp.key("matchConstraints").key("resourceRules"), "Required value");
            }
        }
        List<MatchCondition> conditions = matchConditions(spec.get("matchConditions"), sp.key("matchConditions"));
        List<Variable> variables = variables(spec.get("variables"), sp.key("variables"));
        List<Mutation> mutations = new ArrayList<>();
        JsonNode ms = spec.path("mutations");
        if (!ms.isArray() || ms.isEmpty()) {
            problem(sp.key("mutations"), "Required value: mutations must contain at least one item");
        } else {
            for (int i = 0; i < ms.size(); i++) {
                JsonPath p = sp.key("mutations").index(i);
                JsonNode m = ms.get(i);
                String type = Json.text(m.path("patchType"));
                String expr;
                if ("JSONPatch".equals(type)) {
                    expr = Json.text(m.path("jsonPatch").path("expression"));
                } else if ("ApplyConfiguration".equals(type)) {
                    expr = Json.text(m.path("applyConfiguration").path("expression"));
                } else {
                    problem(p.key("patchType"), "Unsupported value: \"" + (type == null ? "" : type) + "\": supported values: \"ApplyConfiguration\", \"JSONPatch\"");
                    continue;
                }
                if (expr == null || expr.isBlank()) {
                    problem(p.key("JSONPatch".equals(type) ? "jsonPatch" : "applyConfiguration").key("expression"), "Required value");
                    continue;
                }
                mutations.add(new Mutation(type, expr));
            }
        }
        String reinvocation = Json.text(spec.path("reinvocationPolicy"));
        if (reinvocation == null) {
            reinvocation = "Never";
        } else if (!reinvocation.equals("Never") && !reinvocation.equals("IfNeeded")) {
            problem(sp.key("reinvocationPolicy"), "Unsupported value: \"" + reinvocation + "\": supported values: \"IfNeeded\", \"Never\"");
        }
        return new MutatingPolicy(name, paramKind, mc, List.copyOf(mutations), failurePolicy, conditions, variables,
                reinvocation, root);
    }

    private String failurePolicy(JsonNode spec, JsonPath sp) {
        String fp = Json.text(spec.get("failurePolicy"));
        if (fp == null) {
            return "Fail";
        }
        if (!fp.equals("Fail") && !fp.equals("Ignore")) {
            problem(sp.key("failurePolicy"), "Unsupported value: \"" + fp + "\": supported values: \"Fail\", \"Ignore\"");
        }
        return fp;
    }

    private ParamKind paramKind(JsonNode n, JsonPath p) {
        if (n == null || n.isNull()) {
            return null;
        }
        String apiVersion = Json.text(n.get("apiVersion"));
        String kind = Json.text(n.get("kind"));
        if (apiVersion == null || apiVersion.isEmpty()) {
            problem(p.key("apiVersion"), "Required value");
        } else if (apiVersion.chars().filter(c -> c == '/').count() > 1) {
            problem(p.key("apiVersion"), "Invalid value: \"" + apiVersion + "\": unexpected GroupVersion string: " + apiVersion);
        } else if (apiVersion.endsWith("/")) {
            problem(p.key("apiVersion"), "Invalid value: \"" + apiVersion + "\": version must be specified");
        }
        if (kind == null || kind.isEmpty()) {
            problem(p.key("kind"), "Required value");
        }
        return new ParamKind(apiVersion == null ? "" : apiVersion, kind == null ? "" : kind);
    }

    private boolean qualified(String value) {
        String[] parts = value.split("/", -1);
        String nm;
        if (parts.length == 1) {
            nm = parts[0];
        } else if (parts.length == 2) {
            if (parts[0].isEmpty() || parts[0].length() > 253 || !DNS_SUBDOMAIN.matcher(parts[0]).matches()) {
                return false;
            }
            nm = parts[1];
        } else {
            return false;
        }
        return !nm.isEmpty() && nm.length() <= 63 && QUALIFIED_NAME.matcher(nm).matches();
    }

    private List<MatchCondition> matchConditions(JsonNode n, JsonPath p) {
        List<MatchCondition> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            problem(p, "must be a list");
            return out;
        }
        if (n.size() > 64) {
            problem(p, "Too many: " + n.size() + ": must have at most 64 items");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < n.size(); i++) {
            JsonNode c = n.get(i);
            String name = Json.text(c.path("name"));
            String expr = Json.text(c.path("expression"));
            if (name == null || name.isEmpty()) {
                problem(p.index(i).key("name"), "Required value");
            } else if (!qualified(name)) {
                problem(p.index(i).key("name"), "Invalid value: \"" + name + "\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character");
            } else if (!names.add(name)) {
                problem(p.index(i).key("name"), "Duplicate value: \"" + name + "\"");
            }
            if (expr == null || expr.isBlank()) {
                problem(p.index(i).key("expression"), "Required value");
                expr = "";
            }
            out.add(new MatchCondition(name == null ? "" : name, expr.trim()));
        }
        return List.copyOf(out);
    }

    private List<Variable> variables(JsonNode n, JsonPath p) {
        List<Variable> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            problem(p, "must be a list");
            return out;
        }
        for (int i = 0; i < n.size(); i++) {
            JsonNode v = n.get(i);
            String name = Json.text(v.path("name"));
            String expr = Json.text(v.path("expression"));
            if (name == null || name.isBlank()) {
                problem(p.index(i).key("name"), "Required value: name is not specified");
                name = "";
            } else if (!CEL_IDENT.matcher(name).matches() || CEL_RESERVED.contains(name)) {
                problem(p.index(i).key("name"), "Invalid value: \"" + name + "\": name is not a valid CEL identifier");
            }
            if (expr == null || expr.isBlank()) {
                problem(p.index(i).key("expression"), "Required value: expression is not specified");
                expr = "";
            }
            out.add(new Variable(name, expr));
        }
        return List.copyOf(out);
    }

    private Validation validation(JsonNode v, JsonPath p) {
        String expr = Json.text(v.path("expression"));
        String message = Json.text(v.path("message"));
        String messageExpression = Json.text(v.path("messageExpression"));
        String reason = Json.text(v.path("reason"));
        if (expr == null || expr.isBlank()) {
            problem(p.key("expression"), "Required value: expression is not specified");
            expr = "";
        }
        if (messageExpression != null && !messageExpression.isEmpty() && messageExpression.isBlank()) {
            problem(p.key("messageExpression"), "Invalid value: must be non-empty if specified");
        }
        if (message != null && !message.isEmpty() && message.isBlank()) {
            problem(p.key("message"), "Invalid value: message must be non-empty if specified");
        } else if (message != null && (message.trim().contains("\n") || message.trim().contains("\r"))) {
            problem(p.key("message"), "Invalid value: message must not contain line breaks");
        }
        if (reason != null && !REASONS.contains(reason)) {
            problem(p.key("reason"), "Unsupported value: \"" + reason + "\": supported values: \"Forbidden\", \"Invalid\", \"RequestEntityTooLarge\", \"Unauthorized\"");
        }
        return new Validation(expr, message, messageExpression == null || messageExpression.isBlank() ? null : messageExpression, reason);
    }

    // ------------------------------------------------------------------ match resources

    MatchResources matchResources(JsonNode n, JsonPath p) {
        String matchPolicy = Json.text(n.get("matchPolicy"));
        if (matchPolicy == null) {
            matchPolicy = "Equivalent";
        } else if (!matchPolicy.equals("Exact") && !matchPolicy.equals("Equivalent")) {
            problem(p.key("matchPolicy"), "Unsupported value: \"" + matchPolicy + "\": supported values: \"Equivalent\", \"Exact\"");
        }
        LabelSelector ns = selector(n.get("namespaceSelector"), p.key("namespaceSelector"));
        LabelSelector obj = selector(n.get("objectSelector"), p.key("objectSelector"));
        List<Rule> rules = rules(n.get("resourceRules"), p.key("resourceRules"));
        List<Rule> excludes = rules(n.get("excludeResourceRules"), p.key("excludeResourceRules"));
        return new MatchResources(ns, obj, rules, excludes, matchPolicy);
    }

    /** A metav1.LabelSelector, validated as metav1validation.ValidateLabelSelector does; absent is {}. */
    LabelSelector selector(JsonNode n, JsonPath p) {
        if (n == null || n.isNull()) {
            return new LabelSelector(java.util.Map.of(), List.of());
        }
        if (!n.isObject()) {
            problem(p, "must be a label selector");
            return new LabelSelector(java.util.Map.of(), List.of(new LabelSelector.Requirement("", LabelSelector.Operator.IN, Set.of())));
        }
        JsonNode exprs = n.path("matchExpressions");
        for (int i = 0; i < exprs.size(); i++) {
            JsonNode e = exprs.get(i);
            String op = Json.text(e.path("operator"));
            int values = e.path("values").size();
            JsonPath ep = p.key("matchExpressions").index(i);
            if (op == null || !Set.of("In", "NotIn", "Exists", "DoesNotExist").contains(op)) {
                problem(ep.key("operator"), "Invalid value: \"" + (op == null ? "" : op) + "\": not a valid selector operator");
            } else if ((op.equals("In") || op.equals("NotIn")) && values == 0) {
                problem(ep.key("values"), "Required value: must be specified when `operator` is 'In' or 'NotIn'");
            } else if ((op.equals("Exists") || op.equals("DoesNotExist")) && values > 0) {
                problem(ep.key("values"), "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
            }
            String key = Json.text(e.path("key"));
            if (key == null || !qualified(key)) {
                problem(ep.key("key"), "Invalid value: \"" + (key == null ? "" : key) + "\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character");
            }
        }
        return LabelSelector.parse(n);
    }

    private List<Rule> rules(JsonNode n, JsonPath p) {
        List<Rule> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            problem(p, "must be a list");
            return out;
        }
        for (int i = 0; i < n.size(); i++) {
            JsonNode r = n.get(i);
            JsonPath rp = p.index(i);
            List<String> ops = strings(r.get("operations"), rp.key("operations"));
            List<String> groups = strings(r.get("apiGroups"), rp.key("apiGroups"));
            List<String> versions = strings(r.get("apiVersions"), rp.key("apiVersions"));
            List<String> resources = strings(r.get("resources"), rp.key("resources"));
            List<String> names = strings(r.get("resourceNames"), rp.key("resourceNames"));
            String scope = Json.text(r.get("scope"));
            if (scope == null) {
                scope = "*";
            } else if (!SCOPES.contains(scope)) {
                problem(rp.key("scope"), "Unsupported value: \"" + scope + "\": supported values: \"*\", \"Cluster\", \"Namespaced\"");
            }
            if (ops.isEmpty()) {
                problem(rp.key("operations"), "Required value");
            }
            for (int j = 0; j < ops.size(); j++) {
                if (!OPERATIONS.contains(ops.get(j))) {
                    problem(rp.key("operations").index(j), "Unsupported value: \"" + ops.get(j) + "\": supported values: \"*\", \"CONNECT\", \"CREATE\", \"DELETE\", \"UPDATE\"");
                }
            }
            if (ops.size() > 1 && ops.contains("*")) {
                problem(rp.key("operations"), "Invalid value: if '*' is present, must not specify other operations");
            }
            wildcardAlone(groups, rp.key("apiGroups"), "apiGroups");
            wildcardAlone(versions, rp.key("apiVersions"), "apiVersions");
            if (groups.isEmpty()) {
                problem(rp.key("apiGroups"), "Required value");
            }
            if (versions.isEmpty()) {
                problem(rp.key("apiVersions"), "Required value");
            }
            if (resources.isEmpty()) {
                problem(rp.key("resources"), "Required value");
            }
            Set<String> seenNames = new LinkedHashSet<>();
            for (int j = 0; j < names.size(); j++) {
                if (!seenNames.add(names.get(j))) {
                    problem(rp.key("resourceNames").index(j), "Duplicate value: \"" + names.get(j) + "\"");
                }
            }
            out.add(new Rule(ops, groups, versions, resources, scope, names));
        }
        return List.copyOf(out);
    }

    private void wildcardAlone(List<String> values, JsonPath p, String field) {
        if (values.size() > 1 && values.contains("*")) {
            problem(p, "Invalid value: if '*' is present, must not specify other " + field);
        }
    }

    // ------------------------------------------------------------------ bindings

    public ValidatingBinding validatingBinding(JsonNode root) {
        String name = name(root, "ValidatingAdmissionPolicyBinding");
        JsonNode spec = root.path("spec");
        JsonPath sp = JsonPath.of("spec");
        String policyName = bindingPolicyName(spec, sp);
        ParamRef ref = paramRef(spec.get("paramRef"), sp.key("paramRef"));
        MatchResources mr = spec.has("matchResources") && !spec.get("matchResources").isNull()
                ? matchResources(spec.get("matchResources"), sp.key("matchResources")) : null;
        List<String> actions = strings(spec.get("validationActions"), sp.key("validationActions"));
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < actions.size(); i++) {
            String a = actions.get(i);
            if (!ACTIONS.contains(a)) {
                problem(sp.key("validationActions").index(i), "Unsupported value: \"" + a + "\": supported values: \"Audit\", \"Deny\", \"Warn\"");
            }
            if (!seen.add(a)) {
                problem(sp.key("validationActions").index(i), "Duplicate value: \"" + a + "\"");
            }
        }
        if (seen.contains("Deny") && seen.contains("Warn")) {
            problem(sp.key("validationActions"), "Invalid value: must not contain both Deny and Warn (repeating the same validation failure information in the API response and headers serves no purpose)");
        }
        if (seen.isEmpty()) {
            problem(sp.key("validationActions"), "Required value: at least one validation action is required");
        }
        return new ValidatingBinding(name, policyName, ref, mr, List.copyOf(actions), root);
    }

    public MutatingBinding mutatingBinding(JsonNode root) {
        String name = name(root, "MutatingAdmissionPolicyBinding");
        JsonNode spec = root.path("spec");
        JsonPath sp = JsonPath.of("spec");
        String policyName = bindingPolicyName(spec, sp);
        ParamRef ref = paramRef(spec.get("paramRef"), sp.key("paramRef"));
        MatchResources mr = spec.has("matchResources") && !spec.get("matchResources").isNull()
                ? matchResources(spec.get("matchResources"), sp.key("matchResources")) : null;
        return new MutatingBinding(name, policyName, ref, mr, root);
    }

    private String bindingPolicyName(JsonNode spec, JsonPath sp) {
        String policyName = Json.text(spec.get("policyName"));
        if (policyName == null || policyName.isEmpty()) {
            problem(sp.key("policyName"), "Required value");
            return "";
        }
        return policyName;
    }

    private ParamRef paramRef(JsonNode n, JsonPath p) {
        if (n == null || n.isNull()) {
            return null;
        }
        String name = Json.text(n.get("name"));
        String namespace = Json.text(n.get("namespace"));
        LabelSelector sel = n.has("selector") && !n.get("selector").isNull() ? selector(n.get("selector"), p.key("selector")) : null;
        String action = Json.text(n.get("parameterNotFoundAction"));
        if (name != null && !name.isEmpty() && sel != null) {
            problem(p.key("name"), "Forbidden: name and selector are mutually exclusive");
        }
        if ((name == null || name.isEmpty()) && sel == null) {
            problem(p, "Required value: one of name or selector must be specified");
        }
        if (action == null || action.isEmpty()) {
            problem(p.key("parameterNotFoundAction"), "Required value");
        } else if (!action.equals("Deny") && !action.equals("Allow")) {
            problem(p.key("parameterNotFoundAction"), "Unsupported value: \"" + action + "\": supported values: \"Deny\", \"Allow\"");
        }
        return new ParamRef(name == null || name.isEmpty() ? null : name, namespace == null || namespace.isEmpty() ? null : namespace,
                sel, action);
    }
}
