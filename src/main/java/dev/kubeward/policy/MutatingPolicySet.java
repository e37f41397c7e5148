package dev.kubeward.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructTypeReference;
import dev.cel.common.values.NullValue;
import dev.kubeward.model.JsonPath;
import dev.kubeward.policy.PolicyModel.MutatingBinding;
import dev.kubeward.policy.PolicyModel.MutatingPolicy;
import dev.kubeward.policy.cel.CelEnvironment;
import dev.kubeward.policy.cel.CelEnvironment.Declarations;
import dev.kubeward.policy.cel.CelVersion;
import dev.kubeward.policy.cel.CompiledExpression;
import dev.kubeward.policy.cel.JsonPatchType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * MutatingAdmissionPolicies with JSONPatch mutations, applied as the mutating plugin applies
 * them: policies in order, each binding and param, match conditions, then each mutation's
 * patch on the object as the previous ones left it. An error follows failurePolicy and is
 * reported as generic.PolicyError words it. ApplyConfiguration mutations are not evaluated
 * (kubeward cannot yet merge them faithfully); each one skipped is reported.
 */
public final class MutatingPolicySet {
    private final List<Compiled> policies;
    private final Map<String, List<MutatingBinding>> bindings;
    private final List<CompileError> errors;

    public record CompileError(MutatingPolicy policy, JsonPath path, String message) {}

    public record Applied(String policy, String binding, JsonNode patch) {}

    public record Denial(String policy, String binding, String message) {
        public String denyMessage() {
            return binding == null ? "policy \"" + policy + "\" denied request: " + message
                    : "policy '" + policy + "' with binding '" + binding + "' denied request: " + message;
        }
    }

    /** The request with the mutated object, what was applied, notes, and a denial if a mutation failed. */
    public record Result(AdmissionRequest request, List<Applied> applied, List<String> notes, Denial denial) {}

    private record Compiled(MutatingPolicy policy, List<CompiledPolicy.NamedExpr> variables, List<CompiledPolicy.Expr> conditions,
            List<CompiledPolicy.Expr> mutations, boolean ok) {}

    private MutatingPolicySet(List<Compiled> policies, Map<String, List<MutatingBinding>> bindings, List<CompileError> errors) {
        this.policies = policies;
        this.bindings = bindings;
        this.errors = errors;
    }

    public List<CompileError> compileErrors() {
        return errors;
    }

    public static MutatingPolicySet of(List<MutatingPolicy> policies, List<MutatingBinding> bindings, CelVersion version) {
        CelEnvironment env = CelEnvironment.of(version);
        List<Compiled> out = new ArrayList<>();
        List<CompileError> errors = new ArrayList<>();
        CelType patchList = ListType.create(StructTypeReference.create("JSONPatch"));
        for (MutatingPolicy p : policies) {
            boolean params = p.paramKind() != null;
            boolean ok = true;
            Map<String, CelType> varTypes = new LinkedHashMap<>();
            List<CompiledPolicy.NamedExpr> vars = new ArrayList<>();
            JsonPath spec = JsonPath.of("spec");
            for (int i = 0; i < p.variables().size(); i++) {
                PolicyModel.Variable v = p.variables().get(i);
                JsonPath path = spec.key("variables").index(i).key("expression");
                CompiledPolicy.Expr e = compile(env, v.expression(), path, new Declarations(params, true, varTypes), List.of());
                if (e.error() != null) {
                    errors.add(new CompileError(p, path, e.error()));
                    ok = false;
                }
                vars.add(new CompiledPolicy.NamedExpr(v.name(), e));
                varTypes.put(v.name(), e.compiled() != null ? e.compiled().outputType() : SimpleType.DYN);
            }
            List<CompiledPolicy.Expr> conds = new ArrayList<>();
            for (int i = 0; i < p.matchConditions().size(); i++) {
                JsonPath path = spec.key("matchConditions").index(i).key("expression");
                CompiledPolicy.Expr e = compile(env, p.matchConditions().get(i).expression(), path,
                        new Declarations(params, true, Map.of()), List.of(SimpleType.BOOL));
                if (e.error() != null) {
                    errors.add(new CompileError(p, path, e.error()));
                    ok = false;
                }
                conds.add(e);
            }
            List<CompiledPolicy.Expr> muts = new ArrayList<>();
            for (int i = 0; i < p.mutations().size(); i++) {
                PolicyModel.Mutation m = p.mutations().get(i);
                if (!m.patchType().equals("JSONPatch")) {
                    muts.add(null);
                    continue;
                }
                JsonPath path = spec.key("mutations").index(i).key("jsonPatch").key("expression");
                CompiledPolicy.Expr e = compile(env, m.expression(), path,
                        new Declarations(params, true, varTypes).withJsonPatch(), List.of(patchList));
                if (e.error() != null) {
                    errors.add(new CompileError(p, path, e.error()));
                    ok = false;
                }
                muts.add(e);
            }
            out.add(new Compiled(p, vars, conds, muts, ok));
        }
        Map<String, List<MutatingBinding>> byPolicy = new LinkedHashMap<>();
        for (MutatingBinding b : bindings) {
            byPolicy.computeIfAbsent(b.policyName(), k -> new ArrayList<>()).add(b);
        }
        return new MutatingPolicySet(out, byPolicy, errors);
    }

    private static CompiledPolicy.Expr compile(CelEnvironment env, String source, JsonPath path, Declarations d, List<CelType> returns) {
        try {
            return new CompiledPolicy.Expr(source, path, env.compile(source, d, returns), null);
        } catch (CelEnvironment.CelCompileException e) {
            return new CompiledPolicy.Expr(source, path, null, e.getMessage());
        }
    }

