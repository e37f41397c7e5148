package dev.kubeward.checks.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.check.Config;
import dev.kubeward.check.Glob;
import dev.kubeward.model.ImageRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The image rules one configuration sets for manifests and Dockerfiles alike:
 * <pre>
 * images:
 *   banned: ["*:latest", "docker.io/library/ubuntu:14.04", "quay.io/untrusted/*"]
 *   requireDigest: true            # or a list of namespace globs
 * </pre>
 * A banned pattern is matched against the normalised reference ({@code registry/repository:tag});
 * a pattern without a tag bans every tag of the repository. Patterns without a registry are
 * normalised as image references are ({@code ubuntu} means {@code docker.io/library/ubuntu}).
 */
public final class ImageRules {
    private ImageRules() {}

    /** The configured pattern that bans this image, if any. */
    public static Optional<String> bannedBy(ImageRef image, Config config) {
        for (String pattern : strings(config, "banned")) {
            if (matches(pattern, image)) {
                return Optional.of(pattern);
            }
        }
        return Optional.empty();
    }

    /** Whether images in this namespace must be pinned by digest ({@code null}: a Dockerfile, global rule only). */
    public static boolean digestRequired(Config config, String namespace) {
        JsonNode node = config.raw() == null ? null : config.raw().path("images").get("requireDigest");
        if (node == null || node.isNull()) {
            return false;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (namespace == null) {
            return false;
        }
        for (JsonNode glob : node) {
            if (Glob.matches(glob.asText(), namespace)) {
                return true;
            }
        }
        return false;
    }

    static boolean matches(String pattern, ImageRef image) {
        String tag = image.tag() == null ? (image.hasDigest() ? "" : "latest") : image.tag();
        String full = image.fullName() + ":" + tag;
        boolean hasTag = pattern.lastIndexOf(':') > pattern.lastIndexOf('/');
        boolean isGlob = pattern.contains("*") || pattern.contains("?");
        if (!isGlob) {
            ImageRef p = ImageRef.parse(pattern);
            return p.fullName().equals(image.fullName()) && (!hasTag || p.tag().equals(tag));
        }
        return hasTag ? Glob.matches(pattern, full) || Glob.matches(pattern, image.raw())
                : Glob.matches(pattern, image.fullName()) || Glob.matches(pattern, stripTag(image.raw()));
    }

    private static String stripTag(String raw) {
        String noDigest = raw.contains("@") ? raw.substring(0, raw.indexOf('@')) : raw;
        int colon = noDigest.lastIndexOf(':');
        return colon > noDigest.lastIndexOf('/') ? noDigest.substring(0, colon) : noDigest;
    }

    private static List<String> strings(Config config, String key) {
        List<String> out = new ArrayList<>();
        if (config.raw() != null) {
            config.raw().path("images").path(key).forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
