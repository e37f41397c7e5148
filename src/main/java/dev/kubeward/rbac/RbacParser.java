package dev.kubeward.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.model.FieldError;
import dev.kubeward.model.Json;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.LabelSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads Kubernetes objects (already parsed to Jackson trees) into the engine's records.
 * Kinds other than Role, ClusterRole, RoleBinding, ClusterRoleBinding, ServiceAccount and
 * service-account-token Secrets are skipped; {@code kind: List} documents are unpacked.
 *
 * <p>An object the API server would refuse is left out of the result and reported as a
 * {@link ParseProblem} naming the offending field, never thrown, so that one bad document does not
 * hide the rest of a cluster's policy. The API server refuses a field of the wrong JSON type (the
 * object does not decode: {@code verbs: get} is a string, not a list) and whatever its validation
 * rejects ({@code ValidateRole}, {@code ValidateClusterRole}, {@code ValidatePolicyRule},
 * {@code ValidateRoleBinding}, {@code ValidateClusterRoleBinding} and
 * {@code ValidateRoleBindingSubject} in kubernetes/kubernetes {@code pkg/apis/rbac/validation},
 * after the defaulting of {@code pkg/apis/rbac/v1/defaults.go}; {@code ValidateSecret} for token
 * Secrets). Such an object does not exist in a cluster, so it grants nothing, and a binding
 * naming a rejected role dangles.
 */
public final class RbacParser {

    static final String RBAC_GROUP = "rbac.authorization.k8s.io";
    static final String TOKEN_SECRET_TYPE = "kubernetes.io/service-account-token";
    static final String TOKEN_SA_ANNOTATION = "kubernetes.io/service-account.name";
    private static final Set<String> SUBJECT_KINDS = Set.of(Subject.USER, Subject.GROUP, Subject.SERVICE_ACCOUNT);

    private final String defaultNamespace;

    /** @param defaultNamespace namespace assumed for namespaced objects that omit it, as kubectl does */
    public RbacParser(String defaultNamespace) {
        this.defaultNamespace = defaultNamespace;
    }

    public RbacParser() {
        this("default");
    }

    /** What one document yielded. */
    public record Result(List<RbacObject> objects, List<ParseProblem> problems) {}

    public Result parse(JsonNode document, Object source) {
        List<RbacObject> objects = new ArrayList<>();
        List<ParseProblem> problems = new ArrayList<>();
        parseInto(document, source, "", objects, problems);
        return new Result(List.copyOf(objects), List.copyOf(problems));
    }

    private void parseInto(JsonNode node, Object source, String basePath, List<RbacObject> objects, List<ParseProblem> problems) {
        if (node == null || !node.isObject()) {
            return;
        }
        String kind = node.path("kind").asText("");
        if (kind.endsWith("List") && node.path("items").isArray()) {
            JsonNode items = node.get("items");
            for (int i = 0; i < items.size(); i++) {
                parseInto(items.path(i), source, RbacObject.join(basePath, "items[" + i + "]"), objects, problems);
            }
            return;
        }
        Context context = new Context(source, basePath, problems, kind);
        RbacObject parsed = switch (kind) {
            case "Role" -> parseRole(node, RoleKind.ROLE, context);
            case "ClusterRole" -> parseRole(node, RoleKind.CLUSTER_ROLE, context);
            case "RoleBinding" -> parseBinding(node, BindingKind.ROLE_BINDING, context);
            case "ClusterRoleBinding" -> parseBinding(node, BindingKind.CLUSTER_ROLE_BINDING, context);
            case "ServiceAccount" -> parseServiceAccount(node, context);
            case "Secret" -> parseTokenSecret(node, context);
            default -> null;
        };
        if (parsed != null && !context.rejected) {
            objects.add(parsed);
        }
    }

    /** Where problems go and how paths are prefixed while reading one object. */
    private static final class Context {
        final Object source;
        final String basePath;
        final List<ParseProblem> problems;
        final String kind;
        String name;
        boolean rejected;

        Context(Object source, String basePath, List<ParseProblem> problems, String kind) {
            this.source = source;
            this.basePath = basePath;
            this.problems = problems;
            this.kind = kind;
        }

        String path(String relative) {
            return RbacObject.join(basePath, relative);
        }

        /** A problem the API server refuses the object for: the object is left out. */
        void reject(String relative, String message) {
            rejected = true;
            problems.add(new ParseProblem(source, path(relative), who() + relative + ": " + message
                    + "; the API server rejects the object, so it grants nothing"));
        }

        /** A problem that leaves the object usable (the part named is ignored). */
        void note(String relative, String message) {
            problems.add(new ParseProblem(source, path(relative), who() + relative + ": " + message));
        }

        private String who() {
            return kind + (name == null ? "" : " " + name) + ": ";
        }
    }

