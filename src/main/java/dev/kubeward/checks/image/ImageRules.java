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
 * a pattern without a tag bans every tag (and every digest) of the repository. A pattern with a
 * digest ({@code ubuntu@sha256:…}) bans only images pinned to that digest; its tag, if written,
 * is not compared. Patterns without a registry are normalised as image references are
 * ({@code ubuntu} means {@code docker.io/library/ubuntu}).
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

    /** Whether a pattern (as images.banned and images.requireSignature write them) covers an image. */
    public static boolean covers(String pattern, ImageRef image) {
        return matches(pattern, image);
    }

    static boolean matches(String pattern, ImageRef image) {
        String p = pattern.strip();
        int at = p.indexOf('@');
        if (at < 0) {
            return nameMatches(p, image);
        }
        // A digest names exact content: an image is that content only when pinned to the same
        // digest, whatever tag it also writes (the runtime pulls by digest and ignores the tag).
        // A tag-only reference may or may not resolve to the digest today, so it does not match.
        return image.hasDigest() && Glob.matches(p.substring(at + 1), image.digest())
                && nameMatches(stripTag(p.substring(0, at)), image);
    }

    /** A pattern without digest: {@code repo} (every tag) or {@code repo:tag}, maybe a glob. */
    private static boolean nameMatches(String pattern, ImageRef image) {
        // What the runtime pulls: the tag written, "latest" when neither tag nor digest is, no tag for a bare digest.
        String tag = image.tag() == null ? (image.hasDigest() ? "" : "latest") : image.tag();
        boolean hasTag = pattern.lastIndexOf(':') > pattern.lastIndexOf('/');
        boolean isGlob = pattern.contains("*") || pattern.contains("?");
        if (!isGlob) {
            ImageRef p = ImageRef.parse(pattern);
            return p.fullName().equals(image.fullName()) && (!hasTag || tag.equals(p.tag()));
        }
        String written = stripDigest(image.raw().strip());
        return hasTag ? Glob.matches(pattern, image.fullName() + ":" + tag) || Glob.matches(pattern, written)
                : Glob.matches(pattern, image.fullName()) || Glob.matches(pattern, stripTag(written));
    }

    private static String stripDigest(String reference) {
        int at = reference.indexOf('@');
        return at < 0 ? reference : reference.substring(0, at);
    }

    private static String stripTag(String reference) {
        String noDigest = stripDigest(reference);
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
