package dev.kubeward.policy.cel;

import com.google.common.primitives.UnsignedLong;
import dev.cel.common.values.CelByteString;
import dev.cel.common.values.NullValue;
import dev.cel.runtime.CelEvaluationException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code '...'.format([args])} of cel-go's strings extension (version 1 and later): the clauses
 * %s, %d, %f, %e, %x, %X, %o, %b with an optional precision, and %%.
 */
final class StringFormatter {
    private StringFormatter() {}

    static String format(String f, List<?> args) throws CelEvaluationException {
        StringBuilder out = new StringBuilder();
        int argIndex = 0;
        for (int i = 0; i < f.length(); i++) {
            char c = f.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            i++;
            if (i >= f.length()) {
                throw KubeLibraries.error("could not parse formatting clause: unexpected end of string");
            }
            if (f.charAt(i) == '%') {
                out.append('%');
                continue;
            }
            Integer precision = null;
            if (f.charAt(i) == '.') {
                int start = ++i;
                while (i < f.length() && Character.isDigit(f.charAt(i))) {
                    i++;
                }
                if (start == i || i >= f.length()) {
                    throw KubeLibraries.error("could not parse formatting clause: error while parsing precision");
                }
                precision = Integer.parseInt(f.substring(start, i));
            }
            char verb = f.charAt(i);
            if (argIndex >= args.size()) {
                throw KubeLibraries.error("index " + argIndex + " out of range");
            }
            Object arg = args.get(argIndex++);
            out.append(clause(verb, precision, arg));
        }
        return out.toString();
    }

    private static String clause(char verb, Integer precision, Object arg) throws CelEvaluationException {
        switch (verb) {
            case 's':
                return string(arg);
            case 'd':
                if (arg instanceof Long || arg instanceof UnsignedLong) {
                    return arg.toString();
                }
                if (arg instanceof Double d && !d.isNaN() && !d.isInfinite()) {
                    throw KubeLibraries.error("error during formatting: decimal clause can only be used on integers, was given double");
                }
                throw KubeLibraries.error("error during formatting: decimal clause can only be used on integers, was given " + typeName(arg));
            case 'f':
                return fixed(arg, precision == null ? 6 : precision);
            case 'e':
                return scientific(arg, precision == null ? 6 : precision);
            case 'x':
            case 'X': {
                String hex;
                if (arg instanceof Long l) {
                    hex = l < 0 ? "-" + Long.toHexString(-l) : Long.toHexString(l);
                } else if (arg instanceof UnsignedLong u) {
                    hex = u.bigIntegerValue().toString(16);
                } else if (arg instanceof String s) {
                    hex = hexBytes(s.getBytes(StandardCharsets.UTF_8));
                } else if (arg instanceof CelByteString b) {
                    hex = hexBytes(b.toByteArray());
                } else {
                    throw KubeLibraries.error("error during formatting: only integers, byte buffers, and strings can be formatted as hex, was given " + typeName(arg));
                }
                return verb == 'X' ? hex.toUpperCase(Locale.ROOT) : hex;
            }
            case 'o':
                if (arg instanceof Long l) {
                    return l < 0 ? "-" + Long.toOctalString(-l) : Long.toOctalString(l);
                }
                if (arg instanceof UnsignedLong u) {
                    return u.bigIntegerValue().toString(8);
                }
                throw KubeLibraries.error("error during formatting: octal clause can only be used on integers, was given " + typeName(arg));
            case 'b':
                if (arg instanceof Long l) {
                    return l < 0 ? "-" + Long.toBinaryString(-l) : Long.toBinaryString(l);
                }
                if (arg instanceof UnsignedLong u) {
                    return u.bigIntegerValue().toString(2);
                }
                if (arg instanceof Boolean b) {
                    return b ? "1" : "0";
                }
                throw KubeLibraries.error("error during formatting: only integers and bools can be formatted as binary, was given " + typeName(arg));
            default:
                throw KubeLibraries.error("could not parse formatting clause: unrecognized formatting clause \"" + verb + "\"");
        }
    }

    private static String hexBytes(byte[] bytes) {
        StringBuilder b = new StringBuilder();
        for (byte x : bytes) {
            b.append(String.format("%02x", x & 0xff));
        }
        return b.toString();
    }

    private static String fixed(Object arg, int precision) throws CelEvaluationException {
        double d = number(arg, "fixed-point");
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        return new BigDecimal(d).setScale(precision, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }

    private static String scientific(Object arg, int precision) throws CelEvaluationException {
        double d = number(arg, "scientific notation");
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        String s = String.format(Locale.ROOT, "%." + precision + "e", d);
        return s;
    }

    private static double number(Object arg, String what) throws CelEvaluationException {
        if (arg instanceof Double d) {
            return d;
        }
        if (arg instanceof Long l) {
            return l;
        }
        if (arg instanceof UnsignedLong u) {
            return u.doubleValue();
        }
        if (arg instanceof String s) {
            switch (s) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        throw KubeLibraries.error("error during formatting: " + what + " clause can only be used on doubles, was given " + typeName(arg));
    }

    static String string(Object arg) {
        if (arg instanceof String s) {
            return s;
        }
        if (arg == null || arg instanceof NullValue) {
            return "null";
        }
        if (arg instanceof Double d) {
            if (d.isNaN()) {
                return "NaN";
            }
            if (d.isInfinite()) {
                return d > 0 ? "Infinity" : "-Infinity";
            }
            return CelValues.formatDouble(d);
        }
        if (arg instanceof CelByteString b) {
            return new String(b.toByteArray(), StandardCharsets.UTF_8);
        }
        if (arg instanceof List<?> l) {
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    b.append(", ");
                }
                b.append(quoted(l.get(i)));
            }
            return b.append(']').toString();
        }
        if (arg instanceof Map<?, ?> m) {
            Map<String, String> sorted = new TreeMap<>();
            m.forEach((k, v) -> sorted.put(quoted(k), quoted(v)));
            StringBuilder b = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<String, String> e : sorted.entrySet()) {
                if (!first) {
                    b.append(", ");
                }
                first = false;
                b.append(e.getKey()).append(": ").append(e.getValue());
            }
            return b.append('}').toString();
        }
        return String.valueOf(arg);
    }

    private static String quoted(Object o) {
        return o instanceof String s ? GoStrings.quote(s) : string(o);
    }

    private static String typeName(Object o) {
        return CelValues.typeName(o);
    }
}
