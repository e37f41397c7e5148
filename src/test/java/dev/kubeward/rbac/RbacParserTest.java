package dev.kubeward.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RbacParserTest {

    @Test
    void listItemsGetIndexedPathsAndShareTheSourceHandle() {
        String yaml = """
                apiVersion: v1
                kind: List
                items:
                - apiVersion: v1
                  kind: ConfigMap
                  metadata: {name: ignored}
                - apiVersion: rbac.authorization.k8s.io/v1
                  kind: ClusterRole
                  metadata: {name: r}
                  rules:
                  - {apiGroups: [""], resources: [pods], verbs: [get]}
                  - {nonResourceURLs: [/healthz], verbs: [get]}
                """;
        RbacParser.Result result = new RbacParser().parse(Fixtures.documents(yaml).get(0), "file.yaml");
        assertThat(result.problems()).isEmpty();
        Role role = (Role) result.objects().get(0);
        assertThat(role.source()).isEqualTo("file.yaml");
        assertThat(role.rules().get(1).path("nonResourceURLs")).isEqualTo("items[1].rules[1].nonResourceURLs");
    }

    @Test
    void namespacedObjectsDefaultTheirNamespaceAndTokenSecretsAreRecognised() {
        String yaml = """
                apiVersion: v1
                kind: Secret
                type: kubernetes.io/service-account-token
                metadata:
                  name: deployer-token
                  annotations: {kubernetes.io/service-account.name: deployer}
                ---
                apiVersion: v1
                kind: Secret
                type: Opaque
                metadata: {name: plain}
                ---
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: deployer, namespace: ci}
                """;
        List<RbacObject> objects = Fixtures.objects(yaml);
        assertThat(objects).containsExactly(
                new TokenSecret("default", "deployer-token", "deployer", "doc-0", ""),
                new ServiceAccount("ci", "deployer", "doc-2", ""));
    }

    @Test
    void malformedObjectsBecomeProblemsWithPaths() {
        String yaml = """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: no-ref, namespace: x}
                subjects: [{kind: User, name: a}]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: bad-selector}
                aggregationRule:
                  clusterRoleSelectors:
                  - matchExpressions: [{key: a, operator: Like, values: [b]}]
                """;
        RbacParser parser = new RbacParser();
        List<ParseProblem> problems = Fixtures.documents(yaml).stream()
                .flatMap(node -> parser.parse(node, "f").problems().stream()).toList();
        assertThat(problems).extracting(ParseProblem::path)
                .containsExactly("roleRef", "aggregationRule.clusterRoleSelectors[0].matchExpressions[0].operator");
    }
}
