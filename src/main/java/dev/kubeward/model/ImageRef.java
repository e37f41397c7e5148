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

    private static final java.util.regex.Pattern DOMAIN = java.util.regex.Pattern.compile(
            "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?");
    private static final java.util.regex.Pattern PATH = java.util.regex.Pattern.compile(
            "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");

    /**
     * Why {@code name} is not a repository name (registry and path, no tag or digest) as the
     * docker reference grammar writes one, or null when it is: lowercase path components of
     * letters and digits joined by {@code .}, {@code _}, {@code __} or dashes, an optional registry
     * host (a name with a dot or a port, or {@code localhost}) first, 255 characters at most.
     */
    public static String repositoryProblem(String name) {
        if (name.contains("@")) {
            return "'" + name + "' has a digest; write the repository alone (every image pushed to it is built from the Dockerfile)";
        }
        int slash = name.indexOf('/');
        String first = slash < 0 ? "" : name.substring(0, slash);
        boolean hasDomain = slash > 0 && (first.contains(".") || first.contains(":") || first.equals("localhost"));
        String path = hasDomain ? name.substring(slash + 1) : name;
        if (path.lastIndexOf(':') > path.lastIndexOf('/')) {
            return "'" + name + "' has a tag; write the repository alone (every tag of it is built from the Dockerfile)";
        }
        if (hasDomain && !DOMAIN.matcher(first).matches()) {
            return "'" + first + "' is not a registry host name";
        }
        if (!PATH.matcher(path).matches()) {
            return "'" + name + "' is not a repository name: path components are lowercase letters and digits, "
                    + "separated by '.', '_', '__' or dashes, joined by '/'";
        }
        if (name.length() > 255) {
            return "'" + name + "' is longer than the 255 characters a repository name may have";
        }
        return null;
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
