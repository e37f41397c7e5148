package dev.kubeward.policy.cel;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Map;

/**
 * A Kubernetes resource quantity ({@code 1.5Gi}, {@code 200m}), parsed and printed as
 * k8s.io/apimachinery/pkg/api/resource.Quantity does: values below a nano are rounded up to a
 * nano, binary values are capped at 2^63-1, and the string form is the canonical one
 * ({@code quantity('1.5G')} prints as {@code 1500M}). Immutable; equal when the values are.
 */
public final class Quantity implements Comparable<Quantity> {
    /** The quantity's display format, as resource.Format. */
    public enum Format { DECIMAL_EXPONENT, BINARY_SI, DECIMAL_SI }

    public static final String FORMAT_ERROR =
            "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
    public static final String SUFFIX_ERROR = "unable to parse quantity's suffix";
    public static final String NUMERIC_ERROR = "unable to parse numeric part of quantity";

    private static final BigDecimal MAX_ALLOWED = new BigDecimal(Long.MAX_VALUE);
    private static final Map<String, Integer> DECIMAL_SUFFIXES = Map.ofEntries(
            Map.entry("n", -9), Map.entry("u", -6), Map.entry("m", -3), Map.entry("", 0), Map.entry("k", 3),
            Map.entry("M", 6), Map.entry("G", 9), Map.entry("T", 12), Map.entry("P", 15), Map.entry("E", 18));
    private static final Map<String, Integer> BINARY_SUFFIXES = Map.of(
            "Ki", 10, "Mi", 20, "Gi", 30, "Ti", 40, "Pi", 50, "Ei", 60);

    private final BigDecimal value;
    private final Format format;

    private Quantity(BigDecimal value, Format format) {
        this.value = value;
        this.format = format;
    }

    /** A quantity of {@code value} in decimal-exponent format, as resource.NewQuantity(v, DecimalExponent). */
    public static Quantity ofLong(long value) {
        return new Quantity(BigDecimal.valueOf(value), Format.DECIMAL_EXPONENT);
    }

