package dev.kubeward.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rule matcher against the API server's semantics, one condition at a time. */
class PolicyRuleMatchTest {
    private static final List<String> GROUPS = List.of("developers", "system:authenticated");

    /**
     * Columns: the rule's conditions (YAML, '|' for newline), the request (verb group resource[/sub]
     * namespace name, '-' for none or for the core group), and whether the rule matches.
     */
    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @CsvSource(delimiter = ';', value = {
        // users and groups
        "users: [jane];                                       get - pods shop web; true",
        "users: [bob];                                        get - pods shop web; false",
        "userGroups: [system:authenticated];                  get - pods shop web; true",
        "userGroups: [system:nodes];                          get - pods shop web; false",
        "users: [jane]|userGroups: [system:nodes];            get - pods shop web; false",
        // verbs
        "verbs: [get, list];                                  list - pods shop -; true",
        "verbs: [create];                                     get - pods shop web; false",
        // resources, groups and subresources
        "resources: [{group: ''}];                            get - pods shop web; true",
        "resources: [{group: ''}];                            get apps deployments shop web; false",
        "resources: [{group: apps, resources: [deployments]}]; get apps deployments shop web; true",
        "resources: [{group: '', resources: [pods]}];         create - pods/exec shop web; false",
        "resources: [{group: '', resources: [pods/exec]}];    create - pods/exec shop web; true",
        "resources: [{group: '', resources: [pods/exec]}];    get - pods shop web; false",
        "resources: [{group: '', resources: ['*']}];          create - pods/exec shop web; true",
        "resources: [{group: '', resources: ['pods/*']}];     create - pods/exec shop web; true",
        "resources: [{group: '', resources: ['pods/*']}];     get - pods shop web; true",
        "resources: [{group: '', resources: ['pods/*']}];     get - podtemplates shop web; false",
        "resources: [{group: apps, resources: ['*/scale']}];  patch apps deployments/scale shop web; true",
        "resources: [{group: apps, resources: ['*/scale']}];  patch apps deployments shop web; false",
        "resources: [{group: '', resources: [secrets], resourceNames: [db]}]; get - secrets shop db; true",
        "resources: [{group: '', resources: [secrets], resourceNames: [db]}]; get - secrets shop other; false",
        "resources: [{group: '', resources: [secrets], resourceNames: [db]}]; list - secrets shop -; false",
        // namespaces: cluster-scoped requests carry the empty namespace
        "namespaces: [shop];                                  get - pods shop web; true",
        "namespaces: [kube-system];                           get - pods shop web; false",
        "namespaces: [kube-system];                           patch - nodes - node-1; false",
        "namespaces: [''];                                    patch - nodes - node-1; true",
        "namespaces: [shop];                                  get /healthz; false",
        // non-resource URLs
        "nonResourceURLs: ['/healthz*'];                      get /healthz/etcd; true",
        "nonResourceURLs: ['/healthz*'];                      get /livez; false",
        "nonResourceURLs: ['/version'];                       get /version; true",
        "nonResourceURLs: ['/version'];                       get /version/x; false",
        "nonResourceURLs: ['*'];                              get /metrics; true",
        "nonResourceURLs: ['*'];                              get - pods shop web; false",
        "resources: [{group: ''}];                            get /api; false",
        // no condition at all matches both kinds of request
        "verbs: [get];                                        get /metrics; true",
    })
    void ruleMatchesAsTheApiServerDoes(String conditions, String request, boolean expected) {
        AuditPolicy policy = PolicyTexts.oneRule(conditions.replace('|', '\n'));
        assertThat(policy.rules().get(0).matches(parse(request))).isEqualTo(expected);
    }

    static AuditRequest parse(String spec) {
        String[] p = spec.trim().split("\\s+");
        if (p.length == 2) {
            return AuditRequest.nonResource("jane", GROUPS, p[0], p[1]);
        }
        return AuditRequest.resource("jane", GROUPS, p[0], dash(p[1], ""), p[2], dash(p[3], ""), dash(p[4], null));
    }

    private static String dash(String s, String whenDash) {
        return s.equals("-") ? whenDash : s;
    }
}