    private Role parseRole(JsonNode node, RoleKind kind, Context context) {
        String name = requiredName(node, context);
        Map<String, String> labels = Objects.requireNonNullElse(
                stringMap(node.path("metadata").path("labels"), "metadata.labels", context), Map.of());
        String namespace = kind == RoleKind.ROLE ? namespaceOf(node, context) : null;
        List<Rule> rules = new ArrayList<>();
        JsonNode rulesNode = node.path("rules");
        if (isList(rulesNode, "rules", context)) {
            for (int i = 0; i < rulesNode.size(); i++) {
                Rule rule = parseRule(rulesNode.path(i), i, kind == RoleKind.ROLE, context);
                if (rule != null) {
                    rules.add(rule);
                }
            }
        }
        AggregationRule aggregation = null;
        JsonNode aggregationNode = node.path("aggregationRule");
        if (kind == RoleKind.ROLE && aggregationNode.isObject()) {
            context.note("aggregationRule", "aggregationRule is only meaningful on a ClusterRole; ignored");
        } else if (kind == RoleKind.CLUSTER_ROLE && !isAbsent(aggregationNode)) {
            aggregation = parseAggregation(aggregationNode, context);
        }
        if (name == null) {
            return null;
        }
        return new Role(new RoleKey(kind, namespace, name), labels, rules, aggregation, context.source, context.basePath);
    }

    private Rule parseRule(JsonNode rule, int index, boolean namespaced, Context context) {
        String at = "rules[" + index + "]";
        if (!rule.isObject()) {
            context.reject(at, "a rule must be an object, not " + typeOf(rule));
            return null;
        }
        List<String> verbs = strings(rule.path("verbs"), at + ".verbs", context);
        List<String> apiGroups = strings(rule.path("apiGroups"), at + ".apiGroups", context);
        List<String> resources = strings(rule.path("resources"), at + ".resources", context);
        List<String> resourceNames = strings(rule.path("resourceNames"), at + ".resourceNames", context);
        List<String> urls = strings(rule.path("nonResourceURLs"), at + ".nonResourceURLs", context);
        if (verbs == null || apiGroups == null || resources == null || resourceNames == null || urls == null) {
            return null;
        }
        // ValidatePolicyRule, in its order.
        if (verbs.isEmpty()) {
            context.reject(at + ".verbs", "verbs must contain at least one value");
        }
        if (!urls.isEmpty()) {
            if (namespaced) {
                context.reject(at + ".nonResourceURLs", "namespaced rules cannot apply to non-resource URLs");
            }
            if (!apiGroups.isEmpty() || !resources.isEmpty() || !resourceNames.isEmpty()) {
                context.reject(at + ".nonResourceURLs", "rules cannot apply to both regular resources and non-resource URLs");
            }
        } else {
            if (apiGroups.isEmpty()) {
                context.reject(at + ".apiGroups", "resource rules must supply at least one api group");
            }
            if (resources.isEmpty()) {
                context.reject(at + ".resources", "resource rules must supply at least one resource");
            }
        }
        return new Rule(verbs, apiGroups, resources, resourceNames, urls, index, context.path(at));
    }

    private AggregationRule parseAggregation(JsonNode aggregation, Context context) {
        if (!aggregation.isObject()) {
            context.reject("aggregationRule", "must be an object, not " + typeOf(aggregation));
            return null;
        }
        JsonNode selectorNodes = aggregation.path("clusterRoleSelectors");
        if (!isList(selectorNodes, "aggregationRule.clusterRoleSelectors", context)) {
            return null;
        }
        if (selectorNodes.isEmpty()) {
            context.reject("aggregationRule.clusterRoleSelectors",
                    "at least one clusterRoleSelector required if aggregationRule is non-nil");
            return null;
        }
        List<LabelSelector> selectors = new ArrayList<>();
        for (int i = 0; i < selectorNodes.size(); i++) {
            LabelSelector selector = parseSelector(selectorNodes.path(i), "aggregationRule.clusterRoleSelectors[" + i + "]", context);
            if (selector != null) {
                selectors.add(selector);
            }
        }
        return new AggregationRule(selectors);
    }

    /**
     * A selector as the model reads and validates it everywhere ({@link LabelSelector#validate}:
     * the API server's ValidateLabelSelector, an unknown operator, values with Exists or
     * DoesNotExist or none with In or NotIn, bad label keys and values); the API server refuses a
     * ClusterRole whose selector fails it.
     */
    private LabelSelector parseSelector(JsonNode selector, String at, Context context) {
        List<FieldError> errors = LabelSelector.validate(selector, JsonPath.parse(at));
        for (FieldError error : errors) {
            context.reject(error.path().toString(), error.message());
        }
        return errors.isEmpty() ? LabelSelector.parse(selector) : null;
    }

