package dev.kubeward.rbac;

import static dev.kubeward.rbac.Fixtures.csv;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rule-matching table of the Kubernetes RBAC authorizer, row for row from
 * {@code VerbMatches}, {@code APIGroupMatches}, {@code ResourceMatches}, {@code ResourceNameMatches}
 * and {@code NonResourceURLMatches} in kubernetes/kubernetes {@code pkg/apis/rbac/v1/evaluation_helpers.go}:
 * only {@code *} and {@code *}/subresource are patterns among resources ({@code pods/*} is a literal
 * string), {@code *} is a pattern in verbs and apiGroups, and resourceNames has no pattern at all.
 * Columns: rule verbs | apiGroups |
 * resources | resourceNames, then the request verb | apiGroup | resource[/sub] | name, then
 * whether the rule allows it. Lists are comma-separated; {@code ~} in apiGroups is the core group "".
 */
class RuleMatcherTest {

    @ParameterizedTest(name = "[{index}] rule {0}|{1}|{2}|{3} vs {4} {5}/{6} name={7} -> {8}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            get          | ~          | pods             |         | get    | ~     | pods            | null  | true
            get          | ~          | pods             |         | list   | ~     | pods            | null  | false
            *            | ~          | pods             |         | delete | ~     | pods            | null  | true
            get,list     | ~          | pods             |         | list   | ~     | pods            | null  | true
            GET          | ~          | pods             |         | get    | ~     | pods            | null  | false
            get          | apps       | pods             |         | get    | ~     | pods            | null  | false
            get          | *          | pods             |         | get    | apps  | pods            | null  | true
            get          | ~          | *                |         | get    | ~     | secrets         | null  | true
            get          | ~          | *                |         | get    | ~     | pods/exec       | null  | true
            get          | ~          | pods             |         | get    | ~     | pods/exec       | null  | false
            create       | ~          | pods/exec        |         | create | ~     | pods/exec       | null  | true
            create       | ~          | pods/exec        |         | create | ~     | pods            | null  | false
            create       | ~          | pods/*           |         | create | ~     | pods/exec       | null  | false
            create       | ~          | pods/*           |         | create | ~     | pods/*          | null  | true
            get          | ~          | */status         |         | get    | ~     | pods/status     | null  | true
            get          | ~          | */status         |         | get    | ~     | pods            | null  | false
            get          | ~          | */status         |         | get    | ~     | pods/statusx    | null  | false
            get          | apps       | */scale          |         | get    | apps  | deployments/scale | null | true
            get          | ~          | *s               |         | get    | ~     | pods            | null  | false
            get          | ~          | secrets          | a,b     | get    | ~     | secrets         | a     | true
            get          | ~          | secrets          | a,b     | get    | ~     | secrets         | c     | false
            list         | ~          | secrets          | a       | list   | ~     | secrets         | null  | false
            create       | ~          | secrets          | a       | create | ~     | secrets         | null  | false
            get          | ~          | secrets          |         | get    | ~     | secrets         | any   | true
            update       | ~          | configmaps       | x       | update | ~     | configmaps      | x     | true
            get          | ~          | secrets          | *       | get    | ~     | secrets         | x     | false
            get          | ~          | secrets          | *       | get    | ~     | secrets         | *     | true
            get          | ~          | secrets          | x*      | get    | ~     | secrets         | xy    | false
            get          | *          | secrets          |         | get    | ~     | secrets         | null  | true
            get          | *          | deployments      |         | get    | apps  | deployments     | null  | true
            get          | app*       | deployments      |         | get    | apps  | deployments     | null  | false
            create       | ~          | */exec           |         | create | ~     | pods/exec       | null  | true
            create       | ~          | */exec           |         | create | ~     | pods            | null  | false
            get          | ~          | pods/*           |         | get    | ~     | pods/log        | null  | false
            get          | ~          | pods*            |         | get    | ~     | pods            | null  | false
            get*         | ~          | pods             |         | get    | ~     | pods            | null  | false
            patch        | ~          | pods             |         | update | ~     | pods            | null  | false
            create       | ~          | pods/exec        | web     | create | ~     | pods/exec       | web   | true
            """)
    void resourceRules(String verbs, String groups, String resources, String names,
                       String verb, String group, String resource, String name, boolean expected) {
        Rule rule = Fixtures.rule(csv(verbs), groups(groups), csv(resources), names == null ? csv("") : csv(names), csv(""));
        Request request = Request.of(verb, core(group), resource, "default").named(name);
        assertThat(RuleMatcher.allows(rule, request)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0} {1} vs {2} {3} -> {4}")
    @CsvSource(delimiter = '|', textBlock = """
            get  | /healthz        | get  | /healthz         | true
            get  | /healthz        | get  | /healthz/etcd    | false
            get  | /healthz/*      | get  | /healthz/etcd    | true
            get  | /healthz/*      | get  | /healthz         | false
            get  | /healthz*       | get  | /healthz         | true
            get  | /api*           | get  | /apis/apps       | true
            get  | *               | get  | /metrics         | true
            get  | /metrics        | post | /metrics         | false
            *    | /version        | post | /version         | true
            """)
    void nonResourceRules(String verbs, String urls, String verb, String path, boolean expected) {
        Rule rule = Fixtures.rule(csv(verbs), csv(""), csv(""), csv(""), csv(urls));
        assertThat(RuleMatcher.allows(rule, Request.nonResource(verb, path))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] a resource-only rule never allows non-resource {0}, and vice versa")
    @CsvSource({"/healthz", "/api"})
    void resourceAndNonResourceRulesDoNotMix(String path) {
        Rule everyResource = Fixtures.rule(csv("*"), csv("*"), csv("*"), csv(""), csv(""));
        Rule everyUrl = Fixtures.rule(csv("*"), csv(""), csv(""), csv(""), csv("*"));
        assertThat(RuleMatcher.allows(everyResource, Request.nonResource("get", path))).isFalse();
        assertThat(RuleMatcher.allows(everyUrl, Request.of("get", "", "pods", "default"))).isFalse();
    }

    private static String core(String group) {
        return group.replace("~", "");
    }

    private static java.util.List<String> groups(String groups) {
        return csv(groups).stream().map(RuleMatcherTest::core).toList();
    }
}
