package dev.kubeward.checks.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.rbac.Rule;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a rule grants of a permission the checks look for. Matching is the authorizer's
 * (pkg/apis/rbac/v1/evaluation_helpers.go); a rule limited by resourceNames never grants create of
 * an object or deletecollection, which carry no name ("You cannot restrict create or
 * deletecollection requests by their resource name", RBAC reference, "Referring to resources"),
 * but does grant create on a subresource such as pods/exec, whose URL names the pod.
 * Columns: rule verbs | apiGroups | resources | resourceNames | permission group | resource |
 * verbs | granted verbs ({@code ~} is the core group, {@code -} none).
 */
class PermissionTest {

    @ParameterizedTest(name = "[{index}] {0}|{1}|{2}|{3} grants {7} of {5} {6}")
    @CsvSource(delimiter = '|', textBlock = """
            create        | ~    | pods             |      | ~    | pods             | create             | create
            create        | ~    | pods             | web  | ~    | pods             | create             | -
            *             | ~    | pods             | web  | ~    | pods             | create,update,patch | update,patch
            deletecollection | ~ | pods             | web  | ~    | pods             | deletecollection   | -
            create        | ~    | pods/exec        | web  | ~    | pods/exec        | create,get         | create
            get           | ~    | pods/*           |      | ~    | pods/exec        | create,get         | -
            get           | ~    | */exec           |      | ~    | pods/exec        | create,get         | get
            get,watch     | *    | secrets          | a    | ~    | secrets          | get,list,watch     | get,watch
            get           | apps | secrets          |      | ~    | secrets          | get                | -
            """)
    void grantedVerbs(String verbs, String groups, String resources, String names, String group, String resource,
                      String wanted, String granted) {
        Rule rule = new Rule(list(verbs), list(groups), list(resources), list(names), List.of(), 0, "rules[0]");
        Permission permission = new Permission(core(group), resource, list(wanted));
        assertThat(permission.grantedBy(rule)).isEqualTo(granted.equals("-") ? List.of() : list(granted));
    }

    private static List<String> list(String csv) {
        return csv == null || csv.isBlank() ? List.of() : Arrays.stream(csv.split(",")).map(PermissionTest::core).toList();
    }

    private static String core(String value) {
        return value.trim().equals("~") ? "" : value.trim();
    }
}