    /** Parses a quantity; throws {@link IllegalArgumentException} with resource.ParseQuantity's message. */
    public static Quantity parse(String str) {
        if (str.isEmpty()) {
            throw new IllegalArgumentException(FORMAT_ERROR);
        }
        if (str.equals("0")) {
            return new Quantity(BigDecimal.ZERO, Format.DECIMAL_SI);
        }
        Scanned s = scan(str);
        String suffix = s.suffix;
        int base;
        int exponent;
        Format fmt;
        if (DECIMAL_SUFFIXES.containsKey(suffix)) {
            base = 10;
            exponent = DECIMAL_SUFFIXES.get(suffix);
            fmt = Format.DECIMAL_SI;
        } else if (BINARY_SUFFIXES.containsKey(suffix)) {
            base = 2;
            exponent = BINARY_SUFFIXES.get(suffix);
            fmt = Format.BINARY_SI;
        } else if (suffix.length() > 1 && (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E')) {
            try {
                exponent = Integer.parseInt(suffix.substring(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(SUFFIX_ERROR);
            }
            base = 10;
            fmt = Format.DECIMAL_EXPONENT;
        } else {
            throw new IllegalArgumentException(SUFFIX_ERROR);
        }
        BigDecimal amount;
        String numeric = s.value.isEmpty() || s.value.equals("+") || s.value.equals("-") ? s.value + "0" : s.value;
        if (numeric.endsWith(".")) {
            numeric = numeric + "0";
        }
        try {
            amount = new BigDecimal(numeric.startsWith("+") ? numeric.substring(1) : numeric);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(NUMERIC_ERROR);
        }
        if (base == 10) {
            amount = amount.scaleByPowerOfTen(exponent);
        } else {
            amount = amount.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(exponent)));
        }
        int sign = amount.signum();
        amount = amount.abs();
        if (amount.signum() != 0 && amount.scale() > 9) {
            // Non-zero values are rounded up to the smallest representable value, a nano.
            amount = amount.setScale(9, RoundingMode.UP);
        }
        if (fmt == Format.BINARY_SI && amount.compareTo(MAX_ALLOWED) > 0) {
            amount = MAX_ALLOWED;
        }
        if (fmt == Format.BINARY_SI && amount.compareTo(BigDecimal.ONE) < 0 && amount.signum() > 0) {
            fmt = Format.DECIMAL_SI;
        }
        if (sign < 0) {
            amount = amount.negate();
        }
        return new Quantity(amount, fmt);
    }

    private record Scanned(String value, String suffix) {}

    /** resource.parseQuantityString: the numeric part and the suffix, or the format error. */
    private static Scanned scan(String str) {
        int pos = 0;
        int end = str.length();
        if (pos < end && (str.charAt(0) == '-' || str.charAt(0) == '+')) {
            pos++;
        }
        while (true) {
            if (pos >= end) {
                return new Scanned("0", "");
            }
            if (str.charAt(pos) == '0') {
                pos++;
            } else {
                break;
            }
        }
        int i = pos;
        while (i < end && isDigit(str.charAt(i))) {
            i++;
        }
        if (i >= end) {
            return new Scanned(str, "");
        }
        pos = i;
        if (pos < end && str.charAt(pos) == '.') {
            pos++;
            i = pos;
            while (i < end && isDigit(str.charAt(i))) {
                i++;
            }
            if (i >= end) {
                return new Scanned(str, "");
            }
            pos = i;
        }
        String value = str.substring(0, pos);
        int suffixStart = pos;
        i = pos;
        while (i < end && "eEinumkKMGTP".indexOf(str.charAt(i)) >= 0) {
            i++;
        }
        if (i >= end) {
            return new Scanned(value, str.substring(suffixStart));
        }
        pos = i;
        if (str.charAt(pos) == '-' || str.charAt(pos) == '+') {
            pos++;
        }
        for (i = pos; i < end; i++) {
            if (!isDigit(str.charAt(i))) {
                throw new IllegalArgumentException(FORMAT_ERROR);
            }
        }
        return new Scanned(value, str.substring(suffixStart));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    public BigDecimal value() {
        return value;
    }

    public Format format() {
        return format;
    }

    public int sign() {
        return value.signum();
    }

    public Quantity add(Quantity y) {
        Format f = value.signum() == 0 ? y.format : format;
        return new Quantity(value.add(y.value), f);
    }

    public Quantity sub(Quantity y) {
        Format f = value.signum() == 0 ? y.format : format;
        return new Quantity(value.subtract(y.value), f);
    }

    /** True when the value is an integer that fits an int64, as Quantity.AsInt64's ok. */
    public boolean isInteger() {
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() > 0) {
            return false;
        }
        return stripped.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0
                && stripped.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0;
    }

    public long asLong() {
        return value.longValueExact();
    }

    public double asApproximateDouble() {
        return value.doubleValue();
    }

    @Override
    public int compareTo(Quantity o) {
        return value.compareTo(o.value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Quantity q && value.compareTo(q.value) == 0;
    }

    @Override
    public int hashCode() {
        return value.stripTrailingZeros().hashCode();
    }

    /** The canonical form, as Quantity.String(). */
    @Override
    public String toString() {
        if (value.signum() == 0) {
            return "0";
        }
        Format f = format;
        BigDecimal abs = value.abs();
        if (f == Format.BINARY_SI) {
            if (abs.compareTo(BigDecimal.valueOf(1024)) < 0) {
                f = Format.DECIMAL_SI;
            } else if (value.stripTrailingZeros().scale() > 0) {
                f = Format.DECIMAL_SI;
            }
        }
        if (f == Format.BINARY_SI) {
            BigInteger amount = value.toBigIntegerExact();
            int exp = 0;
            BigInteger k = BigInteger.valueOf(1024);
            while (amount.signum() != 0 && amount.mod(k).signum() == 0 && exp < 6) {
                amount = amount.divide(k);
                exp++;
            }
            String suffix = exp == 0 ? "" : switch (exp) {
                case 1 -> "Ki";
                case 2 -> "Mi";
                case 3 -> "Gi";
                case 4 -> "Ti";
                case 5 -> "Pi";
                default -> "Ei";
            };
            return amount + suffix;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        BigInteger mantissa = stripped.unscaledValue();
        int exponent = -stripped.scale();
        while (exponent % 3 != 0) {
            mantissa = mantissa.multiply(BigInteger.TEN);
            exponent--;
        }
        if (f == Format.DECIMAL_EXPONENT) {
            return exponent == 0 ? mantissa.toString() : mantissa + "e" + exponent;
        }
        String suffix = null;
        for (Map.Entry<String, Integer> e : DECIMAL_SUFFIXES.entrySet()) {
            if (e.getValue() == exponent) {
                suffix = e.getKey();
            }
        }
        if (suffix == null) {
            return mantissa + "e" + exponent;
        }
        return mantissa + suffix;
    }
}
