package dev.kubeward.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
        assertThat(problems.get(0).message()).isEqualTo(
                "RoleBinding no-ref: roleRef: required; the API server rejects the object, so it grants nothing");
    }

    /**
     * What the API server refuses, as a table: the object (a flow-style YAML document) is left
     * out and the problem names the field. Decoding refuses a wrong JSON type; the rest is
     * kubernetes/kubernetes pkg/apis/rbac/validation/validation.go (ValidatePolicyRule,
     * ValidateRoleBinding, ValidateClusterRoleBinding, ValidateRoleBindingSubject,
     * ValidateClusterRole's aggregationRule), after pkg/apis/rbac/v1/defaults.go, and ValidateSecret
     * for token Secrets.
     */
    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {kind: Role, metadata: {name: r}, rules: [{apiGroups: [""], resources: [pods], verbs: get}]}                  | rules[0].verbs
            {kind: Role, metadata: {name: r}, rules: [{apiGroups: [""], resources: [pods], verbs: [1]}]}                  | rules[0].verbs[0]
            {kind: Role, metadata: {name: r}, rules: {apiGroups: [""], resources: [pods], verbs: [get]}}                  | rules
            {kind: Role, metadata: {name: r}, rules: [get]}                                                                 | rules[0]
            {kind: Role, metadata: {name: r}, rules: [{apiGroups: [""], resources: [pods], verbs: []}]}                   | rules[0].verbs
            {kind: Role, metadata: {name: r}, rules: [{resources: [pods], verbs: [get]}]}                                   | rules[0].apiGroups
            {kind: Role, metadata: {name: r}, rules: [{apiGroups: [""], verbs: [get]}]}                                     | rules[0].resources
            {kind: Role, metadata: {name: r}, rules: [{nonResourceURLs: [/healthz], verbs: [get]}]}                         | rules[0].nonResourceURLs
            {kind: ClusterRole, metadata: {name: r}, rules: [{nonResourceURLs: [/x], resources: [pods], verbs: [get]}]}     | rules[0].nonResourceURLs
            {kind: ClusterRole, metadata: {name: 7}, rules: []}                                                             | metadata.name
            {kind: ClusterRole, metadata: {name: a/b}, rules: []}                                                           | metadata.name
            {kind: ClusterRole, metadata: {name: r, labels: {tier: 1}}, rules: []}                                          | metadata.labels.tier
            {kind: ClusterRole, metadata: {name: r, labels: [a]}, rules: []}                                                | metadata.labels
            {kind: ClusterRole, metadata: r}                                                                                | metadata
            {kind: ClusterRole, metadata: {}}                                                                               | metadata.name
            {kind: ClusterRole, metadata: {name: r}, aggregationRule: {clusterRoleSelectors: []}}                           | aggregationRule.clusterRoleSelectors
            {kind: ClusterRole, metadata: {name: r}, aggregationRule: {clusterRoleSelectors: [{matchExpressions: [{key: a, operator: In}]}]}} | aggregationRule.clusterRoleSelectors[0].matchExpressions[0].values
            {kind: ClusterRole, metadata: {name: r}, aggregationRule: {clusterRoleSelectors: [{matchExpressions: [{key: a, operator: Exists, values: [x]}]}]}} | aggregationRule.clusterRoleSelectors[0].matchExpressions[0].values
            {kind: ClusterRole, metadata: {name: r}, aggregationRule: {clusterRoleSelectors: [{matchLabels: {a: true}}]}}  | aggregationRule.clusterRoleSelectors[0].matchLabels.a
            {kind: RoleBinding, metadata: {name: b}, subjects: [{kind: User, name: u}]}                                     | roleRef
            {kind: RoleBinding, metadata: {name: b}, roleRef: admin}                                                        | roleRef
            {kind: RoleBinding, metadata: {name: b}, roleRef: {kind: ClusterRole}}                                          | roleRef.name
            {kind: RoleBinding, metadata: {name: b}, roleRef: {apiGroup: rbac, kind: ClusterRole, name: admin}}             | roleRef.apiGroup
            {kind: RoleBinding, metadata: {name: b}, roleRef: {kind: Group, name: admin}}                                   | roleRef.kind
            {kind: ClusterRoleBinding, metadata: {name: b}, roleRef: {kind: Role, name: admin}}                             | roleRef.kind
            {kind: RoleBinding, metadata: {name: b}, roleRef: {kind: ClusterRole, name: admin}, subjects: {kind: User, name: u}} | subjects
            {kind: RoleBinding, metadata: {name: b}, roleRef: {kind: ClusterRole, name: admin}, subjects: [{kind: user, name: u}]} | subjects[0].kind
            {kind: RoleBinding, metadata: {name: b}, roleRef: {kind: ClusterRole, name: admin}, subjects: [{kind: User}]}    | subjects[0].name
            {kind: RoleBinding, metadata: {name: b}, roleRef: {kind: ClusterRole, name: admin}, subjects: [{kind: ServiceAccount, name: s, apiGroup: rbac.authorization.k8s.io}]} | subjects[0].apiGroup
            {kind: RoleBinding, metadata: {name: b}, roleRef: {kind: ClusterRole, name: admin}, subjects: [{kind: Group, name: g, apiGroup: v1}]} | subjects[0].apiGroup
            {kind: ClusterRoleBinding, metadata: {name: b}, roleRef: {kind: ClusterRole, name: admin}, subjects: [{kind: ServiceAccount, name: s}]} | subjects[0].namespace
            {kind: RoleBinding, metadata: {name: b, namespace: [x]}, roleRef: {kind: ClusterRole, name: admin}}             | metadata.namespace
            {kind: Secret, type: kubernetes.io/service-account-token, metadata: {name: t}}                                  | metadata.annotations
            {kind: Secret, type: kubernetes.io/service-account-token, metadata: {name: t, annotations: {a: 1}}}             | metadata.annotations.a
            {kind: ServiceAccount, metadata: {namespace: x}}                                                                | metadata.name
            """)
    void objectsTheApiServerRefusesAreLeftOutAndNamed(String document, String path) {
        RbacParser.Result result = new RbacParser().parse(Fixtures.documents(document).get(0), "f");
        assertThat(result.objects()).as("the refused object is left out").isEmpty();
        assertThat(result.problems()).extracting(ParseProblem::path).contains(path);
        assertThat(result.problems()).allSatisfy(problem -> assertThat(problem.message()).doesNotContain("Exception"));
    }

    /** What defaulting fills in is accepted (SetDefaults_RoleBinding, SetDefaults_Subject); null lists are empty. */
    @Test
    void defaultedAndNullFieldsAreAccepted() {
        List<RbacObject> objects = Fixtures.objects("""
                {kind: RoleBinding, metadata: {name: b, namespace: n}, roleRef: {kind: ClusterRole, name: admin},
                 subjects: [{kind: User, name: u}, {kind: Group, name: g}, {kind: ServiceAccount, name: s}]}
                ---
                {kind: ClusterRole, metadata: {name: agg, labels: null}, rules: null,
                 aggregationRule: {clusterRoleSelectors: [{matchLabels: {a: b}}]}}
                ---
                {kind: ClusterRoleBinding, metadata: {name: c}, roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin}, subjects: null}
                """);
        assertThat(objects).hasSize(3);
        Binding binding = (Binding) objects.get(0);
        assertThat(binding.roleRef().apiGroup()).isEqualTo("rbac.authorization.k8s.io");
        assertThat(binding.effectiveSubject(2)).isEqualTo(Subject.serviceAccount("n", "s"));
    }

    /** One bad item of a List is left out with its item path; its siblings are read. */
    @Test
    void oneBadListItemLeavesTheOthers() {
        RbacParser.Result result = new RbacParser().parse(Fixtures.documents("""
                kind: List
                items:
                - {kind: ClusterRole, metadata: {name: good}, rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]}
                - {kind: ClusterRole, metadata: {name: bad}, rules: [{apiGroups: [""], resources: pods, verbs: [get]}]}
                - {kind: ClusterRoleBinding, metadata: {name: ok}, roleRef: {kind: ClusterRole, name: bad}, subjects: [{kind: User, name: u}]}
                """).get(0), "f");
        assertThat(result.objects()).hasSize(2);
        assertThat(result.problems()).extracting(ParseProblem::path).containsExactly("items[1].rules[0].resources");
        RbacModel model = RbacModel.build(result.objects());
        assertThat(model.danglingBindings()).extracting(dangling -> dangling.binding().id()).containsExactly("ClusterRoleBinding/ok");
    }
}
