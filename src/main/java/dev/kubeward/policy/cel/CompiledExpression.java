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

    CompiledExpression(String expression, CelAbstractSyntaxTree ast, CelRuntime.Program program, CelType outputType,
            CelEnvironment env) {
        this.expression = expression;
        this.ast = ast;
        this.program = program;
        this.outputType = outputType;
        this.plan = CostPlan.of(ast);
        this.estimate = CostEstimator.estimate(ast);
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
