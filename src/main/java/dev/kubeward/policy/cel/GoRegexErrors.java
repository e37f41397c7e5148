package dev.kubeward.policy.cel;

import com.google.re2j.PatternSyntaxException;

/** RE2J reports syntax errors as Go's regexp does, less the prefix; this puts Go's wording back. */
final class GoRegexErrors {
    private GoRegexErrors() {}

    static String message(PatternSyntaxException e) {
        String desc = e.getDescription();
        String pattern = e.getPattern();
        if (pattern == null || pattern.isEmpty() || desc.startsWith("error parsing regexp")) {
            return desc;
        }
        return "error parsing regexp: " + desc + ": `" + pattern + "`";
    }
}
