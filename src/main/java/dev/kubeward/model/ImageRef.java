package dev.kubeward.model;

/**
 * A container image reference, normalised as the container runtime does: no registry means
 * Docker Hub ({@code docker.io}), and a one-part Docker Hub name lives under {@code library/}.
 *
 * @param registry the registry host (with port), e.g. {@code docker.io}, {@code ghcr.io}
 * @param repository the repository path inside the registry, e.g. {@code library/nginx}
 * @param tag the tag, or null when none is written
 * @param digest the digest ({@code sha256:…}), or null
 */
public record ImageRef(String raw, String registry, String repository, String tag, String digest) {

    public static ImageRef parse(String image) {
        String rest = image.trim();
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        String tag = null;
        int lastSlash = rest.lastIndexOf('/');
        int colon = rest.lastIndexOf(':');
        if (colon > lastSlash) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        String registry = "docker.io";
        String repository = rest;
        int firstSlash = rest.indexOf('/');
        if (firstSlash > 0) {
            String first = rest.substring(0, firstSlash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                registry = first;
                repository = rest.substring(firstSlash + 1);
            }
        }
        if (registry.equals("index.docker.io")) {
            registry = "docker.io";
        }
        if (registry.equals("docker.io") && !repository.contains("/")) {
            repository = "library/" + repository;
        }
        return new ImageRef(image, registry, repository, tag == null || tag.isEmpty() ? null : tag, digest);
    }

    public boolean hasDigest() {
        return digest != null && !digest.isEmpty();
    }

    /** The tag, or "latest" when neither tag nor digest is written (what the runtime pulls). */
    public String effectiveTag() {
        return tag == null && !hasDigest() ? "latest" : tag;
    }

    /** registry/repository, e.g. {@code docker.io/library/nginx}. */
    public String fullName() {
        return registry + "/" + repository;
    }
}
