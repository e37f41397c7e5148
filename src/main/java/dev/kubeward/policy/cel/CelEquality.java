package dev.kubeward.policy.cel;

import com.google.common.primitives.UnsignedLong;
import dev.cel.runtime.CelEvaluationException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * CEL equality and ordering of runtime values, for the library functions that compare elements
 * (indexOf, min, max, isSorted): numbers compare across int, uint and double as CEL's
 * heterogeneous equality does; lists and maps compare element by element.
 */
final class CelEquality {
    private CelEquality() {}

    static boolean equal(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (isNumber(a) && isNumber(b)) {
            BigDecimal x = decimal(a);
            BigDecimal y = decimal(b);
            return x != null && y != null && x.compareTo(y) == 0;
        }
        if (a instanceof List<?> l && b instanceof List<?> m) {
            if (l.size() != m.size()) {
                return false;
            }
            for (int i = 0; i < l.size(); i++) {
                if (!equal(l.get(i), m.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> l && b instanceof Map<?, ?> m) {
            if (l.size() != m.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : l.entrySet()) {
                Object other = null;
                boolean found = false;
                for (Map.Entry<?, ?> f : m.entrySet()) {
                    if (equal(e.getKey(), f.getKey())) {
                        other = f.getValue();
                        found = true;
                        break;
                    }
                }
                if (!found || !equal(e.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }

    static int compare(Object a, Object b) throws CelEvaluationException {
        if (isNumber(a) && isNumber(b)) {
            BigDecimal x = decimal(a);
            BigDecimal y = decimal(b);
            if (x == null || y == null) {
                return Double.compare(((Number) toNumber(a)).doubleValue(), ((Number) toNumber(b)).doubleValue());
            }
            return x.compareTo(y);
        }
        if (a instanceof String s && b instanceof String t) {
            return s.compareTo(t);
        }
        if (a instanceof Boolean s && b instanceof Boolean t) {
            return Boolean.compare(s, t);
        }
        if (a instanceof Comparable<?> && a.getClass().equals(b.getClass())) {
            @SuppressWarnings("unchecked")
            Comparable<Object> c = (Comparable<Object>) a;
            return c.compareTo(b);
        }
        if (isDurationLike(a) && isDurationLike(b)) {
            return asDuration(a).compareTo(asDuration(b));
        }
        if (isTimestampLike(a) && isTimestampLike(b)) {
            return asInstant(a).compareTo(asInstant(b));
        }
        if (a instanceof Iterable<?> x && b instanceof Iterable<?> y) {
            Iterator<?> i = x.iterator();
            Iterator<?> j = y.iterator();
            while (i.hasNext() && j.hasNext()) {
                int c = compare(i.next(), j.next());
                if (c != 0) {
                    return c;
                }
            }
            return Boolean.compare(i.hasNext(), j.hasNext());
        }
        throw KubeLibraries.error("no such overload");
    }

    private static boolean isNumber(Object o) {
        return o instanceof Long || o instanceof Double || o instanceof UnsignedLong || o instanceof Integer;
    }

    private static Object toNumber(Object o) {
        return o instanceof UnsignedLong u ? u.doubleValue() : o;
    }

    private static BigDecimal decimal(Object o) {
        if (o instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        if (o instanceof Integer i) {
            return BigDecimal.valueOf(i);
        }
        if (o instanceof UnsignedLong u) {
            return new BigDecimal(u.bigIntegerValue());
        }
        double d = (Double) o;
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return null;
        }
        return BigDecimal.valueOf(d);
    }

    private static boolean isDurationLike(Object o) {
        return o instanceof Duration || o instanceof com.google.protobuf.Duration;
    }

    private static boolean isTimestampLike(Object o) {
        return o instanceof Instant || o instanceof com.google.protobuf.Timestamp;
    }

    static Duration asDuration(Object o) {
        if (o instanceof Duration d) {
            return d;
        }
        com.google.protobuf.Duration p = (com.google.protobuf.Duration) o;
        return Duration.ofSeconds(p.getSeconds(), p.getNanos());
    }

    /** A duration of the same Java representation as {@code sample}. */
    static Object durationLike(Object sample, Duration d) {
        if (sample instanceof com.google.protobuf.Duration) {
            return com.google.protobuf.Duration.newBuilder().setSeconds(d.getSeconds()).setNanos(d.getNano()).build();
        }
        return d;
    }

    static Instant asInstant(Object o) {
        if (o instanceof Instant i) {
            return i;
        }
        com.google.protobuf.Timestamp t = (com.google.protobuf.Timestamp) o;
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }
}
