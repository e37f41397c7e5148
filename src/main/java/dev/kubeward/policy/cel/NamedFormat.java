package dev.kubeward.policy.cel;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The named string formats of the Kubernetes format library (format.go): the apimachinery
 * name validations with their exact messages, and the OpenAPI formats from kube-openapi's
 * strfmt. {@link #validate} returns the error strings, empty when the value is valid.
 */
public final class NamedFormat {
    private static final int DNS1123_LABEL_MAX = 63;
    private static final int DNS1123_SUBDOMAIN_MAX = 253;
    private static final String LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final Pattern LABEL = Pattern.compile("^" + LABEL_FMT + "$");
    private static final String SUBDOMAIN_FMT = LABEL_FMT + "(\\." + LABEL_FMT + ")*";
    private static final Pattern SUBDOMAIN = Pattern.compile("^" + SUBDOMAIN_FMT + "$");
    private static final String DNS1035_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
    private static final Pattern DNS1035 = Pattern.compile("^" + DNS1035_FMT + "$");
    private static final String QUALIFIED_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private static final Pattern QUALIFIED = Pattern.compile("^" + QUALIFIED_FMT + "$");
    private static final String QUALIFIED_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private static final String LABEL_VALUE_FMT = "(" + QUALIFIED_FMT + ")?";
    private static final Pattern LABEL_VALUE = Pattern.compile("^" + LABEL_VALUE_FMT + "$");
    private static final Pattern UUID = Pattern.compile("(?i)(^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$)|(^[0-9a-f]{32}$)");
    private static final Pattern TIME = Pattern.compile("^([0-9]{2}):([0-9]{2}):([0-9]{2})(.[0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))$");

    private static final Map<String, NamedFormat> ALL = new LinkedHashMap<>();

    static {
        add("dns1123Label", "DNS1123Label", s -> dnsLabel(s, false));
        add("dns1123Subdomain", "DNS1123Subdomain", s -> dnsSubdomain(s, false));
        add("dns1035Label", "DNS1035Label", s -> dns1035(s, false));
        add("qualifiedName", "QualifiedName", NamedFormat::qualifiedName);
        add("dns1123LabelPrefix", "DNS1123LabelPrefix", s -> dnsLabel(s, true));
        add("dns1123SubdomainPrefix", "DNS1123SubdomainPrefix", s -> dnsSubdomain(s, true));
        add("dns1035LabelPrefix", "DNS1035LabelPrefix", s -> dns1035(s, true));
        add("labelValue", "LabelValue", NamedFormat::labelValue);
        add("uri", "URI", s -> {
            try {
                GoUrl.parseRequestUri(s);
                return List.of();
            } catch (IllegalArgumentException e) {
                return List.of(e.getMessage());
            }
        });
        add("uuid", "uuid", s -> UUID.matcher(s).find() ? List.of() : List.of("does not match the UUID format"));
        add("byte", "byte", s -> {
            try {
                Base64.getDecoder().decode(s);
                return s.length() % 4 == 0 ? List.of() : List.of("invalid base64");
            } catch (IllegalArgumentException e) {
                return List.of("invalid base64");
            }
        });
        add("date", "date", s -> isDate(s) ? List.of() : List.of("invalid date"));
        add("datetime", "datetime", s -> isDateTime(s) ? List.of() : List.of("invalid datetime"));
    }

    private final String key;
    private final String name;
    private final Function<String, List<String>> validator;

    private NamedFormat(String key, String name, Function<String, List<String>> validator) {
        this.key = key;
        this.name = name;
        this.validator = validator;
    }

    private static void add(String key, String name, Function<String, List<String>> v) {
        ALL.put(key, new NamedFormat(key, name, v));
    }

    /** The format names of format.named() and of the format.NAME() functions. */
    public static Map<String, NamedFormat> all() {
        return ALL;
    }

    public String key() {
        return key;
    }

    public String name() {
        return name;
    }

    public List<String> validate(String s) {
        return validator.apply(s);
    }

    @Override
    public String toString() {
        return name;
    }

    static String regexError(String msg, String fmt, String... examples) {
        if (examples.length == 0) {
            return msg + " (regex used for validation is '" + fmt + "')";
        }
        StringBuilder b = new StringBuilder(msg).append(" (e.g. ");
        for (int i = 0; i < examples.length; i++) {
            if (i > 0) {
                b.append(" or ");
            }
            b.append('\'').append(examples[i]).append("', ");
        }
        return b.append("regex used for validation is '").append(fmt).append("')").toString();
    }

    private static String maxLen(int n) {
        return "must be no more than " + n + " characters";
    }

    private static String maskTrailingDash(String s) {
        if (s.length() > 1 && s.endsWith("-")) {
            return s.substring(0, s.length() - 2) + "a";
        }
        return s;
    }

    static List<String> dnsLabel(String s, boolean prefix) {
        if (prefix) {
            s = maskTrailingDash(s);
        }
        List<String> errs = new ArrayList<>();
        if (s.length() > DNS1123_LABEL_MAX) {
            errs.add(maxLen(DNS1123_LABEL_MAX));
        }
        if (!LABEL.matcher(s).matches()) {
            errs.add(regexError("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
                    LABEL_FMT, "my-name", "123-abc"));
        }
        return errs;
    }

    static List<String> dnsSubdomain(String s, boolean prefix) {
        if (prefix) {
            s = maskTrailingDash(s);
        }
        List<String> errs = new ArrayList<>();
        if (s.length() > DNS1123_SUBDOMAIN_MAX) {
            errs.add(maxLen(DNS1123_SUBDOMAIN_MAX));
        }
        if (!SUBDOMAIN.matcher(s).matches()) {
            errs.add(regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
                    SUBDOMAIN_FMT, "example.com"));
        }
        return errs;
    }

    static List<String> dns1035(String s, boolean prefix) {
        if (prefix) {
            s = maskTrailingDash(s);
        }
        List<String> errs = new ArrayList<>();
        if (s.length() > DNS1123_LABEL_MAX) {
            errs.add(maxLen(DNS1123_LABEL_MAX));
        }
        if (!DNS1035.matcher(s).matches()) {
            errs.add(regexError("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
                    DNS1035_FMT, "my-name", "abc-123"));
        }
        return errs;
    }

    static List<String> qualifiedName(String value) {
        List<String> errs = new ArrayList<>();
        String[] parts = value.split("/", -1);
        String name;
        if (parts.length == 1) {
            name = parts[0];
        } else if (parts.length == 2) {
            String prefix = parts[0];
            name = parts[1];
            if (prefix.isEmpty()) {
                errs.add("prefix part must be non-empty");
            } else {
                for (String m : dnsSubdomain(prefix, false)) {
                    errs.add("prefix part " + m);
                }
            }
        } else {
            errs.add("a qualified name " + regexError(QUALIFIED_MSG, QUALIFIED_FMT, "MyName", "my.name", "123-abc")
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
            return errs;
        }
        if (name.isEmpty()) {
            errs.add("name part must be non-empty");
        } else if (name.length() > 63) {
            errs.add("name part " + maxLen(63));
        }
        if (!QUALIFIED.matcher(name).matches()) {
            errs.add("name part " + regexError(QUALIFIED_MSG, QUALIFIED_FMT, "MyName", "my.name", "123-abc"));
        }
        return errs;
    }

    static List<String> labelValue(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > 63) {
            errs.add(maxLen(63));
        }
        if (!LABEL_VALUE.matcher(value).matches()) {
            errs.add(regexError("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
                    LABEL_VALUE_FMT, "MyValue", "my_value", "12345"));
        }
        return errs;
    }

    private static boolean isDate(String s) {
        try {
            LocalDate.parse(s, DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT));
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** strfmt.IsDateTime. */
    private static boolean isDateTime(String str) {
        if (str.length() < 4) {
            return false;
        }
        String[] s = str.toLowerCase(java.util.Locale.ROOT).split("t", -1);
        if (s.length < 2 || !isDate(s[0])) {
            return false;
        }
        Matcher m = TIME.matcher(s[1]);
        if (!m.find()) {
            return false;
        }
        return m.group(1).compareTo("23") <= 0 && m.group(2).compareTo("59") <= 0 && m.group(3).compareTo("59") <= 0;
    }
}
