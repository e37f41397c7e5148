package dev.kubeward.image.oci;

import dev.kubeward.model.ImageRef;
import java.util.regex.Pattern;

/**
 * An image in a registry, {@code [registry/]repository[:tag][@digest]}, normalised as the Docker
 * and containerd clients do ({@link ImageRef}: no registry is Docker Hub, a one-part Docker Hub name
 * is under {@code library/}) and validated against the distribution reference grammar. Docker Hub's
 * API is served from {@code registry-1.docker.io}. With a digest, the digest is what is pulled (a
 * tag beside it is only a name, as {@code docker pull} treats it).
 *
 * @param registry the registry as written in references ({@code docker.io}, {@code localhost:5000})
 * @param repository the repository path ({@code library/nginx})
 * @param tag the tag, null with a digest and no tag; {@code latest} when neither is written
 * @param digest the digest, or null
 */
public record RegistryRef(String registry, String repository, String tag, Digest digest) {
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern HOST = Pattern.compile(
            "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?");

    /** Parses a reference; an {@link IllegalArgumentException} says what is wrong with it. */
    public static RegistryRef parse(String s) {
        String ref = s.startsWith("docker://") ? s.substring("docker://".length()) : s;
        if (ref.isEmpty() || !ref.equals(ref.strip())) {
            throw new IllegalArgumentException("'" + s + "' is not an image reference");
        }
        ImageRef r = ImageRef.parse(ref);
        if (!HOST.matcher(r.registry()).matches()) {
            throw new IllegalArgumentException("'" + s + "': '" + r.registry() + "' is not a registry host");
        }
        if (r.repository().length() > 255) {
            throw new IllegalArgumentException("'" + s + "': the repository name is longer than 255 characters");
        }
        for (String part : r.repository().split("/", -1)) {
            if (!COMPONENT.matcher(part).matches()) {
                throw new IllegalArgumentException("'" + s + "': '" + r.repository() + "' is not a repository name "
                        + "(lowercase letters, digits and separators . _ __ - between them, parts joined by /)");
            }
        }
        if (r.tag() != null && !TAG.matcher(r.tag()).matches()) {
            throw new IllegalArgumentException("'" + s + "': '" + r.tag() + "' is not a tag (at most 128 letters, digits, _ . -)");
        }
        if (ref.endsWith(":") || ref.endsWith("@")) {
            throw new IllegalArgumentException("'" + s + "' ends with an empty tag or digest");
        }
        Digest d = null;
        if (r.hasDigest()) {
            d = Digest.parse(r.digest());
        } else if (r.digest() != null) {
            throw new IllegalArgumentException("'" + s + "' ends with an empty digest");
        }
        return new RegistryRef(r.registry(), r.repository(), d == null && r.tag() == null ? "latest" : r.tag(), d);
    }

    /** The host the distribution API is served from: {@code registry-1.docker.io} for Docker Hub. */
    public String apiHost() {
        return registry.equals("docker.io") ? "registry-1.docker.io" : registry;
    }

    /** What is asked of the manifests endpoint: the digest when there is one, else the tag. */
    public String reference() {
        return digest != null ? digest.toString() : tag;
    }

    /** {@code registry/repository} ({@code docker.io/library/nginx}). */
    public String name() {
        return registry + "/" + repository;
    }

    /** The same repository at another tag (cosign's {@code sha256-….sig}). */
    public RegistryRef withTag(String t) {
        return new RegistryRef(registry, repository, t, null);
    }

    /** The same repository at a digest. */
    public RegistryRef withDigest(Digest d) {
        return new RegistryRef(registry, repository, null, d);
    }

    @Override
    public String toString() {
        return name() + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }
}
