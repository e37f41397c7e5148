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
    private final List<String> shareKeys;
    private final Map<String, CompiledExpression.Result> shared;
    private long accumulatedCost;

    LazyVariables(List<CompiledPolicy.NamedExpr> variables, Function<Map<String, Object>, CelVariableResolver> resolverFor) {
        this(variables, null, null, resolverFor);
    }

    /**
     * @param shareKeys per variable, a key under which its result may be shared with other
     *     policies evaluating the same request (null where it may not)
     * @param shared the request's shared results
     */
    LazyVariables(List<CompiledPolicy.NamedExpr> variables, List<String> shareKeys, Map<String, CompiledExpression.Result> shared,
            Function<Map<String, Object>, CelVariableResolver> resolverFor) {
        this.variables = variables;
        this.resolverFor = resolverFor;
        this.shareKeys = shareKeys;
        this.shared = shared;
    }

    long getAndResetCost() {
        long c = accumulatedCost;
        accumulatedCost = 0;
        return c;
    }

    private CompiledPolicy.NamedExpr find(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : variables.get(i);
    }

    private int indexOf(Object key) {
        for (int i = 0; i < variables.size(); i++) {
            if (variables.get(i).name().equals(key)) {
                return i;
            }
        }
        return -1;
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
        int index = indexOf(key);
        if (index < 0) {
            return null;
        }
        CompiledPolicy.NamedExpr v = variables.get(index);
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
        String shareKey = shared == null ? null : shareKeys.get(index);
        CompiledExpression.Result r = shareKey == null ? null : shared.get(shareKey);
        if (r == null) {
            r = v.expr().compiled().evaluate(resolverFor.apply(this), CelEnvironment.PER_CALL_LIMIT);
            if (shareKey != null) {
                shared.put(shareKey, r);
            }
        }
        // Charged to every policy that reads it, as if each had evaluated it.
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
