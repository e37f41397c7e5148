package dev.kubeward.policy.cel;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelExpr;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What each node of a checked AST costs when the interpreter reports it, after cel-go's
 * interpreter/runtimecost.go as the API server configures it (has() free,
 * k8s.io/apiserver/pkg/cel/environment/base.go): identifiers and field selections 1, constants
 * 0, list/map/struct literals 10/30/40, the logical operators and the conditional 0, function
 * calls by the cost of the call with its argument values (library/cost.go for the Kubernetes
 * libraries). A selection or index on something that is not an attribute (a call's result, a
 * literal) costs one more, for the relative attribute cel-go's planner creates there.
 */
final class CostPlan {
    enum Kind { FREE, ONE, LIST, MAP, STRUCT, CALL }

    final Kind[] kinds;
    final String[] functions;
    final long[][] args; // expression ids of a call's target and arguments
    final int[] extra;    // +1 for a relative attribute
    final String[] overloads;

    private CostPlan(int size) {
        kinds = new Kind[size];
        functions = new String[size];
        args = new long[size][];
        extra = new int[size];
        overloads = new String[size];
    }

    static CostPlan of(CelAbstractSyntaxTree ast) {
        long max = 0;
        Deque<CelExpr> stack = new ArrayDeque<>();
        stack.push(ast.getExpr());
        java.util.List<CelExpr> all = new java.util.ArrayList<>();
        while (!stack.isEmpty()) {
            CelExpr e = stack.pop();
            all.add(e);
            max = Math.max(max, e.id());
            switch (e.getKind()) {
                case SELECT -> stack.push(e.select().operand());
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
                    stack.push(e.comprehension().iterRange());
                    stack.push(e.comprehension().accuInit());
                    stack.push(e.comprehension().loopCondition());
                    stack.push(e.comprehension().loopStep());
                    stack.push(e.comprehension().result());
                }
                default -> { }
            }
        }
        CostPlan plan = new CostPlan((int) max + 1);
        for (CelExpr e : all) {
            int id = (int) e.id();
            switch (e.getKind()) {
                case CONSTANT, COMPREHENSION, NOT_SET -> plan.kinds[id] = Kind.FREE;
                case IDENT -> plan.kinds[id] = Kind.ONE;
                case SELECT -> {
                    plan.kinds[id] = e.select().testOnly() ? Kind.FREE : Kind.ONE;
                    if (!e.select().testOnly() && !isAttribute(e.select().operand())) {
                        plan.extra[id] = 1;
                    }
                }
                case LIST -> plan.kinds[id] = Kind.LIST;
                case MAP -> plan.kinds[id] = Kind.MAP;
                case STRUCT -> plan.kinds[id] = Kind.STRUCT;
                case CALL -> {
                    String fn = e.call().function();
                    switch (fn) {
                        case "_&&_", "_||_", "_?_:_" -> plan.kinds[id] = Kind.FREE;
                        default -> {
                            plan.kinds[id] = Kind.CALL;
                            plan.functions[id] = fn;
                            int n = e.call().args().size() + (e.call().target().isPresent() ? 1 : 0);
                            long[] ids = new long[n];
                            int k = 0;
                            if (e.call().target().isPresent()) {
                                ids[k++] = e.call().target().get().id();
                            }
                            for (CelExpr a : e.call().args()) {
                                ids[k++] = a.id();
                            }
                            plan.args[id] = ids;
                            ast.getReference(e.id()).ifPresent(r -> {
                                if (r.overloadIds().size() == 1) {
                                    plan.overloads[id] = r.overloadIds().get(0);
                                }
                            });
                            if (fn.equals("_[_]") && !isAttribute(e.call().args().get(0))) {
                                plan.extra[id] = 1;
                            }
                        }
                    }
                }
                default -> plan.kinds[id] = Kind.FREE;
            }
        }
        return plan;
    }

    /** True where cel-go's planner makes an attribute: identifiers, selections, indexes, conditionals. */
    private static boolean isAttribute(CelExpr e) {
        return switch (e.getKind()) {
            case IDENT -> true;
            case SELECT -> !e.select().testOnly();
            case CALL -> e.call().function().equals("_[_]") || e.call().function().equals("_?_:_");
            default -> false;
        };
    }
}
