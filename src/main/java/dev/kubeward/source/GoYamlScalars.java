package dev.kubeward.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Resolves a plain (unquoted, untagged) YAML scalar the way kubectl does.
 *
 * <p>kubectl turns YAML into JSON with sigs.k8s.io/yaml, which reads YAML with the go-yaml v2
 * rules. Those are YAML 1.1 with Go's number syntax, and differ from SnakeYAML's defaults:
 * {@code y}/{@code n} are booleans, {@code 0o17} and {@code 0b101} are integers, {@code 08}
 * is the float 8, sexagesimal {@code 1:20} is a string, and {@code .inf}/{@code .nan} cannot be
 * turned into JSON at all (kubectl refuses the document).
 */
public final class GoYamlScalars {
    private GoYamlScalars() {}

    /** Thrown for a value kubectl cannot turn into JSON. */
    public static final class UnrepresentableValue extends Exception {
        public UnrepresentableValue(String message) {
            super(message);
        }
    }

    private static final Map<String, JsonNode> EXACT = new HashMap<>();
    private static final Map<String, String> NON_JSON_FLOATS = new HashMap<>();

    static {
        for (String s : new String[] {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"}) {
            EXACT.put(s, BooleanNode.TRUE);
        }
        for (String s : new String[] {"n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"}) {
            EXACT.put(s, BooleanNode.FALSE);
        }
        for (String s : new String[] {"", "~", "null", "Null", "NULL"}) {
            EXACT.put(s, NullNode.getInstance());
        }
        for (String s : new String[] {".nan", ".NaN", ".NAN"}) {
            NON_JSON_FLOATS.put(s, "NaN");
        }
        for (String s : new String[] {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"}) {
            NON_JSON_FLOATS.put(s, "+Inf");
        }
        for (String s : new String[] {"-.inf", "-.Inf", "-.INF"}) {
            NON_JSON_FLOATS.put(s, "-Inf");
        }
    }

    /** go-yaml's float syntax, applied after underscores are removed. */
    private static final Pattern YAML_FLOAT =
            Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /** The JSON value kubectl would produce for a plain scalar. */
    public static JsonNode resolvePlain(String in) throws UnrepresentableValue {
        JsonNode exact = EXACT.get(in);
        if (exact != null) {
            return exact;
        }
        String nonJson = NON_JSON_FLOATS.get(in);
        if (nonJson != null) {
            throw new UnrepresentableValue("the value " + in + " is the float " + nonJson
                    + ", which JSON cannot represent (kubectl rejects it); quote it if a string is meant");
        }
        char first = in.charAt(0);
        if (first == '.') {
            return parseGoFloat(in, in);
        }
        boolean digitOrSign = (first >= '0' && first <= '9') || first == '+' || first == '-';
        if (!digitOrSign) {
            return TextNode.valueOf(in);
        }
        String plain = in.indexOf('_') >= 0 ? in.replace("_", "") : in;
        JsonNode integer = parseGoInt(plain);
        if (integer != null) {
            return integer;
        }
        if (YAML_FLOAT.matcher(plain).matches()) {
            return parseGoFloat(plain, in);
        }
        return TextNode.valueOf(in);
    }

    private static JsonNode parseGoFloat(String number, String original) {
        try {
            double d = Double.parseDouble(number);
            if (Double.isInfinite(d) || Double.isNaN(d)) {
                // Go's ParseFloat fails on overflow, and go-yaml then keeps the text.
                return TextNode.valueOf(original);
            }
            return DoubleNode.valueOf(d);
        } catch (NumberFormatException e) {
            return TextNode.valueOf(original);
        }
    }

    /**
     * Go's {@code strconv.ParseInt(s, 0, 64)} and then {@code ParseUint}: optional sign, then a
     * 0x/0o/0b prefix, a leading 0 for octal, or decimal. Returns null when not an integer.
     */
    static JsonNode parseGoInt(String s) {
        int i = 0;
        boolean negative = false;
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            negative = s.charAt(0) == '-';
            i = 1;
        }
        if (i >= s.length()) {
            return null;
        }
        int radix = 10;
        String digits = s.substring(i);
        if (digits.length() > 1 && digits.charAt(0) == '0') {
            char p = Character.toLowerCase(digits.charAt(1));
            if (p == 'x') {
                radix = 16;
                digits = digits.substring(2);
            } else if (p == 'o') {
                radix = 8;
                digits = digits.substring(2);
            } else if (p == 'b') {
                radix = 2;
                digits = digits.substring(2);
            } else {
                radix = 8;
                digits = digits.substring(1);
            }
        }
        if (digits.isEmpty()) {
            return null;
        }
        for (int k = 0; k < digits.length(); k++) {
            if (Character.digit(digits.charAt(k), radix) < 0) {
                return null;
            }
        }
        BigInteger value = new BigInteger(digits, radix);
        if (negative) {
            value = value.negate();
        }
        if (value.bitLength() < 32) {
            return IntNode.valueOf(value.intValue());
        }
        if (value.bitLength() < 64) {
            return LongNode.valueOf(value.longValue());
        }
        // ParseUint takes what ParseInt cannot, but only without a sign.
        if (i == 0 && value.signum() >= 0 && value.compareTo(UINT64_MAX) <= 0) {
            return BigIntegerNode.valueOf(value);
        }
        return null;
    }
}
