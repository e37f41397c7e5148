package dev.kubeward.policy;

import dev.cel.runtime.CelVariableResolver;
import dev.kubeward.policy.cel.CelEnvironment;
import dev.kubeward.policy.cel.CompiledExpression;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@code variables} value of one filter evaluation (cel/composition.go): each variable is
 * evaluated the first time an expression reads it, at most once, with its own per-call limit;
 * its cost is reported to the expression that triggered it. A variable that fails gives the
 * error {@code composited variable "x" fails to evaluate: ...} to whoever reads it.
 */
final class LazyVariables extends AbstractMap<String, Object> {
    private final List<CompiledPolicy.NamedExpr> variables;
    private final Function<Map<String, Object>, CelVariableResolver> resolverFor;
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, String> errors = new LinkedHashMap<>();
    private long accumulatedCost;

    LazyVariables(List<CompiledPolicy.NamedExpr> variables, Function<Map<String, Object>, CelVariableResolver> resolverFor) {
        this.variables = variables;
        this.resolverFor = resolverFor;
    }

    long getAndResetCost() {
        long c = accumulatedCost;
        accumulatedCost = 0;
        return c;
    }

    private CompiledPolicy.NamedExpr find(Object key) {
        for (CompiledPolicy.NamedExpr v : variables) {
            if (v.name().equals(key)) {
                return v;
            }
        }
        return null;
    }

    /** Thrown to the interpreter when a variable fails; its message becomes the expression's error. */
    static final class VariableError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        VariableError(String m) {
            super(m, null, false, false);
        }
    }

    @Override
    public boolean containsKey(Object key) {
        return find(key) != null;
    }

    @Override
    public Object get(Object key) {
        CompiledPolicy.NamedExpr v = find(key);
        if (v == null) {
            return null;
        }
        String name = v.name();
        if (values.containsKey(name)) {
            return values.get(name);
        }
        if (errors.containsKey(name)) {
            throw new VariableError(errors.get(name));
        }
        if (!v.expr().ok()) {
            String e = "composited variable \"" + name + "\" fails to compile: " + v.expr().error();
            errors.put(name, e);
            throw new VariableError(e);
        }
        CompiledExpression.Result r = v.expr().compiled().evaluate(resolverFor.apply(this), CelEnvironment.PER_CALL_LIMIT);
        accumulatedCost += r.cost();
        if (r.failed()) {
            String e = "composited variable \"" + name + "\" fails to evaluate: " + r.error();
            errors.put(name, e);
            throw new VariableError(e);
        }
        values.put(name, r.value());
        return r.value();
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        Set<Entry<String, Object>> out = new LinkedHashSet<>();
        for (CompiledPolicy.NamedExpr v : variables) {
            out.add(new SimpleImmutableEntry<>(v.name(), get(v.name())));
        }
        return out;
    }
}
