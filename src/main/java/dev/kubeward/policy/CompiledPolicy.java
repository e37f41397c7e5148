package dev.kubeward.policy;

import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.kubeward.model.JsonPath;
import dev.kubeward.policy.PolicyModel.ValidatingPolicy;
import dev.kubeward.policy.cel.CelEnvironment;
import dev.kubeward.policy.cel.CelEnvironment.Declarations;
import dev.kubeward.policy.cel.CelVersion;
import dev.kubeward.policy.cel.CompiledExpression;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A ValidatingAdmissionPolicy with every expression compiled once, as validating/plugin.go's
 * compilePolicy compiles it: variables in order (each sees the earlier ones), matchConditions,
 * validations (bool) and their messageExpressions (string, no authorizer), and audit
 * annotations (string or null). Compile errors are kept with the expression's field path, as
 * the API server's validation reports them when the policy is created.
 */
public final class CompiledPolicy {
    /** One expression: compiled, or the compile error. */
    public record Expr(String source, JsonPath path, CompiledExpression compiled, String error) {
        boolean ok() {
            return compiled != null;
        }
    }

    public record NamedExpr(String name, Expr expr) {}

    /** A compile error with where it is. */
    public record CompileError(String policy, JsonPath path, String expression, String message) {
        @Override
        public String toString() {
            return path + ": Invalid value: \"" + expression + "\": " + message;
        }
    }

    private final ValidatingPolicy policy;
    private final CelVersion version;
    private final List<NamedExpr> variables;
    private final List<String> variableShareKeys;
    private final List<Expr> matchConditions;
    private final List<Expr> validations;
    private final List<Expr> messages;
    private final List<Expr> auditAnnotations;
    private final List<CompileError> errors = new ArrayList<>();

    private CompiledPolicy(ValidatingPolicy policy, CelVersion version) {
        this.policy = policy;
        this.version = version;
        CelEnvironment env = CelEnvironment.of(version);
        boolean params = policy.paramKind() != null;
        Map<String, CelType> varTypes = new LinkedHashMap<>();
        List<NamedExpr> vars = new ArrayList<>();
        JsonPath spec = JsonPath.of("spec");
        for (int i = 0; i < policy.variables().size(); i++) {
            PolicyModel.Variable v = policy.variables().get(i);
            Expr e = compile(env, v.expression(), spec.key("variables").index(i).key("expression"),
                    new Declarations(params, true, varTypes), List.of());
            vars.add(new NamedExpr(v.name(), e));
            varTypes.put(v.name(), e.ok() ? e.compiled().outputType() : SimpleType.DYN);
        }
        this.variables = List.copyOf(vars);
        this.variableShareKeys = shareKeys(version, vars);
        List<Expr> conds = new ArrayList<>();
        for (int i = 0; i < policy.matchConditions().size(); i++) {
            // validateMatchConditionsExpression compiles without variables: a condition may not use them.
            conds.add(compile(env, policy.matchConditions().get(i).expression(),
                    spec.key("matchConditions").index(i).key("expression"), new Declarations(params, true, Map.of()),
                    List.of(SimpleType.BOOL)));
        }
        this.matchConditions = List.copyOf(conds);
        List<Expr> vals = new ArrayList<>();
        List<Expr> msgs = new ArrayList<>();
        for (int i = 0; i < policy.validations().size(); i++) {
            PolicyModel.Validation v = policy.validations().get(i);
            JsonPath p = spec.key("validations").index(i);
            vals.add(compile(env, v.expression(), p.key("expression"), new Declarations(params, true, varTypes),
                    List.of(SimpleType.BOOL)));
            msgs.add(v.messageExpression() == null ? null : compile(env, v.messageExpression(), p.key("messageExpression"),
                    new Declarations(params, false, varTypes), List.of(SimpleType.STRING)));
        }
        this.validations = List.copyOf(vals);
        this.messages = java.util.Collections.unmodifiableList(msgs);
        List<Expr> audits = new ArrayList<>();
        for (int i = 0; i < policy.auditAnnotations().size(); i++) {
            audits.add(compile(env, policy.auditAnnotations().get(i).valueExpression(),
                    spec.key("auditAnnotations").index(i).key("valueExpression"), new Declarations(params, true, varTypes),
                    List.of(SimpleType.STRING, SimpleType.NULL_TYPE)));
        }
        this.auditAnnotations = List.copyOf(audits);
    }

    private Expr compile(CelEnvironment env, String source, JsonPath path, Declarations d, List<CelType> returns) {
        if (source == null || source.isBlank()) {
            return new Expr(source, path, null, "expression is not specified");
        }
        try {
            return new Expr(source, path, env.compile(source, d, returns), null);
        } catch (CelEnvironment.CelCompileException e) {
            errors.add(new CompileError(policy.name(), path, source, e.getMessage()));
            return new Expr(source, path, null, e.getMessage());
        }
    }

    public static CompiledPolicy compile(ValidatingPolicy policy, CelVersion version) {
        return new CompiledPolicy(policy, version);
    }

    public ValidatingPolicy policy() {
        return policy;
    }

    public CelVersion version() {
        return version;
    }

    public List<CompileError> errors() {
        return errors;
    }

    List<NamedExpr> variables() {
        return variables;
    }

    /**
     * Per variable, a key under which its result can be shared between policies on one request,
     * or null: a variable that reads only {@code object}, {@code oldObject} and other such
     * variables has the same value and cost in every policy where its expression and those of
     * the variables it reads are the same (at one CEL version). Policies of one library often
     * begin alike ({@code podSpec}, {@code containers}); a webhook then evaluates them once per
     * request instead of once per policy. A variable reading params, the request, the namespace
     * or the authorizer is never shared.
     */
    List<String> variableShareKeys() {
        return variableShareKeys;
    }

    private static List<String> shareKeys(CelVersion version, List<NamedExpr> vars) {
        Map<String, String> byName = new java.util.HashMap<>();
        List<String> keys = new ArrayList<>(vars.size());
        for (NamedExpr v : vars) {
            String key = null;
            java.util.Set<String> refs = v.expr().ok() ? v.expr().compiled().references() : null;
            if (refs != null) {
                StringBuilder b = new StringBuilder().append(version).append('\u0001').append(v.expr().source());
                boolean shareable = true;
                for (String r : refs) { // sorted
                    if (r.equals("object") || r.equals("oldObject")) {
                        continue;
                    }
                    String dep = r.startsWith("variables.") ? byName.get(r.substring("variables.".length())) : null;
                    if (dep == null) {
                        shareable = false;
                        break;
                    }
                    b.append('\u0002').append(r).append('=').append(dep).append('\u0003');
                }
                key = shareable ? b.toString() : null;
            }
            keys.add(key);
            if (key != null && !byName.containsKey(v.name())) {
                byName.put(v.name(), key);
            }
        }
        return java.util.Collections.unmodifiableList(keys);
    }

    List<Expr> matchConditions() {
        return matchConditions;
    }

    List<Expr> validations() {
        return validations;
    }

    List<Expr> messages() {
        return messages;
    }

    List<Expr> auditAnnotations() {
        return auditAnnotations;
    }
}
