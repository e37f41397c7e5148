package dev.kubeward.pss;

/**
 * Builds dotted JSON paths such as {@code spec.containers[0].securityContext} and
 * {@code metadata.annotations['container.apparmor.security.beta.kubernetes.io/app']}.
 *
 * <p>Only called when a violation is reported, so the allowed path never allocates path strings.
 */
final class JsonPaths {
    private JsonPaths() {
    }

    static String field(String base, String key) {
        if (needsBrackets(key)) {
            return base + "['" + key + "']";
        }
        return base.isEmpty() ? key : base + "." + key;
    }

    static String field(String base, String first, String second) {
        return field(field(base, first), second);
    }

    static String index(String base, int index) {
        return base + "[" + index + "]";
    }

    private static boolean needsBrackets(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '.' || c == '/' || c == '[' || c == ']' || c == '\'') {
                return true;
            }
        }
        return key.isEmpty();
    }
}
