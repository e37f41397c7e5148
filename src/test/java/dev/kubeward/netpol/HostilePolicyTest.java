package dev.kubeward.netpol;

import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.model.FieldError;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every field of a rich policy, replaced in turn by a value of every JSON type: the validator
 * either rejects the object or the parser reads it, and nothing throws (one bad field never
 * stops the analysis of the rest).
 */
class HostilePolicyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POLICY = """
            kind: NetworkPolicy
            metadata: {name: p, namespace: ns}
            spec:
              podSelector: {matchLabels: {app: web}, matchExpressions: [{key: tier, operator: In, values: [a]}]}
              policyTypes: [Ingress, Egress]
              ingress:
              - from:
                - ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}
                - namespaceSelector: {matchLabels: {team: a}}
                  podSelector: {matchLabels: {app: api}}
                ports: [{port: 80, endPort: 90, protocol: TCP}, {port: http}]
              egress:
              - to: [{podSelector: {}}]
                ports: [{protocol: UDP, port: 53}]
            """;
    private static final List<JsonNode> VALUES = List.of(JSON.nullNode(), JSON.getNodeFactory().numberNode(7),
            JSON.getNodeFactory().numberNode(1.5), JSON.getNodeFactory().textNode("x"),
            JSON.getNodeFactory().booleanNode(true), JSON.createArrayNode(), JSON.createObjectNode(),
            JSON.createArrayNode().add(1).add("y"));

    @Test
    void anyValueInAnyFieldIsReportedOrRead() {
        JsonNode original = Fixtures.parseYaml(POLICY).get(0);
        List<List<Object>> paths = new ArrayList<>();
        collect(original, new ArrayList<>(), paths);
        paths.remove(List.of("kind")); // another kind is another object, not a bad policy
        for (List<Object> path : paths) {
            for (JsonNode value : VALUES) {
                JsonNode mutated = original.deepCopy();
                set(mutated, path, value);
                assertThatCode(() -> {
                    List<FieldError> errors = PolicyValidator.validate(mutated);
                    ClusterModel model = ManifestParser.parseEach(List.of(mutated), new ManifestParser.Problems() {
                        @Override
                        public void rejected(JsonNode object, List<FieldError> reported) {
                            // reported, left out
                        }

                        @Override
                        public void ignored(JsonNode object, FieldError error) {
                            // a pod grouping problem cannot arise here
                        }
                    });
                    Reachability.compute(model);
                    if (errors.isEmpty() && model.policies().isEmpty()) {
                        throw new AssertionError("a valid policy was not read");
                    }
                }).as(path + " = " + value).doesNotThrowAnyException();
            }
        }
    }

    private static void collect(JsonNode node, List<Object> at, List<List<Object>> into) {
        if (!at.isEmpty()) {
            into.add(List.copyOf(at));
        }
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> {
                at.add(name);
                collect(node.get(name), at, into);
                at.remove(at.size() - 1);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                at.add(i);
                collect(node.get(i), at, into);
                at.remove(at.size() - 1);
            }
        }
    }

    private static void set(JsonNode root, List<Object> path, JsonNode value) {
        JsonNode parent = root;
        for (Object step : path.subList(0, path.size() - 1)) {
            parent = step instanceof Integer i ? parent.get(i) : parent.get((String) step);
        }
        Object last = path.get(path.size() - 1);
        if (last instanceof Integer i) {
            ((ArrayNode) parent).set(i, value);
        } else {
            ((ObjectNode) parent).set((String) last, value);
        }
    }
}
