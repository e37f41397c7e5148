package dev.kubeward.checks.secrets;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Decides whether one named value holds a credential, and says what kind, never what value. */
final class CredentialScan {
    /** "name: value" or "name=value" lines of a config file embedded in a ConfigMap. */
    private static final Pattern ASSIGNMENT = Pattern.compile("^\\s*(?:export\\s+)?[\"']?([A-Za-z0-9_.\\-]+)[\"']?\\s*[:=]\\s*(.*?)\\s*,?$");

    private CredentialScan() {}

    /** A description such as "a GitHub token (gh…)", or empty when the value is not a credential. */
    static Optional<String> scan(String name, String value) {
        Optional<String> kind = CredentialPatterns.find(value);
        if (kind.isPresent()) {
            return Optional.of(kind.get() + " (" + Mask.preview(value) + ")");
        }
        if (!value.contains("\n")) {
            Optional<String> byName = named(name, value);
            if (byName.isPresent()) {
                return byName;
            }
            // A value that is itself one assignment: "DB_PASSWORD:supersecret", "export REDIS_PASSWORD=…".
            Matcher m = ASSIGNMENT.matcher(value);
            if (!value.strip().startsWith("#") && m.matches()) {
                return named(m.group(1), unquote(m.group(2))).map(found -> found + " (" + m.group(1) + ")");
            }
            return Optional.empty();
        }
        String[] lines = value.split("\n");
        for (int i = 0; i < lines.length; i++) {
            Matcher m = ASSIGNMENT.matcher(lines[i]);
            if (lines[i].strip().startsWith("#") || !m.matches()) {
                continue;
            }
            String literal = unquote(m.group(2));
            Optional<String> found = named(m.group(1), literal);
            if (found.isPresent()) {
                return Optional.of(found.get() + " at line " + (i + 1) + " (" + m.group(1) + ")");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> named(String name, String value) {
        CredentialNames.Strength s = CredentialNames.strength(name);
        if (!CredentialNames.isCredentialValue(s, value)) {
            return Optional.empty();
        }
        String what = switch (s) {
            case PASSWORD -> "a password";
            case CLOUD_KEY -> "a cloud credential";
            default -> "a random-looking secret value";
        };
        return Optional.of(what + " (" + Mask.preview(value) + ")");
    }

    private static String unquote(String v) {
        String s = v.strip();
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}
