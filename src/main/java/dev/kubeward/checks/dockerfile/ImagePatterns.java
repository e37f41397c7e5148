package dev.kubeward.checks.dockerfile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.check.Glob;
import dev.kubeward.model.ImageRef;
import java.util.ArrayList;
import java.util.List;

/** Matching image references against the patterns users write in configuration. */
final class ImagePatterns {
    private ImagePatterns() {}

    /**
     * Whether a base-image pattern names the image's repository: {@code ubuntu} (a Docker Hub
     * official image), {@code gcr.io/distroless/*}, {@code cgr.dev/*}; globs allowed.
     */
    static boolean repositoryMatches(String pattern, ImageRef ref) {
        String p = pattern.strip();
        String full = ref.fullName();
        String shortName = full.startsWith("docker.io/library/") ? full.substring("docker.io/library/".length())
                : full.startsWith("docker.io/") ? full.substring("docker.io/".length()) : full;
        return glob(p, full) || glob(p, shortName);
    }

    /** A list of non-blank strings under {@code dockerfile.<key>} of the configuration, or null when absent. */
    static List<String> configList(JsonNode raw, String key) {
        if (raw == null) {
            return null;
        }
        JsonNode list = raw.path("dockerfile").get(key);
        if (list == null || !list.isArray()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        list.forEach(n -> {
            if (n.isTextual() && !n.textValue().isBlank()) {
                out.add(n.textValue());
            }
        });
        return out;
    }

    private static boolean glob(String pattern, String text) {
        return Glob.matches(pattern, text);
    }
}