    private Binding parseBinding(JsonNode node, BindingKind kind, Context context) {
        String name = requiredName(node, context);
        Map<String, String> labels = Objects.requireNonNullElse(
                stringMap(node.path("metadata").path("labels"), "metadata.labels", context), Map.of());
        String namespace = kind == BindingKind.ROLE_BINDING ? namespaceOf(node, context) : null;
        RoleRef roleRef = parseRoleRef(node.path("roleRef"), kind, context);
        List<Subject> subjects = new ArrayList<>();
        JsonNode subjectNodes = node.path("subjects");
        if (isList(subjectNodes, "subjects", context)) {
            for (int i = 0; i < subjectNodes.size(); i++) {
                Subject subject = parseSubject(subjectNodes.path(i), "subjects[" + i + "]", kind, context);
                // A rejected subject rejects the binding; keep the index of the others meanwhile.
                subjects.add(subject == null ? new Subject("", "", null) : subject);
            }
        }
        if (name == null || roleRef == null) {
            return null;
        }
        return new Binding(kind, namespace, name, labels, roleRef, subjects, context.source, context.basePath);
    }

    private RoleRef parseRoleRef(JsonNode roleRef, BindingKind kind, Context context) {
        if (!roleRef.isObject()) {
            context.reject("roleRef", isAbsent(roleRef) ? "required" : "must be a map, not " + typeOf(roleRef));
            return null;
        }
        String apiGroup = optionalText(roleRef.path("apiGroup"), "roleRef.apiGroup", context);
        String roleKind = optionalText(roleRef.path("kind"), "roleRef.kind", context);
        String roleName = optionalText(roleRef.path("name"), "roleRef.name", context);
        if (apiGroup == null || roleKind == null || roleName == null) {
            return null;
        }
        // SetDefaults_RoleBinding and SetDefaults_ClusterRoleBinding fill in an empty apiGroup.
        if (!apiGroup.isEmpty() && !apiGroup.equals(RBAC_GROUP)) {
            context.reject("roleRef.apiGroup", "unsupported value '" + apiGroup + "' (" + RBAC_GROUP + ")");
        }
        boolean kindValid = kind == BindingKind.ROLE_BINDING
                ? roleKind.equals("Role") || roleKind.equals("ClusterRole") : roleKind.equals("ClusterRole");
        if (!kindValid) {
            context.reject("roleRef.kind", "unsupported value '" + roleKind + "' ("
                    + (kind == BindingKind.ROLE_BINDING ? "Role or ClusterRole" : "ClusterRole") + ")");
        }
        if (roleName.isEmpty()) {
            context.reject("roleRef.name", "required");
        } else if (!isPathSegmentName(roleName)) {
            context.reject("roleRef.name", "'" + roleName + "' may not be '.' or '..' nor contain '/' or '%'");
        }
        return new RoleRef(apiGroup.isEmpty() ? RBAC_GROUP : apiGroup, roleKind, roleName);
    }

    /** ValidateRoleBindingSubject, after SetDefaults_Subject. */
    private Subject parseSubject(JsonNode subject, String at, BindingKind kind, Context context) {
        if (!subject.isObject()) {
            context.reject(at, "a subject must be an object, not " + typeOf(subject));
            return null;
        }
        String subjectKind = optionalText(subject.path("kind"), at + ".kind", context);
        String name = optionalText(subject.path("name"), at + ".name", context);
        String namespace = optionalText(subject.path("namespace"), at + ".namespace", context);
        String apiGroup = optionalText(subject.path("apiGroup"), at + ".apiGroup", context);
        if (subjectKind == null || name == null || namespace == null || apiGroup == null) {
            return null;
        }
        if (name.isEmpty()) {
            context.reject(at + ".name", "a subject needs a name");
        }
        if (!SUBJECT_KINDS.contains(subjectKind)) {
            context.reject(at + ".kind", "unsupported value '" + subjectKind + "' (ServiceAccount, User or Group)");
        } else if (subjectKind.equals(Subject.SERVICE_ACCOUNT)) {
            if (!apiGroup.isEmpty()) {
                context.reject(at + ".apiGroup", "unsupported value '" + apiGroup + "' (a ServiceAccount subject has apiGroup \"\")");
            }
            if (kind == BindingKind.CLUSTER_ROLE_BINDING && namespace.isEmpty()) {
                context.reject(at + ".namespace", "a ServiceAccount subject of a ClusterRoleBinding needs a namespace");
            }
        } else if (!apiGroup.isEmpty() && !apiGroup.equals(RBAC_GROUP)) {
            context.reject(at + ".apiGroup", "unsupported value '" + apiGroup + "' (" + RBAC_GROUP + ")");
        }
        return new Subject(subjectKind, name, namespace.isEmpty() ? null : namespace);
    }

