package dev.kubeward.policy.cel;

import dev.cel.common.ast.CelExpr;
import dev.cel.common.values.CelByteString;
import dev.cel.runtime.CelEvaluationListener;
import java.util.List;
import java.util.Map;

/**
 * Counts the runtime cost of one evaluation as the interpreter reports each node, and stops the
 * evaluation once the limit is passed (cel-go panics with "operation cancelled: actual cost
 * limit exceeded" there). One tracker per evaluation; not shared between threads.
 */
final class CostTracker implements CelEvaluationListener {
    private static final double STRING_TRAVERSAL = 0.1;
    private static final double REGEX_LENGTH = 0.25;

    private final CostPlan plan;
    private final long limit;
    private final Object[] values;
    private long cost;
    private boolean exceeded;

    CostTracker(CostPlan plan, long limit) {
        this.plan = plan;
        this.limit = limit;
        this.values = new Object[plan.kinds.length];
    }

    long cost() {
        return cost;
    }

    boolean exceeded() {
        return exceeded;
    }

    /** Thrown from the listener to stop an evaluation that passed its limit. */
    static final class LimitExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LimitExceeded() {
            super(CompiledExpression.COST_LIMIT_MESSAGE, null, false, false);
        }
    }

    @Override
    public void callback(CelExpr expr, Object value) {
        int id = (int) expr.id();
        if (exceeded) {
            throw new LimitExceeded();
        }
        if (id >= values.length) {
            cost++;
        } else {
            values[id] = value;
            CostPlan.Kind kind = plan.kinds[id];
            if (kind != null) {
                switch (kind) {
                    case FREE -> { }
                    case ONE -> cost += 1 + plan.extra[id];
                    case LIST -> cost += 10;
                    case MAP -> cost += 30;
                    case STRUCT -> cost += 40;
                    case CALL -> cost += callCost(id, value) + plan.extra[id];
                }
            }
        }
        if (cost > limit) {
            exceeded = true;
            throw new LimitExceeded();
        }
    }

    private Object arg(int call, int i) {
        long[] ids = plan.args[call];
        if (ids == null || i >= ids.length) {
            return null;
        }
        int a = (int) ids[i];
        return a < values.length ? values[a] : null;
    }

    private static long ceil(double d) {
        return (long) Math.ceil(d);
    }

    /** traits.Sizer: strings by code point, bytes, lists and maps by length; IPs 4 or 16; else 1. */
    static long size(Object v) {
        if (v instanceof String s) {
            return s.codePointCount(0, s.length());
        }
        if (v instanceof CelByteString b) {
            return b.size();
        }
        if (v instanceof List<?> l) {
            return l.size();
        }
        if (v instanceof Map<?, ?> m) {
            return m.size();
        }
        if (v instanceof IpAddress ip) {
            return ip.bitLength() / 8;
        }
        if (v instanceof Cidr c) {
            return (long) Math.ceil(c.bits() / 8.0);
        }
        return 1;
    }

    /** library/cost.go traversalCost. */
    static long traversal(Object v) {
        if (v instanceof String s) {
            return (long) (s.length() * STRING_TRAVERSAL);
        }
        if (v instanceof CelByteString b) {
            return (long) (b.size() * STRING_TRAVERSAL);
        }
        if (v instanceof List<?> l) {
            long c = 0;
            for (Object o : l) {
                c += traversal(o);
            }
            return c;
        }
        if (v instanceof Map<?, ?> m) {
            long c = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                c += traversal(e.getKey()) + traversal(e.getValue());
            }
            return c;
        }
        return 1;
    }

    private static boolean stringish(Object v) {
        return v instanceof String || v instanceof CelByteString;
    }

    private long callCost(int id, Object result) {
        String fn = plan.functions[id];
        String overload = plan.overloads[id];
        Object a0 = arg(id, 0);
        Object a1 = arg(id, 1);
        switch (fn) {
            // k8s.io/apiserver/pkg/cel/library/cost.go CallCost
            case "check":
                return 350_000;
            case "serviceAccount", "path", "group", "resource", "subresource", "namespace", "name", "allowed", "reason",
                    "error", "errored":
                return 1;
            case "isSorted", "sum", "max", "min", "indexOf", "lastIndexOf":
                if (a0 instanceof String) {
                    return 1;
                }
                return a0 == null ? 0 : traversal(a0);
            case "url", "lowerAscii", "upperAscii", "substring", "trim":
                return ceil(size(a0) * STRING_TRAVERSAL);
            case "replace", "split":
                return ceil(size(a0) * 2 * STRING_TRAVERSAL);
            case "join":
                return ceil(size(result) * 2 * STRING_TRAVERSAL);
            case "find", "findAll":
                return ceil((1.0 + size(a0)) * STRING_TRAVERSAL) * ceil(size(a1) * REGEX_LENGTH);
            case "cidr", "isIP", "isCIDR", "quantity", "isQuantity":
                return ceil(size(a0) * STRING_TRAVERSAL);
            case "ip":
                if ("cidr_ip".equals(overload) || a0 instanceof Cidr) {
                    return 1;
                }
                return ceil(size(a0) * STRING_TRAVERSAL);
            case "ip.isCanonical":
                return ceil(size(a0) * 2 * STRING_TRAVERSAL);
            case "masked", "prefixLength", "family", "isUnspecified", "isLoopback", "isLinkLocalMulticast",
                    "isLinkLocalUnicast":
                return 1;
            case "containsIP": {
                long c = size(a0);
                long cost = ceil((c + c) * STRING_TRAVERSAL);
                if (a1 instanceof String) {
                    cost += ceil(size(a1) * STRING_TRAVERSAL);
                }
                return cost;
            }
            case "containsCIDR": {
                long c = size(a0);
                long cost = ceil((c + c) * STRING_TRAVERSAL) + ceil(c * STRING_TRAVERSAL) + 1;
                if (a1 instanceof String) {
                    cost += ceil(size(a1) * STRING_TRAVERSAL);
                }
                return cost;
            }
            case "sign", "asInteger", "isInteger", "asApproximateFloat", "isGreaterThan", "isLessThan", "compareTo",
                    "add", "sub":
                return 1;
            // cel-go interpreter/runtimecost.go costCall
            case "startsWith", "endsWith":
                return ceil(size(a0) * STRING_TRAVERSAL);
            case "bytes", "string":
                if ((fn.equals("bytes") && a0 instanceof String) || (fn.equals("string") && a0 instanceof CelByteString)) {
                    return ceil(size(a0) * STRING_TRAVERSAL);
                }
                return 1;
            case "@in":
                if (a1 instanceof List<?> l) {
                    return l.size();
                }
                return 1;
            case "_<_", "_>_", "_<=_", "_>=_":
                if (stringish(a0) && stringish(a1)) {
                    return ceil(Math.min(size(a0), size(a1)) * STRING_TRAVERSAL);
                }
                return 1;
            case "_==_", "_!=_":
                return ceil(Math.min(size(a0), size(a1)) * STRING_TRAVERSAL);
            case "_+_":
                if (stringish(a0) && stringish(a1)) {
                    return ceil((size(a0) + size(a1)) * STRING_TRAVERSAL);
                }
                return 1;
            case "matches":
                return ceil((1.0 + size(a0)) * STRING_TRAVERSAL) * ceil(size(a1) * REGEX_LENGTH);
            case "contains":
                if (stringish(a0)) {
                    return ceil(size(a0) * STRING_TRAVERSAL) * ceil(size(a1) * STRING_TRAVERSAL);
                }
                return 1;
            default:
                return 1;
        }
    }
}
