package dev.kubeward.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** ClusterRole aggregation as the aggregation controller settles it. */
class AggregationTest {

    private static List<String> resources(RbacModel model, String clusterRole) {
        return model.effectiveRules(RoleKey.clusterRole(clusterRole)).stream()
                .flatMap(rule -> rule.rule().resources().stream()).sorted().toList();
    }

    private static String clusterRole(String name, String labels, String aggregation, String resource) {
        return """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata:
                  name: %s
                  labels: {%s}
                %s
                rules:
                - {apiGroups: [""], resources: [%s], verbs: [get]}
                ---
                """.formatted(name, labels, aggregation, resource);
    }

    @Test
    void selectorsCombineMatchLabelsAndExpressionsAndAreOredAcrossSelectors() {
        String yaml = clusterRole("agg", "", """
                aggregationRule:
                  clusterRoleSelectors:
                  - matchLabels: {team: a}
                    matchExpressions:
                    - {key: tier, operator: In, values: [gold, silver]}
                    - {key: legacy, operator: DoesNotExist}
                  - matchExpressions:
                    - {key: extra, operator: Exists}
                    - {key: env, operator: NotIn, values: [prod]}""", "own-rule-overwritten")
                + clusterRole("a-gold", "team: a, tier: gold", "", "gold")
                + clusterRole("a-bronze", "team: a, tier: bronze", "", "bronze")
                + clusterRole("a-gold-legacy", "team: a, tier: gold, legacy: 'yes'", "", "legacy")
                + clusterRole("b-gold", "team: b, tier: gold", "", "bgold")
                + clusterRole("extra-noenv", "extra: '1'", "", "extranoenv")
                + clusterRole("extra-dev", "extra: '1', env: dev", "", "extradev")
                + clusterRole("extra-prod", "extra: '1', env: prod", "", "extraprod");
        assertThat(resources(Fixtures.model(yaml), "agg")).containsExactly("extradev", "extranoenv", "gold");
    }

    @Test
    void aggregationIsTransitiveAndCycleSafe() {
        String yaml = clusterRole("top", "", "aggregationRule: {clusterRoleSelectors: [{matchLabels: {to: top}}]}", "x")
                + clusterRole("middle", "to: top", "aggregationRule: {clusterRoleSelectors: [{matchLabels: {to: middle}}]}", "x")
                + clusterRole("leaf", "to: middle", "", "leaf")
                + clusterRole("ping", "to: pong", "aggregationRule: {clusterRoleSelectors: [{matchLabels: {to: ping}}]}", "x")
                + clusterRole("pong", "to: ping", "aggregationRule: {clusterRoleSelectors: [{matchLabels: {to: pong}}]}", "x")
                + clusterRole("ping-leaf", "to: ping", "", "pingleaf")
                + clusterRole("pong-leaf", "to: pong", "", "pongleaf");
        RbacModel model = Fixtures.model(yaml);
        assertThat(resources(model, "top")).containsExactly("leaf");
        assertThat(resources(model, "ping")).containsExactly("pingleaf", "pongleaf");
        assertThat(resources(model, "pong")).containsExactly("pingleaf", "pongleaf");
    }

    @Test
    void duplicateRulesAreMergedAndGrantsPointAtTheDeclaringRole() {
        String yaml = clusterRole("agg", "", "aggregationRule: {clusterRoleSelectors: [{matchLabels: {x: y}}]}", "x")
                + clusterRole("one", "x: y", "", "pods")
                + clusterRole("two", "x: y", "", "pods");
        RbacModel model = Fixtures.model(yaml);
        List<EffectiveRule> rules = model.effectiveRules(RoleKey.clusterRole("agg"));
        assertThat(rules).hasSize(1);
        assertThat(rules.get(0).declaredIn().key().name()).isEqualTo("one");
        assertThat(rules.get(0).rule().path()).isEqualTo("rules[0]");
    }

    @Test
    void emptySelectorMatchesEveryOtherClusterRole() {
        String yaml = clusterRole("all", "", "aggregationRule: {clusterRoleSelectors: [{}]}", "x")
                + clusterRole("p", "", "", "p")
                + clusterRole("q", "a: b", "", "q");
        assertThat(resources(Fixtures.model(yaml), "all")).containsExactly("p", "q");
    }
}