    private ServiceAccount parseServiceAccount(JsonNode node, Context context) {
        String name = requiredName(node, context);
        String namespace = namespaceOf(node, context);
        return name == null ? null : new ServiceAccount(namespace, name, context.source, context.basePath);
    }

    private TokenSecret parseTokenSecret(JsonNode node, Context context) {
        if (!TOKEN_SECRET_TYPE.equals(Json.text(node.path("type")))) {
            return null;
        }
        String name = requiredName(node, context);
        String namespace = namespaceOf(node, context);
        Map<String, String> annotations = stringMap(node.path("metadata").path("annotations"), "metadata.annotations", context);
        if (name == null || annotations == null) {
            return null;
        }
        String serviceAccount = annotations.getOrDefault(TOKEN_SA_ANNOTATION, "");
        if (serviceAccount.isEmpty()) {
            context.reject("metadata.annotations", "a " + TOKEN_SECRET_TYPE + " Secret needs the " + TOKEN_SA_ANNOTATION
                    + " annotation");
            return null;
        }
        return new TokenSecret(namespace, name, serviceAccount, context.source, context.basePath);
    }

    /** metadata.name: required, and a valid path segment (ValidateRBACName is IsValidPathSegmentName). */
    private String requiredName(JsonNode node, Context context) {
        JsonNode metadata = node.path("metadata");
        if (!isAbsent(metadata) && !metadata.isObject()) {
            context.reject("metadata", "must be an object, not " + typeOf(metadata));
            return null;
        }
        String name = optionalText(metadata.path("name"), "metadata.name", context);
        if (name == null) {
            return null;
        }
        if (name.isEmpty()) {
            context.reject("metadata.name", "no metadata.name");
            return null;
        }
        context.name = name;
        if (!isPathSegmentName(name)) {
            context.reject("metadata.name", "'" + name + "' may not be '.' or '..' nor contain '/' or '%'");
        }
        return name;
    }

    private String namespaceOf(JsonNode node, Context context) {
        String namespace = optionalText(node.path("metadata").path("namespace"), "metadata.namespace", context);
        return namespace == null || namespace.isEmpty() ? defaultNamespace : namespace;
    }

    /** path.IsValidPathSegmentName: not "." or "..", and no "/" or "%". */
    private static boolean isPathSegmentName(String name) {
        return !name.equals(".") && !name.equals("..") && name.indexOf('/') < 0 && name.indexOf('%') < 0;
    }

    private static boolean isAbsent(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull();
    }

    /** True for a list (or nothing, which is an empty list); else the object is rejected. */
    private static boolean isList(JsonNode node, String at, Context context) {
        if (isAbsent(node) || node.isArray()) {
            return true;
        }
        context.reject(at, "must be a list, not " + typeOf(node));
        return false;
    }

    /** A list of strings ({@code []string}); empty when absent or null; null (and rejected) otherwise. */
    private static List<String> strings(JsonNode node, String at, Context context) {
        if (isAbsent(node)) {
            return List.of();
        }
        if (!node.isArray()) {
            context.reject(at, "must be a list of strings, not " + typeOf(node));
            return null;
        }
        // Duplicates are kept: the aggregation controller compares rules list for list.
        List<String> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode value = node.get(i);
            if (!value.isTextual()) {
                context.reject(at + "[" + i + "]", "must be a string, not " + typeOf(value));
                return null;
            }
            values.add(value.textValue());
        }
        return List.copyOf(values);
    }

    /** A string field: "" when absent or null, null (and rejected) when of another type. */
    private static String optionalText(JsonNode node, String at, Context context) {
        if (isAbsent(node)) {
            return "";
        }
        if (!node.isTextual()) {
            context.reject(at, "must be a string, not " + typeOf(node));
            return null;
        }
        return node.textValue();
    }

    /** A map of strings (labels, annotations); empty when absent, null (and rejected) when mistyped. */
    private static Map<String, String> stringMap(JsonNode node, String at, Context context) {
        if (isAbsent(node)) {
            return Map.of();
        }
        if (!node.isObject()) {
            context.reject(at, "must be a map of strings, not " + typeOf(node));
            return null;
        }
        var fields = node.fields();
        while (fields.hasNext()) {
            var entry = fields.next();
            if (!entry.getValue().isTextual()) {
                context.reject(JsonPath.parse(at).key(entry.getKey()).toString(), "must be a string, not " + typeOf(entry.getValue())
                        + " (quote it)");
                return null;
            }
        }
        return Json.stringMap(node);
    }

    /** The JSON type as a person writing YAML would name it. */
    private static String typeOf(JsonNode node) {
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "a map";
        }
        return "null";
    }
}
