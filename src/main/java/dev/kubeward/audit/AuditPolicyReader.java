package dev.kubeward.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Resource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads an audit.k8s.io Policy object, collecting what the API server's validation would reject
 * instead of stopping at the first problem, so one scan names them all. A rule whose level is
 * unreadable is kept at level None: the simulation then shows the worst case.
 */
public final class AuditPolicyReader {
    public static final String GROUP = "audit.k8s.io";

    private static final Set<String> POLICY_FIELDS = Set.of("apiVersion", "kind", "metadata", "rules", "omitStages",
            "omitManagedFields");
    private static final Set<String> RULE_FIELDS = Set.of("level", "users", "userGroups", "verbs", "resources",
            "namespaces", "nonResourceURLs", "omitStages", "omitManagedFields");
    private static final Set<String> GROUP_RESOURCE_FIELDS = Set.of("group", "resources", "resourceNames");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    /** A policy and what is wrong with it. */
    public record Result(AuditPolicy policy, List<PolicyProblem> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    private final List<PolicyProblem> problems = new ArrayList<>();

    private AuditPolicyReader() {}

    /** True for the objects this reader understands: kind Policy of the audit.k8s.io group. */
    public static boolean isAuditPolicy(Resource r) {
        return r.kind().equals("Policy") && r.group().equals(GROUP);
    }

    public static Result read(JsonNode root) {
        AuditPolicyReader reader = new AuditPolicyReader();
        AuditPolicy policy = reader.policy(root);
        return new Result(policy, List.copyOf(reader.problems));
    }

    private AuditPolicy policy(JsonNode root) {
        unknownFields(root, JsonPath.ROOT, POLICY_FIELDS);
        Set<AuditStage> omit = stages(root.get("omitStages"), JsonPath.of("omitStages"));
        List<PolicyRule> rules = new ArrayList<>();
        JsonNode list = root.get("rules");
        JsonPath rulesPath = JsonPath.of("rules");
        if (list != null && !list.isNull() && !list.isArray()) {
            problems.add(new PolicyProblem(rulesPath, "rules must be a list"));
        } else if (list != null) {
            for (int i = 0; i < list.size(); i++) {
                rules.add(rule(list.path(i), i, rulesPath.index(i)));
            }
        }
        return new AuditPolicy(rules, omit);
    }

    private PolicyRule rule(JsonNode node, int index, JsonPath path) {
        if (!node.isObject()) {
            problems.add(new PolicyProblem(path, "rule " + index + " must be a mapping"));
            return new PolicyRule(index, AuditLevel.NONE, List.of(), List.of(), List.of(), List.of(), List.of(),
                    List.of(), Set.of(), path);
        }
        unknownFields(node, path, RULE_FIELDS);
        AuditLevel level = level(node.get("level"), path.key("level"), index);
        List<String> nonResourceURLs = strings(node.get("nonResourceURLs"), path.key("nonResourceURLs"));
        for (int i = 0; i < nonResourceURLs.size(); i++) {
            String url = nonResourceURLs.get(i);
            JsonPath p = path.key("nonResourceURLs").index(i);
            if (url.equals("*")) {
                continue;
            }
            if (!url.startsWith("/")) {
                problems.add(new PolicyProblem(p, "non-resource URL '" + url + "' must begin with '/'"));
            }
            if (!url.isEmpty() && url.substring(0, url.length() - 1).contains("*")) {
                problems.add(new PolicyProblem(p, "non-resource URL '" + url + "' may have '*' only as its last character"));
            }
        }
        List<GroupResources> resources = groupResources(node.get("resources"), path.key("resources"));
        List<String> namespaces = strings(node.get("namespaces"), path.key("namespaces"));
        if (!nonResourceURLs.isEmpty() && (!resources.isEmpty() || !namespaces.isEmpty())) {
            problems.add(new PolicyProblem(path.key("nonResourceURLs"),
                    "rule " + index + " cannot match both resources or namespaces and non-resource URLs"));
        }
        return new PolicyRule(index, level == null ? AuditLevel.NONE : level,
                strings(node.get("users"), path.key("users")),
                strings(node.get("userGroups"), path.key("userGroups")),
                strings(node.get("verbs"), path.key("verbs")),
                resources, namespaces, nonResourceURLs,
                stages(node.get("omitStages"), path.key("omitStages")), path);
    }

    private AuditLevel level(JsonNode node, JsonPath path, int index) {
        if (node == null || node.isNull() || (node.isTextual() && node.textValue().isEmpty())) {
            problems.add(new PolicyProblem(path.parent(), "rule " + index + " has no level"));
            return null;
        }
        AuditLevel level = node.isTextual() ? AuditLevel.parse(node.textValue()) : null;
        if (level == null) {
            problems.add(new PolicyProblem(path, "rule " + index + ": level '" + node.asText()
                    + "' is not one of None, Metadata, Request, RequestResponse (the spelling is case-sensitive)"));
        }
        return level;
    }

    private List<GroupResources> groupResources(JsonNode node, JsonPath path) {
        List<GroupResources> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            problems.add(new PolicyProblem(path, path + " must be a list"));
            return out;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode gr = node.path(i);
            JsonPath p = path.index(i);
            if (!gr.isObject()) {
                problems.add(new PolicyProblem(p, p + " must be a mapping with group and resources"));
                continue;
            }
            unknownFields(gr, p, GROUP_RESOURCE_FIELDS);
            JsonNode groupNode = gr.get("group");
            String group = groupNode == null || groupNode.isNull() ? "" : groupNode.asText();
            if (!group.isEmpty() && !DNS_SUBDOMAIN.matcher(group).matches()) {
                problems.add(new PolicyProblem(p.key("group"), "group '" + group
                        + "' is not an API group name (a version such as rbac.authorization.k8s.io/v1 does not belong here)"));
            }
            List<String> resources = strings(gr.get("resources"), p.key("resources"));
            List<String> names = strings(gr.get("resourceNames"), p.key("resourceNames"));
            if (!names.isEmpty() && resources.isEmpty()) {
                problems.add(new PolicyProblem(p.key("resourceNames"), "resourceNames needs at least one resource"));
            }
            out.add(new GroupResources(group, resources, names));
        }
        return out;
    }

    private Set<AuditStage> stages(JsonNode node, JsonPath path) {
        Set<AuditStage> out = EnumSet.noneOf(AuditStage.class);
        List<String> names = strings(node, path);
        for (int i = 0; i < names.size(); i++) {
            AuditStage s = AuditStage.parse(names.get(i));
            if (s == null) {
                problems.add(new PolicyProblem(path.index(i), "'" + names.get(i)
                        + "' is not a stage (RequestReceived, ResponseStarted, ResponseComplete, Panic)"));
            } else {
                out.add(s);
            }
        }
        return out;
    }

    private List<String> strings(JsonNode node, JsonPath path) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            problems.add(new PolicyProblem(path, path + " must be a list of strings"));
            return out;
        }
        for (int i = 0; i < node.size(); i++) {
            if (node.path(i).isTextual()) {
                out.add(node.path(i).textValue());
            } else {
                problems.add(new PolicyProblem(path.index(i), path + " must hold only strings"));
            }
        }
        return out;
    }

    private void unknownFields(JsonNode node, JsonPath path, Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                problems.add(new PolicyProblem(path.key(f), "unknown field '" + f + "'"));
            }
        }
    }
}
