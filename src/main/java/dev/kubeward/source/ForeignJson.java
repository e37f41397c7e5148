package dev.kubeward.source;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * JSON files of other tools found in a repository ({@code tsconfig.json} and
 * {@code .eslintrc.json} with comments and trailing commas, JSON-lines data, {@code package.json},
 * {@code composer.json} …). kubectl would refuse them all, but none is meant to be a manifest: a
 * {@code .json} file (or a stream that opens like JSON) that does not parse and names neither
 * {@code "apiVersion"} nor {@code "kind"} is skipped as not Kubernetes, and counted. JSON that
 * does name them is meant to be a manifest, and failing to parse stays an input error.
 */
final class ForeignJson {
    private static final Pattern API_VERSION_KEY = Pattern.compile("\"apiVersion\"\\s*:");
    private static final Pattern KIND_KEY = Pattern.compile("\"kind\"\\s*:");

    private ForeignJson() {}

    /** True for JSON text that cannot be a Kubernetes manifest. */
    static boolean isForeign(String file, String text) {
        boolean json = file.toLowerCase(Locale.ROOT).endsWith(".json") || opensLikeJson(text);
        return json && !(API_VERSION_KEY.matcher(text).find() || KIND_KEY.matcher(text).find());
    }

    static String reason(String parseError) {
        return "not a Kubernetes object (JSON of another tool, without apiVersion and kind, that is not plain JSON: "
                + parseError + ")";
    }

    private static boolean opensLikeJson(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '{' || c == '[';
            }
        }
        return false;
    }
}
