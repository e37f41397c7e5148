package dev.kubeward.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.model.LabelSelector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Kubernetes objects (already parsed to Jackson trees) into the engine's records.
 * Kinds other than Role, ClusterRole, RoleBinding, ClusterRoleBinding, ServiceAccount and
 * service-account-token Secrets are skipped; {@code kind: List} documents are unpacked.
 * Malformed RBAC objects are reported as {@link ParseProblem}s rather than thrown, so that one
 * bad document does not hide the rest of a cluster's policy.
 */
public final class RbacParser {

    static final String RBAC_GROUP = "rbac.authorization.k8s.io";
    static final String TOKEN_SECRET_TYPE = "kubernetes.io/service-account-token";
    static final String TOKEN_SA_ANNOTATION = "kubernetes.io/service-account.name";
    /** The operators of metav1.LabelSelectorRequirement. */
    private static final Set<String> OPERATORS = Set.of("In", "NotIn", "Exists", "DoesNotExist");

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
        Context context = new Context(source, basePath, problems);
        RbacObject parsed = switch (kind) {
            case "Role" -> parseRole(node, RoleKind.ROLE, context);
            case "ClusterRole" -> parseRole(node, RoleKind.CLUSTER_ROLE, context);
            case "RoleBinding" -> parseBinding(node, BindingKind.ROLE_BINDING, context);
            case "ClusterRoleBinding" -> parseBinding(node, BindingKind.CLUSTER_ROLE_BINDING, context);
            case "ServiceAccount" -> parseServiceAccount(node, context);
            case "Secret" -> parseTokenSecret(node, context);
            default -> null;
        };
        if (parsed != null) {
            objects.add(parsed);
        }
    }

    /** Where problems go and how paths are prefixed while reading one object. */
    private record Context(Object source, String basePath, List<ParseProblem> problems) {
        String path(String relative) {
            return RbacObject.join(basePath, relative);
        }

        void problem(String relative, String message) {
            problems.add(new ParseProblem(source, path(relative), message));
        }
    }

    private Role parseRole(JsonNode node, RoleKind kind, Context context) {
        String name = requiredName(node, context);
        if (name == null) {
            return null;
        }
        String namespace = kind == RoleKind.ROLE ? namespaceOf(node) : null;
        List<Rule> rules = new ArrayList<>();
        JsonNode rulesNode = node.path("rules");
        for (int i = 0; i < rulesNode.size(); i++) {
            rules.add(parseRule(rulesNode.path(i), i, context));
        }
        AggregationRule aggregation = null;
        JsonNode aggregationNode = node.path("aggregationRule");
        if (aggregationNode.isObject()) {
            if (kind == RoleKind.ROLE) {
                context.problem("aggregationRule", "aggregationRule is only meaningful on a ClusterRole; ignored");
            } else {
                aggregation = parseAggregation(aggregationNode, context);
            }
        }
        return new Role(new RoleKey(kind, namespace, name), labelsOf(node), rules, aggregation,
                context.source(), context.basePath());
    }

    private Rule parseRule(JsonNode rule, int index, Context context) {
        String path = context.path("rules[" + index + "]");
        List<String> verbs = strings(rule.path("verbs"));
        if (verbs.isEmpty()) {
            context.problem("rules[" + index + "].verbs", "rule has no verbs and can never allow anything");
        }
        return new Rule(verbs, strings(rule.path("apiGroups")), strings(rule.path("resources")),
                strings(rule.path("resourceNames")), strings(rule.path("nonResourceURLs")), index, path);
    }

    private AggregationRule parseAggregation(JsonNode aggregation, Context context) {
        List<LabelSelector> selectors = new ArrayList<>();
        JsonNode selectorNodes = aggregation.path("clusterRoleSelectors");
        for (int i = 0; i < selectorNodes.size(); i++) {
            String selectorPath = "aggregationRule.clusterRoleSelectors[" + i + "]";
            LabelSelector selector = parseSelector(selectorNodes.path(i), selectorPath, context);
            if (selector != null) {
                selectors.add(selector);
            }
        }
        return new AggregationRule(selectors);
    }

    /**
     * A selector as the model reads it everywhere ({@link LabelSelector#parse}); an unknown operator
     * is reported, since the API server rejects such a selector and the role aggregates nothing.
     */
    private LabelSelector parseSelector(JsonNode selector, String selectorPath, Context context) {
        JsonNode expressions = selector.path("matchExpressions");
        for (int i = 0; i < expressions.size(); i++) {
            String operator = expressions.path(i).path("operator").asText();
            if (!OPERATORS.contains(operator)) {
                context.problem(selectorPath + ".matchExpressions[" + i + "].operator",
                        "unknown selector operator '" + operator + "'; selector ignored");
                return null;
            }
        }
        return LabelSelector.parse(selector);
    }

    private Binding parseBinding(JsonNode node, BindingKind kind, Context context) {
        String name = requiredName(node, context);
        if (name == null) {
            return null;
        }
        JsonNode roleRefNode = node.path("roleRef");
        if (!roleRefNode.isObject() || roleRefNode.path("name").asText("").isEmpty()) {
            context.problem("roleRef", kind.kindName() + " " + name + " has no roleRef name");
            return null;
        }
        RoleRef roleRef = new RoleRef(roleRefNode.path("apiGroup").asText(""), roleRefNode.path("kind").asText(""),
                roleRefNode.path("name").asText());
        List<Subject> subjects = new ArrayList<>();
        JsonNode subjectNodes = node.path("subjects");
        for (int i = 0; i < subjectNodes.size(); i++) {
            JsonNode subject = subjectNodes.path(i);
            String subjectNamespace = subject.path("namespace").asText("");
            subjects.add(new Subject(subject.path("kind").asText(""), subject.path("name").asText(""),
                    subjectNamespace.isEmpty() ? null : subjectNamespace));
        }
        String namespace = kind == BindingKind.ROLE_BINDING ? namespaceOf(node) : null;
        return new Binding(kind, namespace, name, labelsOf(node), roleRef, subjects, context.source(), context.basePath());
    }

    private ServiceAccount parseServiceAccount(JsonNode node, Context context) {
        String name = requiredName(node, context);
        return name == null ? null : new ServiceAccount(namespaceOf(node), name, context.source(), context.basePath());
    }

    private TokenSecret parseTokenSecret(JsonNode node, Context context) {
        if (!TOKEN_SECRET_TYPE.equals(node.path("type").asText())) {
            return null;
        }
        String name = requiredName(node, context);
        String serviceAccount = node.path("metadata").path("annotations").path(TOKEN_SA_ANNOTATION).asText("");
        if (name == null) {
            return null;
        }
        if (serviceAccount.isEmpty()) {
            context.problem("metadata.annotations", "service-account-token Secret " + name + " names no service account");
            return null;
        }
        return new TokenSecret(namespaceOf(node), name, serviceAccount, context.source(), context.basePath());
    }

    private String requiredName(JsonNode node, Context context) {
        String name = node.path("metadata").path("name").asText("");
        if (name.isEmpty()) {
            context.problem("metadata.name", node.path("kind").asText() + " without metadata.name; skipped");
            return null;
        }
        return name;
    }

    private String namespaceOf(JsonNode node) {
        String namespace = node.path("metadata").path("namespace").asText("");
        return namespace.isEmpty() ? defaultNamespace : namespace;
    }

    private static Map<String, String> labelsOf(JsonNode node) {
        Map<String, String> labels = new LinkedHashMap<>();
        node.path("metadata").path("labels").fields().forEachRemaining(entry -> labels.put(entry.getKey(), entry.getValue().asText()));
        return labels;
    }

    /** A YAML list of strings; a single scalar is accepted as a one-element list. */
    private static List<String> strings(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return List.of();
        }
        if (!node.isArray()) {
            return List.of(node.asText());
        }
        // Duplicates are kept: the aggregation controller compares rules list for list.
        List<String> values = new ArrayList<>();
        node.forEach(value -> values.add(value.asText()));
        return List.copyOf(values);
    }
}