    public Result mutate(AdmissionRequest req, PolicyContext ctx) {
        List<Applied> applied = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (req.object() == null || Matcher.isExemptAdmissionConfiguration(req.kind())) {
            return new Result(req, applied, notes, null);
        }
        AdmissionRequest current = req;
        for (Compiled c : policies) {
            MutatingPolicy p = c.policy();
            if (!c.ok() || p.matchConstraints() == null) {
                continue;
            }
            Matcher.Outcome m = Matcher.matches(p.matchConstraints(), current, ctx);
            boolean fail = !"Ignore".equals(p.failurePolicy());
            if (m.error() != null) {
                if (fail) {
                    return new Result(current, applied, notes, new Denial(p.name(), null, "failed to configure policy: " + m.error()));
                }
                continue;
            }
            if (!m.matches()) {
                continue;
            }
            for (MutatingBinding b : bindings.getOrDefault(p.name(), List.of())) {
                if (b.matchResources() != null) {
                    Matcher.Outcome bm = Matcher.matches(b.matchResources(), current, ctx);
                    if (bm.error() != null || !bm.matches()) {
                        if (bm.error() != null && fail) {
                            return new Result(current, applied, notes, new Denial(p.name(), b.name(), "failed to configure binding: " + bm.error()));
                        }
                        continue;
                    }
                }
                ValidatingShim shim = new ValidatingShim(p);
                List<JsonNode> params;
                try {
                    params = PolicySet.collectParams(shim.asValidating(), b.paramRef(), current, ctx);
                } catch (PolicySet.ConfigurationException e) {
                    if (fail) {
                        return new Result(current, applied, notes, new Denial(p.name(), b.name(), "failed to configure binding: " + e.getMessage()));
                    }
                    continue;
                }
                for (JsonNode param : params) {
                    Optional<JsonNode> ns = current.namespace().isEmpty() || current.kind().kind().equals("Namespace")
                            ? Optional.empty() : ctx.namespace(current.namespace());
                    Activation act = Activation.of(new Activation.Objects(current), current, m.resource(), m.kind(), param,
                            Activation.namespaceObject(ns.orElse(null)), ctx.authorizer());
                    LazyVariables vars = new LazyVariables(c.variables(), v -> act.resolver(true, act.namespaceObject, v));
                    boolean matches = true;
                    String condError = null;
                    for (CompiledPolicy.Expr cond : c.conditions()) {
                        CompiledExpression.Result r = cond.compiled().evaluate(act.resolver(true, NullValue.NULL_VALUE, vars), CelEnvironment.PER_CALL_LIMIT);
                        if (r.failed()) {
                            condError = "expression '" + cond.source() + "' resulted in error: " + r.error();
                        } else if (Boolean.FALSE.equals(r.value())) {
                            matches = false;
                            break;
                        }
                    }
                    if (matches && condError != null) {
                        if (fail) {
                            return new Result(current, applied, notes, new Denial(p.name(), b.name(), condError));
                        }
                        matches = false;
                    }
                    if (!matches) {
                        continue;
                    }
                    for (int i = 0; i < c.mutations().size(); i++) {
                        CompiledPolicy.Expr e = c.mutations().get(i);
                        if (e == null) {
                            notes.add("MutatingAdmissionPolicy '" + p.name() + "' mutation " + i
                                    + ": ApplyConfiguration is not evaluated by kubeward; the object is left as it is");
                            continue;
                        }
                        Activation now = Activation.of(new Activation.Objects(current), current, m.resource(), m.kind(), param,
                                act.namespaceObject, ctx.authorizer());
                        LazyVariables nowVars = new LazyVariables(c.variables(), v -> now.resolver(true, now.namespaceObject, v));
                        CompiledExpression.Result r = e.compiled().evaluate(now.resolver(true, now.namespaceObject, nowVars), CelEnvironment.PER_CALL_LIMIT);
                        if (r.failed()) {
                            if (fail) {
                                return new Result(current, applied, notes, new Denial(p.name(), b.name(),
                                        "expression '" + e.source() + "' resulted in error: " + r.error()));
                            }
                            continue;
                        }
                        ArrayNode patch = JsonNodeFactory.instance.arrayNode();
                        List<JsonNode> ops = new ArrayList<>();
                        if (r.value() instanceof List<?> l) {
                            for (Object o : l) {
                                JsonNode op = JsonPatchType.toJson(o);
                                ops.add(op);
                                patch.add(op);
                            }
                        }
                        try {
                            JsonNode mutated = JsonPatch.apply(current.object(), ops);
                            current = new AdmissionRequest(current.operation(), current.kind(), current.resource(), current.subResource(),
                                    current.name(), current.namespace(), current.userInfo(), current.dryRun(), current.options(),
                                    mutated, current.oldObject());
                            applied.add(new Applied(p.name(), b.name(), patch));
                        } catch (JsonPatch.PatchException ex) {
                            if (fail) {
                                return new Result(current, applied, notes, new Denial(p.name(), b.name(), ex.getMessage()));
                            }
                        }
                    }
                }
            }
        }
        return new Result(current, applied, notes, null);
    }

    /** The parts of a mutating policy that param collection reads, as a validating policy. */
    private record ValidatingShim(MutatingPolicy p) {
        PolicyModel.ValidatingPolicy asValidating() {
            return new PolicyModel.ValidatingPolicy(p.name(), p.paramKind(), p.matchConstraints(), List.of(), p.failurePolicy(),
                    List.of(), p.matchConditions(), p.variables(), p.source());
        }
    }
}
