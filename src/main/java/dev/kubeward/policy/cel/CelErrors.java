package dev.kubeward.policy.cel;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluation errors in cel-go's words. The API server puts the interpreter's message into the
 * decision ({@code expression '...' resulted in error: no such key: foo}); dev.cel words the same
 * errors differently, so the common ones are translated back.
 */
final class CelErrors {
    private CelErrors() {}

    private static final Pattern PREFIX = Pattern.compile("^evaluation error(?: at [^:]*:\\d+)?: ");
    private static final Pattern MISSING_KEY = Pattern.compile("^key '(.*)' is not present in map\\.?$", Pattern.DOTALL);
    private static final Pattern INDEX = Pattern.compile("^Index out of bounds: (-?\\d+)$");
    private static final Pattern OVERLOAD = Pattern.compile("^No matching overload for function '.*", Pattern.DOTALL);
    private static final Pattern UNDECLARED_FIELD = Pattern.compile("^(?:field|undefined field) '(.*)'.*");

    static String message(Throwable e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        Matcher p = PREFIX.matcher(m);
        if (p.find()) {
            m = m.substring(p.end());
        }
        Matcher k = MISSING_KEY.matcher(m);
        if (k.matches()) {
            return "no such key: " + k.group(1);
        }
        if (e instanceof dev.cel.runtime.CelEvaluationException ce && ce.getErrorCode() == dev.cel.common.CelErrorCode.ATTRIBUTE_NOT_FOUND
                && !m.contains(" ")) {
            return "no such key: " + m;
        }
        Matcher i = INDEX.matcher(m);
        if (i.matches()) {
            return "index out of bounds: " + i.group(1);
        }
        if (OVERLOAD.matcher(m).matches()) {
            return "no such overload";
        }
        switch (m) {
            case "/ by zero":
                return "division by zero";
            case "% by zero":
                return "modulus by zero";
            default:
                break;
        }
        if (m.startsWith("long overflow") || m.contains("overflow")) {
            return m.contains("unsigned") ? "unsigned integer overflow" : "integer overflow";
        }
        return m;
    }
}
