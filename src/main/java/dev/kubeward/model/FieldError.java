package dev.kubeward.model;

/**
 * One validation error of an object, as the API server words it: the JSON path of the field and
 * the message, e.g. {@code spec.ingress[0].ports[0].protocol: Unsupported value: "ICMP": supported
 * values: "TCP", "UDP", "SCTP"} (apimachinery's {@code field.Error}).
 */
public record FieldError(JsonPath path, String message) {

    /** {@code path: Invalid value: <value>: detail}. */
    public static FieldError invalid(JsonPath path, Object value, String detail) {
        return new FieldError(path, "Invalid value: " + goValue(value) + ": " + detail);
    }

    /** {@code path: Required value}, with an optional detail. */
    public static FieldError required(JsonPath path, String detail) {
        return new FieldError(path, "Required value" + (detail.isEmpty() ? "" : ": " + detail));
    }

    /** {@code path: Forbidden: detail}. */
    public static FieldError forbidden(JsonPath path, String detail) {
        return new FieldError(path, "Forbidden: " + detail);
    }

    /** {@code path: Unsupported value: "x": supported values: "a", "b"}, the values in the order given. */
    public static FieldError notSupported(JsonPath path, String value, String... supported) {
        StringBuilder detail = new StringBuilder("supported values: ");
        for (int i = 0; i < supported.length; i++) {
            detail.append(i == 0 ? "" : ", ").append(goQuote(supported[i]));
        }
        return new FieldError(path, "Unsupported value: " + goQuote(value) + ": " + detail);
    }

    /** A bad value printed verbatim, for values Go prints with {@code %#v} (slices, undecodable JSON). */
    public record Raw(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    /** How field.Error prints a bad value: numbers and booleans as they are, strings with Go's %q. */
    private static String goValue(Object value) {
        if (value == null) {
            return "null";
        }
        return value instanceof String s ? goQuote(s) : value.toString();
    }

    /** Go's {@code %q} for the printable text manifests carry: quotes, backslashes and controls escaped. */
    public static String goQuote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** The API server's line: {@code path: message}. */
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
