package dev.kubeward.policy.cel;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;

/**
 * The static cost estimate of an expression, after cel-go's checker/cost.go: each node's cost
 * range with the same unit costs as the runtime, comprehensions multiplied by the size range of
 * what they iterate. Sizes are known for literals and unknown (0 to unbounded) for everything
 * else, which is what the API server's estimator knows of dyn-typed {@code object}, so any
 * iteration over the object estimates as unbounded. Function calls cost one unit unless the
 * library gives a fixed cost (authorization checks).
 */
final class CostEstimator {
    private CostEstimator() {}

    private record Size(long min, long max) {
        static final Size UNKNOWN = new Size(0, CostEstimate.UNBOUNDED);
        static final Size ONE = new Size(1, 1);
    }

    private record Est(CostEstimate cost, Size size) {}

    static CostEstimate estimate(CelAbstractSyntaxTree ast) {
        return walk(ast, ast.getExpr()).cost;
    }

    private static Est walk(CelAbstractSyntaxTree ast, CelExpr e) {
        switch (e.getKind()) {
            case CONSTANT: {
                Size s = Size.ONE;
                switch (e.constant().getKind()) {
                    case STRING_VALUE -> {
                        long n = e.constant().stringValue().codePointCount(0, e.constant().stringValue().length());
                        s = new Size(n, n);
                    }
                    case BYTES_VALUE -> s = new Size(e.constant().bytesValue().size(), e.constant().bytesValue().size());
                    default -> { }
                }
                return new Est(CostEstimate.of(0, 0), s);
            }
            case IDENT:
                return new Est(CostEstimate.of(1, 1), sizeOfType(ast, e));
            case SELECT: {
                Est op = walk(ast, e.select().operand());
                long c = e.select().testOnly() ? 0 : 1;
                return new Est(op.cost.plus(CostEstimate.of(c, c)), e.select().testOnly() ? Size.ONE : sizeOfType(ast, e));
            }
            case LIST: {
                CostEstimate c = CostEstimate.of(10, 10);
                for (CelExpr x : e.list().elements()) {
                    c = c.plus(walk(ast, x).cost);
                }
                long n = e.list().elements().size();
                return new Est(c, new Size(n, n));
            }
            case MAP: {
                CostEstimate c = CostEstimate.of(30, 30);
                for (CelExpr.CelMap.Entry en : e.map().entries()) {
                    c = c.plus(walk(ast, en.key()).cost).plus(walk(ast, en.value()).cost);
                }
                long n = e.map().entries().size();
                return new Est(c, new Size(n, n));
            }
            case STRUCT: {
                CostEstimate c = CostEstimate.of(40, 40);
                for (CelExpr.CelStruct.Entry en : e.struct().entries()) {
                    c = c.plus(walk(ast, en.value()).cost);
                }
                return new Est(c, Size.ONE);
            }
            case COMPREHENSION: {
                CelExpr.CelComprehension c = e.comprehension();
                Est range = walk(ast, c.iterRange());
                Est init = walk(ast, c.accuInit());
                Est cond = walk(ast, c.loopCondition());
                Est step = walk(ast, c.loopStep());
                Est result = walk(ast, c.result());
                CostEstimate per = cond.cost.plus(step.cost);
                CostEstimate loop = new CostEstimate(CostEstimate.mul(per.min(), range.size.min),
                        CostEstimate.mul(per.max(), range.size.max));
                return new Est(range.cost.plus(init.cost).plus(loop).plus(result.cost), Size.UNKNOWN);
            }
            case CALL: {
                CostEstimate c = CostEstimate.of(0, 0);
                if (e.call().target().isPresent()) {
                    c = c.plus(walk(ast, e.call().target().get()).cost);
                }
                Est[] args = new Est[e.call().args().size()];
                for (int i = 0; i < args.length; i++) {
                    args[i] = walk(ast, e.call().args().get(i));
                    c = c.plus(args[i].cost);
                }
                String fn = e.call().function();
                switch (fn) {
                    case "_&&_", "_||_", "_?_:_":
                        if (fn.equals("_?_:_") && args.length == 3) {
                            CostEstimate cond = args[0].cost;
                            CostEstimate a = args[1].cost;
                            CostEstimate b = args[2].cost;
                            return new Est(new CostEstimate(CostEstimate.add(cond.min(), Math.min(a.min(), b.min())),
                                    CostEstimate.add(cond.max(), Long.compareUnsigned(a.max(), b.max()) > 0 ? a.max() : b.max())),
                                    Size.UNKNOWN);
                        }
                        if (args.length == 2) {
                            return new Est(new CostEstimate(args[0].cost.min(), CostEstimate.add(args[0].cost.max(),
                                    args[1].cost.max())), Size.ONE);
                        }
                        return new Est(c, Size.ONE);
                    case "check":
                        return new Est(c.plus(CostEstimate.of(350_000, 350_000)), Size.ONE);
                    case "@in":
                        if (args.length == 2) {
                            return new Est(c.plus(new CostEstimate(args[1].size.min, args[1].size.max)), Size.ONE);
                        }
                        return new Est(c.plus(CostEstimate.of(1, 1)), Size.ONE);
                    default:
                        return new Est(c.plus(CostEstimate.of(1, 1)), sizeOfType(ast, e));
                }
            }
            default:
                return new Est(CostEstimate.of(0, 0), Size.ONE);
        }
    }

    private static Size sizeOfType(CelAbstractSyntaxTree ast, CelExpr e) {
        CelType t = ast.getType(e.id()).orElse(null);
        if (t == null) {
            return Size.UNKNOWN;
        }
        CelKind k = t.kind();
        if (k == CelKind.INT || k == CelKind.UINT || k == CelKind.DOUBLE || k == CelKind.BOOL || k == CelKind.NULL_TYPE) {
            return Size.ONE;
        }
        return Size.UNKNOWN;
    }
}
