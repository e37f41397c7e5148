package dev.kubeward.policy.cel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What an expression reads ({@link CompiledExpression#references()}), which decides whether its result may be shared. */
class CompiledExpressionTest {
    private static Set<String> refs(String expression) throws Exception {
        Map<String, CelType> vars = Map.of("podSpec", SimpleType.DYN, "containers", SimpleType.DYN);
        return CelEnvironment.of(CelVersion.NEWEST)
                .compile(expression, new CelEnvironment.Declarations(true, true, vars, false), java.util.List.of())
                .references();
    }

    @Test
    void topLevelNamesAndSelectedVariablesAreListed() throws Exception {
        assertThat(refs("object.spec.replicas > 1")).containsExactly("object");
        assertThat(refs("variables.podSpec.?hostPID.orValue(false) != true")).containsExactly("variables.podSpec");
        assertThat(refs("variables.containers.all(c, c.image != '' && params.x == 1)"))
                .containsExactly("params", "variables.containers");
        assertThat(refs("has(variables.podSpec.volumes) || request.operation == 'CREATE'"))
                .containsExactly("request", "variables.podSpec");
        assertThat(refs("oldObject == null || namespaceObject.metadata.name == 'x'")).containsExactly("namespaceObject", "oldObject");
        assertThat(refs("authorizer.group('').resource('pods').check('get').allowed()")).containsExactly("authorizer");
    }

    @Test
    void comprehensionVariablesAreNotReferencesButShadowedTopLevelNamesStillAre() throws Exception {
        assertThat(refs("object.spec.containers.all(c, c.name != '')")).containsExactly("object");
        // a comprehension variable named params: listed anyway, which only errs towards "reads params"
        assertThat(refs("object.spec.containers.all(params, params.name != '')")).containsExactly("object", "params");
    }

    @Test
    void theVariablesMapReadWholeCannotBeTold() throws Exception {
        assertThat(refs("[variables].size() == 1")).isNull();
        assertThat(refs("[variables, variables][0].podSpec == null")).isNull();
    }
}
