package dev.kubeward.policy.cel;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.types.CelType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelVariableResolver;

/**
 * An expression compiled once and evaluated many times, from any thread: the checked AST, the
 * program, the result type, the cost plan (what each node of the AST costs at run time, as
 * cel-go's interpreter/runtimecost.go counts it) and the static cost estimate.
 */
public final class CompiledExpression {
    private final String expression;
    private final CelAbstractSyntaxTree ast;
    private final CelRuntime.Program program;
    private final CelType outputType;
    private final CostPlan plan;
    private final CostEstimate estimate;
    private final java.util.Set<String> references;

    CompiledExpression(String expression, CelAbstractSyntaxTree ast, CelRuntime.Program program, CelType outputType,
            CelEnvironment env) {
        this.expression = expression;
        this.ast = ast;
        this.program = program;
        this.outputType = outputType;
        this.plan = CostPlan.of(ast);
        this.estimate = CostEstimator.estimate(ast);
        this.references = references(ast);
    }

    /**
     * The variables the expression reads: top-level names ({@code object}, {@code params} …) and,
     * for {@code variables}, each {@code variables.NAME} selected; null when that cannot be told
     * (the {@code variables} map used whole). A comprehension's own variables are left out; a
     * top-level name a comprehension variable shadows is still listed, which only errs towards
     * "reads more".
     */
    public java.util.Set<String> references() {
        return references;
    }

    private static final java.util.Set<String> TOP_LEVEL = java.util.Set.of("object", "oldObject", "params", "request",
            "namespaceObject", "authorizer");

    private static java.util.Set<String> references(CelAbstractSyntaxTree ast) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        java.util.Set<String> local = new java.util.HashSet<>();
        java.util.Deque<dev.cel.common.ast.CelExpr> stack = new java.util.ArrayDeque<>();
        stack.push(ast.getExpr());
        java.util.List<dev.cel.common.ast.CelExpr> idents = new java.util.ArrayList<>();
        java.util.Set<Long> selectedVariables = new java.util.HashSet<>();
        while (!stack.isEmpty()) {
            dev.cel.common.ast.CelExpr e = stack.pop();
            switch (e.getKind()) {
                case IDENT -> idents.add(e);
                case SELECT -> {
                    dev.cel.common.ast.CelExpr operand = e.select().operand();
                    if (operand.getKind() == dev.cel.common.ast.CelExpr.ExprKind.Kind.IDENT
                            && operand.ident().name().equals("variables")) {
                        out.add("variables." + e.select().field());
                        selectedVariables.add(operand.id());
                    }
                    stack.push(operand);
                }
                case CALL -> {
                    e.call().target().ifPresent(stack::push);
                    e.call().args().forEach(stack::push);
                }
                case LIST -> e.list().elements().forEach(stack::push);
                case MAP -> e.map().entries().forEach(en -> {
                    stack.push(en.key());
                    stack.push(en.value());
                });
                case STRUCT -> e.struct().entries().forEach(en -> stack.push(en.value()));
                case COMPREHENSION -> {
                    local.add(e.comprehension().iterVar());
                    local.add(e.comprehension().accuVar());
                    stack.push(e.comprehension().iterRange());
                    stack.push(e.comprehension().accuInit());
                    stack.push(e.comprehension().loopCondition());
                    stack.push(e.comprehension().loopStep());
                    stack.push(e.comprehension().result());
                }
                default -> { }
            }
        }
        for (dev.cel.common.ast.CelExpr id : idents) {
            String name = id.ident().name();
            if (name.equals("variables")) {
                if (!selectedVariables.contains(id.id())) {
                    return null;
                }
            } else if (!local.contains(name) || TOP_LEVEL.contains(name)) {
                out.add(name);
            }
        }
        return java.util.Collections.unmodifiableSet(out);
    }

    public String expression() {
        return expression;
    }

    public CelType outputType() {
        return outputType;
    }

    /** The result type as cel-go prints it. */
    public String outputTypeName() {
        return TypeNames.of(outputType);
    }

    CelAbstractSyntaxTree ast() {
        return ast;
    }

    /** The estimated cost range, as cel-go's checker estimates it (dyn sizes unbounded). */
    public CostEstimate estimate() {
        return estimate;
    }

    /**
     * The outcome of one evaluation: a value, or an error with cel-go's message; and the actual
     * cost. {@code costLimitExceeded} means the evaluation was stopped at the limit.
     */
    public record Result(Object value, String error, long cost, boolean costLimitExceeded) {
        public boolean failed() {
            return error != null;
        }
    }

    public static final String COST_LIMIT_MESSAGE = "operation cancelled: actual cost limit exceeded";

    /** Evaluates with the variables of {@code resolver}, stopping once the actual cost passes {@code limit}. */
    public Result evaluate(CelVariableResolver resolver, long limit) {
        CostTracker tracker = new CostTracker(plan, limit);
        try {
            Object v = program.trace(resolver, tracker);
            if (tracker.exceeded()) {
                return new Result(null, COST_LIMIT_MESSAGE, tracker.cost(), true);
            }
            return new Result(v, null, tracker.cost(), false);
        } catch (CelEvaluationException e) {
            if (tracker.exceeded()) {
                return new Result(null, COST_LIMIT_MESSAGE, tracker.cost(), true);
            }
            return new Result(null, CelErrors.message(e), tracker.cost(), false);
        } catch (RuntimeException e) {
            if (tracker.exceeded()) {
                return new Result(null, COST_LIMIT_MESSAGE, tracker.cost(), true);
            }
            return new Result(null, CelErrors.message(e), tracker.cost(), false);
        }
    }

    @Override
    public String toString() {
        return expression;
    }
}
