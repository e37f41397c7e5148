package dev.kubeward.policy.cel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.primitives.UnsignedLong;
import dev.cel.common.types.CelType;
import dev.cel.common.values.CelByteString;
import dev.cel.common.values.NullValue;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Conversion between JSON trees and CEL runtime values: an object becomes what the API server
 * gives CEL (unstructured maps and lists, int64 and float64 numbers), and a CEL result becomes
 * JSON for people (opaque library values as their string form).
 */
public final class CelValues {
    private CelValues() {}

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** The CEL value of a JSON tree; null (Java) for a missing node is CEL null. */
    public static Object fromJson(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return NullValue.NULL_VALUE;
        }
        switch (node.getNodeType()) {
            case OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>(Math.max(4, node.size() * 2));
                node.fields().forEachRemaining(e -> m.put(e.getKey(), fromJson(e.getValue())));
                return Collections.unmodifiableMap(m);
            }
            case ARRAY: {
                List<Object> l = new ArrayList<>(node.size());
                for (JsonNode e : node) {
                    l.add(fromJson(e));
                }
                return Collections.unmodifiableList(l);
            }
            case STRING:
                return node.textValue();
            case BOOLEAN:
                return node.booleanValue();
            case NUMBER:
                if (node.isIntegralNumber()) {
                    if (node.canConvertToLong()) {
                        return node.longValue();
                    }
                    return node.doubleValue();
                }
                return node.doubleValue();
            default:
                return node.asText();
        }
    }

    /** The JSON form of a CEL value. */
    public static JsonNode toJson(Object v) {
        if (v == null || v instanceof NullValue) {
            return F.nullNode();
        }
        if (v instanceof Boolean b) {
            return F.booleanNode(b);
        }
        if (v instanceof Long l) {
            return F.numberNode(l);
        }
        if (v instanceof Integer i) {
            return F.numberNode(i);
        }
        if (v instanceof UnsignedLong u) {
            return F.numberNode(u.bigIntegerValue());
        }
        if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                return F.textNode(formatDouble(d));
            }
            return F.numberNode(d);
        }
        if (v instanceof String s) {
            return F.textNode(s);
        }
        if (v instanceof CelByteString b) {
            return F.textNode(Base64.getEncoder().encodeToString(b.toByteArray()));
        }
        if (v instanceof Optional<?> o) {
            return o.isPresent() ? toJson(o.get()) : F.nullNode();
        }
        if (v instanceof List<?> l) {
            ArrayNode a = F.arrayNode();
            l.forEach(x -> a.add(toJson(x)));
            return a;
        }
        if (v instanceof Map<?, ?> m) {
            ObjectNode o = F.objectNode();
            m.forEach((k, x) -> o.set(k instanceof String s ? s : String.valueOf(toJson(k).asText()), toJson(x)));
            return o;
        }
        if (v instanceof Duration || v instanceof com.google.protobuf.Duration) {
            return F.textNode(goDuration(CelEquality.asDuration(v)));
        }
        if (v instanceof Instant || v instanceof com.google.protobuf.Timestamp) {
            return F.textNode(DateTimeFormatter.ISO_INSTANT.format(CelEquality.asInstant(v)));
        }
        if (v instanceof CelType t) {
            return F.textNode(t.name());
        }
        return F.textNode(v.toString());
    }

    /** The CEL type name of a runtime value, for messages. */
    public static String typeName(Object v) {
        if (v == null || v instanceof NullValue) {
            return "null_type";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof Long || v instanceof Integer) {
            return "int";
        }
        if (v instanceof UnsignedLong) {
            return "uint";
        }
        if (v instanceof Double) {
            return "double";
        }
        if (v instanceof String) {
            return "string";
        }
        if (v instanceof CelByteString) {
            return "bytes";
        }
        if (v instanceof List) {
            return "list";
        }
        if (v instanceof Map) {
            return "map";
        }
        if (v instanceof Optional) {
            return "optional_type";
        }
        if (v instanceof Duration || v instanceof com.google.protobuf.Duration) {
            return "google.protobuf.Duration";
        }
        if (v instanceof Instant || v instanceof com.google.protobuf.Timestamp) {
            return "google.protobuf.Timestamp";
        }
        if (v instanceof Quantity) {
            return "kubernetes.Quantity";
        }
        if (v instanceof IpAddress) {
            return "net.IP";
        }
        if (v instanceof Cidr) {
            return "net.CIDR";
        }
        if (v instanceof GoUrl) {
            return "kubernetes.URL";
        }
        if (v instanceof Semver) {
            return "kubernetes.Semver";
        }
        return v.getClass().getSimpleName();
    }

    /** strconv.FormatFloat(d, 'g', -1, 64), as CEL's string(double). */
    public static String formatDouble(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "+Inf" : "-Inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        BigDecimal b = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        int exp = b.precision() - b.scale() - 1;
        if (exp < -4 || exp >= 21) {
            String digits = b.unscaledValue().abs().toString();
            String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String e = (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
            return (b.signum() < 0 ? "-" : "") + mant + "e" + e;
        }
        return b.toPlainString();
    }

    /** Go's time.Duration.String(): 1h2m3.5s, 150ms, 0s. */
    public static String goDuration(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        boolean neg = d.isNegative();
        Duration a = d.abs();
        long totalNanos;
        try {
            totalNanos = a.toNanos();
        } catch (ArithmeticException e) {
            return (neg ? "-" : "") + a.getSeconds() + "s";
        }
        StringBuilder b = new StringBuilder(neg ? "-" : "");
        if (totalNanos < 1_000_000_000L) {
            if (totalNanos < 1_000) {
                return b.append(totalNanos).append("ns").toString();
            }
            if (totalNanos < 1_000_000) {
                return b.append(trim(BigDecimal.valueOf(totalNanos, 3))).append("µs").toString();
            }
            return b.append(trim(BigDecimal.valueOf(totalNanos, 6))).append("ms").toString();
        }
        long hours = totalNanos / 3_600_000_000_000L;
        long rest = totalNanos % 3_600_000_000_000L;
        long minutes = rest / 60_000_000_000L;
        rest = rest % 60_000_000_000L;
        if (hours > 0) {
            b.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            b.append(minutes).append('m');
        }
        b.append(trim(BigDecimal.valueOf(rest, 9))).append('s');
        return b.toString();
    }

    private static String trim(BigDecimal b) {
        BigDecimal s = b.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0).toPlainString() : s.toPlainString();
    }
}
