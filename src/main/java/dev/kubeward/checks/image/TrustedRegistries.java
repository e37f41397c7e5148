package dev.kubeward.checks.image;

import dev.kubeward.check.Glob;
import dev.kubeward.model.ImageRef;
import java.util.List;

/**
 * Whether an image comes from a trusted registry, for manifests and Dockerfiles alike. An entry
 * is a registry host ({@code registry.example.com}), a repository prefix ({@code ghcr.io/acme},
 * covering everything below it), or a glob over either ({@code *.dkr.ecr.eu-west-1.amazonaws.com},
 * {@code registry.example.com/team-*}). Docker Hub is {@code docker.io}; {@code index.docker.io}
 * is read as the same registry.
 */
public final class TrustedRegistries {
    private TrustedRegistries() {}

    public static boolean isTrusted(ImageRef image, List<String> trusted) {
        return trusted.stream().anyMatch(entry -> covers(entry, image));
    }

    public static boolean covers(String entry, ImageRef image) {
        String e = entry.strip();
        if (e.startsWith("index.docker.io")) {
            e = "docker.io" + e.substring("index.docker.io".length());
        }
        while (e.endsWith("/")) {
            e = e.substring(0, e.length() - 1);
        }
        if (!e.contains("/")) {
            return Glob.matches(e, image.registry());
        }
        String full = image.fullName();
        return Glob.matches(e, full) || Glob.matches(e + "/*", full);
    }
}
