package dev.kubeward.policy.cel;

/**
 * A cost range as cel-go's checker estimates it; {@code max} saturates at 2^64-1, printed
 * unsigned (what the API server reports for an unbounded estimate).
 */
public record CostEstimate(long min, long max) {
    public static final long UNBOUNDED = -1L; // 2^64-1 as an unsigned long

    static CostEstimate of(long min, long max) {
        return new CostEstimate(min, max);
    }

    static long add(long a, long b) {
        if (Long.compareUnsigned(a, UNBOUNDED - b) > 0) {
            return UNBOUNDED;
        }
        return a + b;
    }

    static long mul(long a, long b) {
        if (a == 0 || b == 0) {
            return 0;
        }
        if (Long.compareUnsigned(a, Long.divideUnsigned(UNBOUNDED, b)) > 0) {
            return UNBOUNDED;
        }
        return a * b;
    }

    CostEstimate plus(CostEstimate o) {
        return new CostEstimate(add(min, o.min), add(max, o.max));
    }

    public String minText() {
        return Long.toUnsignedString(min);
    }

    public String maxText() {
        return Long.toUnsignedString(max);
    }

    public boolean maxExceeds(long limit) {
        return Long.compareUnsigned(max, limit) > 0;
    }
}
