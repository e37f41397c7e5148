package dev.kubeward.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.values.NullValue;
import dev.cel.runtime.CelVariableResolver;
import dev.kubeward.policy.AdmissionResult.Decision;
import dev.kubeward.policy.AdmissionResult.Evaluation;
import dev.kubeward.policy.CompiledPolicy.Expr;
import dev.kubeward.policy.PolicyModel.ParamRef;
import dev.kubeward.policy.PolicyModel.ValidatingBinding;
import dev.kubeward.policy.PolicyModel.ValidatingPolicy;
import dev.kubeward.policy.cel.CelEnvironment;
import dev.kubeward.policy.cel.CelValues;
import dev.kubeward.policy.cel.CelVersion;
import dev.kubeward.policy.cel.CompiledExpression;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A set of ValidatingAdmissionPolicies and their bindings, compiled once, that answers
 * admission requests exactly as the API server's ValidatingAdmissionPolicy plugin does
 * (k8s.io/apiserver/pkg/admission/plugin/policy/validating/dispatcher.go and validator.go,
 * generic/policy_dispatcher.go for params, cel/filter.go and composition.go for evaluation).
 *
 * <p>Immutable and thread-safe: many requests may be evaluated at once; no I/O. Compiled
 * policies are cached by content ({@link #CACHE}), so rebuilding a set after one policy changes
 * recompiles only that one.
 */
public final class PolicySet {
    private static final Map<String, CompiledPolicy> CACHE = new ConcurrentHashMap<>();
    private static final int MAX_AUDIT_VALUE = 10 * 1024;

    private final CelVersion version;
    private final List<CompiledPolicy> policies;
    private final Map<String, List<ValidatingBinding>> bindings;

    private PolicySet(CelVersion version, List<CompiledPolicy> policies, Map<String, List<ValidatingBinding>> bindings) {
        this.version = version;
        this.policies = policies;
        this.bindings = bindings;
    }

    public static PolicySet of(List<ValidatingPolicy> policies, List<ValidatingBinding> bindings, CelVersion version) {
        List<CompiledPolicy> compiled = new ArrayList<>();
        for (ValidatingPolicy p : policies) {
            String key = version + "\u0000" + p.source().path("metadata").path("name").asText() + "\u0000" + p.source().path("spec");
            compiled.add(CACHE.computeIfAbsent(key, k -> CompiledPolicy.compile(p, version)));
        }
        Map<String, List<ValidatingBinding>> byPolicy = new LinkedHashMap<>();
        for (ValidatingBinding b : bindings) {
            byPolicy.computeIfAbsent(b.policyName(), k -> new ArrayList<>()).add(b);
        }
        return new PolicySet(version, List.copyOf(compiled), byPolicy);
    }

    public CelVersion version() {
        return version;
    }

    public List<CompiledPolicy> policies() {
        return policies;
    }

    public List<ValidatingBinding> bindingsOf(String policy) {
        return bindings.getOrDefault(policy, List.of());
    }

    /** True when some policy's matchConstraints could match this request (a cheap pre-filter). */
    public boolean anyPolicyMatches(AdmissionRequest req, PolicyContext ctx) {
        for (CompiledPolicy cp : policies) {
            if (cp.policy().matchConstraints() != null && Matcher.matches(cp.policy().matchConstraints(), req, ctx).matches()) {
                return true;
            }
        }
        return false;
    }

    /** Evaluates one request against every policy. */
    public AdmissionResult admit(AdmissionRequest req, PolicyContext ctx) {
        List<Decision> all = new ArrayList<>();
        List<Decision> denied = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<String, String> audit = new LinkedHashMap<>();
        if (Matcher.isExemptAdmissionConfiguration(req.kind())) {
            return new AdmissionResult(List.of(), List.of(), Map.of(), null);
        }
        Activation.Objects objects = null;
        Map<String, Object> namespaceValues = new java.util.HashMap<>(4);
        Map<List<Object>, Map<String, Object>> requestValues = new java.util.HashMap<>(4);
        for (CompiledPolicy cp : policies) {
            ValidatingPolicy policy = cp.policy();
            if (policy.matchConstraints() == null) {
                continue;
            }
            Matcher.Outcome m = Matcher.matches(policy.matchConstraints(), req, ctx);
            if (m.error() != null) {
                configError(policy, null, "failed to configure policy: " + m.error(), all, denied);
                continue;
            }
            if (!m.matches()) {
                continue;
            }
            Map<String, List<String>> annotations = new LinkedHashMap<>();
            for (ValidatingBinding binding : bindingsOf(policy.name())) {
                if (binding.matchResources() != null) {
                    Matcher.Outcome bm = Matcher.matches(binding.matchResources(), req, ctx);
                    if (bm.error() != null) {
                        configError(policy, binding, "failed to configure binding: " + bm.error(), all, denied);
                        continue;
                    }
                    if (!bm.matches()) {
                        continue;
                    }
                }
                List<JsonNode> params;
                try {
                    params = collectParams(policy, binding.paramRef(), req, ctx);
                } catch (ConfigurationException e) {
                    configError(policy, binding, "failed to configure binding: " + e.getMessage(), all, denied);
                    continue;
                }
                if (objects == null) {
                    objects = new Activation.Objects(req);
                }
                // The special case of dispatcher.go: a Namespace request has no namespaceObject.
                String nsName = req.namespace();
                if (req.kind().kind().equals("Namespace") && req.kind().version().equals("v1") && req.kind().group().isEmpty()) {
                    nsName = "";
                }
                JsonNode namespace = null;
                if (!nsName.isEmpty()) {
                    Optional<JsonNode> ns = ctx.namespace(nsName);
                    if (ns.isEmpty()) {
                        configError(policy, binding, "namespaces \"" + nsName + "\" not found", all, denied);
                        continue;
                    }
                    namespace = ns.get();
                }
                final JsonNode nsNode = namespace;
                Object nsValue = namespaceValues.computeIfAbsent(nsName, k -> Activation.namespaceObject(nsNode));
                Map<String, Object> requestValue = requestValues.computeIfAbsent(List.of(m.resource(), m.kind()),
                        k -> Activation.requestValue(req, m.resource(), m.kind()));
                for (JsonNode param : params) {
                    Activation act = Activation.of(objects, req, requestValue, param, nsValue, ctx.authorizer());
                    Validated v = validate(cp, act, namespace);
                    String paramName = param == null ? null : param.path("metadata").path("name").asText(null);
                    for (Decision d0 : v.decisions) {
                        Decision d = new Decision(policy.name(), binding.name(), paramName, d0.validation(), d0.expression(),
                                d0.evaluation(), d0.deny(), d0.message(), d0.reason(),
                                d0.deny() ? binding.validationActions() : List.of(), false);
                        all.add(d);
                        if (!d.deny()) {
                            continue;
                        }
                        for (String action : binding.validationActions()) {
                            switch (action) {
                                case "Deny" -> denied.add(d);
                                case "Warn" -> warnings.add("Validation failed for ValidatingAdmissionPolicy '" + policy.name()
                                        + "' with binding '" + binding.name() + "': " + d.message());
                                case "Audit" -> audit.put("validation.policy.admission.k8s.io/validation_failure",
                                        validationFailure(d, binding));
                                default -> { }
                            }
                        }
                    }
                    for (AuditValue a : v.audits) {
                        if (a.error != null) {
                            Decision d = new Decision(policy.name(), binding.name(), paramName, -1, a.expression,
                                    Evaluation.ERROR, true, a.error, null, List.of(), false);
                            all.add(d);
                            denied.add(d);
                        } else if (a.value != null) {
                            String value = a.value.length() > MAX_AUDIT_VALUE ? a.value.substring(0, MAX_AUDIT_VALUE) : a.value;
                            List<String> vs = annotations.computeIfAbsent(a.key, k -> new ArrayList<>());
                            if (!vs.contains(value)) {
                                vs.add(value);
                            }
                        }
                    }
                }
            }
            annotations.forEach((k, vs) -> audit.put(policy.name() + "/" + k, String.join(", ", vs)));
        }
        return new AdmissionResult(List.copyOf(all), List.copyOf(warnings), Map.copyOf(audit), denied.isEmpty() ? null : denied.get(0));
    }

    private static String validationFailure(Decision d, ValidatingBinding b) {
        com.fasterxml.jackson.databind.node.ObjectNode o = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        o.put("message", d.message());
        o.put("policy", d.policy());
        o.put("binding", b.name());
        o.put("expressionIndex", d.validation());
        com.fasterxml.jackson.databind.node.ArrayNode actions = o.putArray("validationActions");
        b.validationActions().forEach(actions::add);
        return "[" + o + "]";
    }

    /** addConfigError of dispatcher.go: denies (whatever the validation actions) unless failurePolicy is Ignore. */
    private static void configError(ValidatingPolicy policy, ValidatingBinding binding, String message, List<Decision> all,
            List<Decision> denied) {
        boolean ignore = "Ignore".equals(policy.failurePolicy());
        Decision d = new Decision(policy.name(), binding == null ? null : binding.name(), null, -1, null, Evaluation.ERROR,
                !ignore, message, null, List.of(), true);
        all.add(d);
        if (!ignore) {
            denied.add(d);
        }
    }

    static final class ConfigurationException extends Exception {
        private static final long serialVersionUID = 1L;

        ConfigurationException(String m) {
            super(m, null, false, false);
        }
    }

    /** generic.CollectParams. A single null param means "no params". */
    static List<JsonNode> collectParams(ValidatingPolicy policy, ParamRef ref, AdmissionRequest req, PolicyContext ctx)
            throws ConfigurationException {
        PolicyModel.ParamKind kind = policy.paramKind();
        if (kind == null || ref == null) {
            List<JsonNode> none = new ArrayList<>();
            none.add(null);
            return none;
        }
        Optional<Boolean> namespaced = ctx.paramKindNamespaced(kind);
        if (namespaced.isEmpty()) {
            throw new ConfigurationException("paramKind kind `" + kind + "` not known");
        }
        String ns = null;
        if (namespaced.get()) {
            ns = req.namespace();
            if (ref.namespace() != null) {
                ns = ref.namespace();
            } else if (ns.isEmpty()) {
                throw new ConfigurationException("cannot use namespaced paramRef in policy binding that matches cluster-scoped resources");
            }
        } else if (ref.namespace() != null) {
            throw new ConfigurationException("paramRef.namespace must not be provided for a cluster-scoped `paramKind`");
        }
        List<JsonNode> params;
        if (ref.name() != null) {
            if (ref.selector() != null) {
                throw new ConfigurationException("paramRef.name and paramRef.selector are mutually exclusive");
            }
            params = ctx.params(kind, ns, ref.name(), null);
        } else if (ref.selector() != null) {
            params = ctx.params(kind, ns, null, ref.selector());
        } else {
            throw new ConfigurationException("one of name or selector must be provided");
        }
        if (params.isEmpty() && "Deny".equals(ref.parameterNotFoundAction())) {
            throw new ConfigurationException("no params found for policy binding with `Deny` parameterNotFoundAction");
        }
        return params;
    }

    // ------------------------------------------------------------------ validator.go

    private record AuditValue(String key, String expression, String value, String error) {}

    private record Validated(List<Decision> decisions, List<AuditValue> audits) {}

    private record Evaluated(Object value, String error) {}

    private static final class OutOfBudget extends Exception {
        private static final long serialVersionUID = 1L;

        OutOfBudget() {
            super("validation failed due to running out of cost budget, no further validation rules will be run", null, false, false);
        }
    }

    private record Batch(List<Evaluated> results, long remaining) {}

    /** cel/filter.go ForInput (composited): every expression in order, drawing on one budget. */
    private static Batch forInput(CompiledPolicy cp, List<Expr> exprs, Activation act, boolean authorizer, Object namespace,
            long budget) throws OutOfBudget {
        LazyVariables[] holder = new LazyVariables[1];
        holder[0] = new LazyVariables(cp.variables(), cp.variableShareKeys(), act.sharedVariables,
                vars -> act.resolver(true, namespace, vars));
        CelVariableResolver resolver = act.resolver(authorizer, namespace, holder[0]);
        List<Evaluated> out = new ArrayList<>(exprs.size());
        long remaining = budget;
        for (Expr e : exprs) {
            if (e == null) {
                out.add(null);
                continue;
            }
            if (!e.ok()) {
                out.add(new Evaluated(null, "compilation error: " + e.error()));
                continue;
            }
            CompiledExpression.Result r = e.compiled().evaluate(resolver, CelEnvironment.PER_CALL_LIMIT);
            long variablesCost = holder[0].getAndResetCost();
            if (variablesCost > remaining) {
                throw new OutOfBudget();
            }
            remaining -= variablesCost;
            if (r.cost() > remaining) {
                throw new OutOfBudget();
            }
            remaining -= r.cost();
            if (r.failed()) {
                out.add(new Evaluated(null, "expression '" + e.source() + "' resulted in error: " + r.error()));
            } else {
                out.add(new Evaluated(r.value(), null));
            }
        }
        return new Batch(out, remaining);
    }

    private static Validated validate(CompiledPolicy cp, Activation act, JsonNode rawNamespace) {
        ValidatingPolicy policy = cp.policy();
        boolean fail = !"Ignore".equals(policy.failurePolicy());
        List<Decision> decisions = new ArrayList<>();
        // matchconditions.Matcher.Match: namespaceObject is not given to match conditions.
        if (!cp.matchConditions().isEmpty()) {
            String error = null;
            boolean matches = true;
            try {
                Batch b = forInput(cp, cp.matchConditions(), act, true, NullValue.NULL_VALUE, CelEnvironment.RUNTIME_COST_BUDGET);
                List<String> errors = new ArrayList<>();
                for (Evaluated e : b.results()) {
                    if (e.error() != null) {
                        errors.add(e.error());
                    } else if (Boolean.FALSE.equals(e.value())) {
                        matches = false;
                        break;
                    }
                }
                if (matches && !errors.isEmpty()) {
                    if (fail) {
                        error = errors.size() == 1 ? errors.get(0) : "[" + String.join(", ", errors) + "]";
                    } else {
                        matches = false;
                    }
                }
            } catch (OutOfBudget e) {
                if (fail) {
                    error = e.getMessage();
                } else {
                    matches = false;
                }
            }
            if (error != null) {
                decisions.add(new Decision(null, null, null, -1, null, Evaluation.ERROR, fail, error, null, List.of(), false));
                return new Validated(decisions, List.of());
            }
            if (!matches) {
                return new Validated(List.of(), List.of());
            }
        }
        Object ns = act.namespaceObject;
        Batch results;
        try {
            results = forInput(cp, cp.validations(), act, true, ns, CelEnvironment.RUNTIME_COST_BUDGET);
        } catch (OutOfBudget e) {
            decisions.add(new Decision(null, null, null, -1, null, Evaluation.ERROR, fail, e.getMessage(), null, List.of(), false));
            return new Validated(decisions, List.of());
        }
        Batch messages = null;
        String messageBudgetError = null;
        // validator.go evaluates every messageExpression, failed validation or not, on the budget
        // the validations left; it matters to the outcome only when a validation failed or when
        // the messages could run the budget out. When neither can happen (each expression stops at
        // the per-call limit), skipping them gives the same decisions.
        boolean anyFailed = false;
        int messageCount = 0;
        for (int i = 0; i < results.results().size(); i++) {
            Evaluated r = results.results().get(i);
            anyFailed |= r.error() != null || !Boolean.TRUE.equals(r.value());
            messageCount += cp.messages().get(i) == null ? 0 : 1;
        }
        boolean mayRunOut = messageCount > 0 && (long) messageCount * 2 * CelEnvironment.PER_CALL_LIMIT > results.remaining();
        if (anyFailed || mayRunOut) {
            try {
                messages = forInput(cp, cp.messages(), act, false, ns, results.remaining());
            } catch (OutOfBudget e) {
                messageBudgetError = e.getMessage();
            }
        }
        for (int i = 0; i < results.results().size(); i++) {
            Evaluated r = results.results().get(i);
            PolicyModel.Validation v = policy.validations().get(i);
            if (r.error() != null) {
                decisions.add(new Decision(null, null, null, i, v.expression(), Evaluation.ERROR, fail, r.error(), null, List.of(), false));
            } else if (messageBudgetError != null) {
                decisions.add(new Decision(null, null, null, i, v.expression(), Evaluation.ERROR, fail,
                        "failed messageExpression: " + messageBudgetError, null, List.of(), false));
            } else if (!Boolean.TRUE.equals(r.value())) {
                String reason = v.reason() == null ? "Invalid" : v.reason();
                String message = "";
                Evaluated mr = messages == null || i >= messages.results().size() ? null : messages.results().get(i);
                if (mr != null && mr.error() == null && mr.value() instanceof String s) {
                    message = s.trim();
                    if (message.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > CelEnvironment.MAX_MESSAGE_BYTES
                            || message.contains("\n")) {
                        message = "";
                    }
                }
                if (message.isEmpty() && v.message() != null && !v.message().isEmpty()) {
                    message = v.message().trim();
                }
                if (message.isEmpty()) {
                    message = "failed expression: " + v.expression().trim();
                }
                decisions.add(new Decision(null, null, null, i, v.expression(), Evaluation.DENY, true, message, reason, List.of(), false));
            } else {
                decisions.add(new Decision(null, null, null, i, v.expression(), Evaluation.ADMIT, false, null, null, List.of(), false));
            }
        }
        List<AuditValue> audits = new ArrayList<>();
        if (!cp.auditAnnotations().isEmpty()) {
            // validator.go evaluates audit annotations with the full budget, no authorizer, and
            // the namespace as it is (not the reduced namespaceObject).
            Object rawNs = rawNamespace == null ? NullValue.NULL_VALUE : CelValues.fromJson(rawNamespace);
            Batch ab;
            try {
                ab = forInput(cp, cp.auditAnnotations(), act, false, rawNs, CelEnvironment.RUNTIME_COST_BUDGET);
            } catch (OutOfBudget e) {
                return new Validated(List.of(new Decision(null, null, null, -1, null, Evaluation.ERROR, fail, e.getMessage(), null,
                        List.of(), false)), List.of());
            }
            for (int i = 0; i < ab.results().size(); i++) {
                PolicyModel.AuditAnnotation a = policy.auditAnnotations().get(i);
                Evaluated r = ab.results().get(i);
                if (r.error() != null) {
                    if (fail) {
                        audits.add(new AuditValue(a.key(), a.valueExpression(), null, r.error()));
                    }
                } else if (r.value() instanceof String s) {
                    String t = s.trim();
                    if (!t.isEmpty()) {
                        audits.add(new AuditValue(a.key(), a.valueExpression(), t, null));
                    }
                } else if (!(r.value() instanceof NullValue)) {
                    audits.add(new AuditValue(a.key(), a.valueExpression(), null, "valueExpression '" + a.valueExpression()
                            + "' resulted in unsupported return type: " + CelValues.typeName(r.value())
                            + ". Return type must be either string or null."));
                }
            }
        }
        return new Validated(decisions, audits);
    }
}
