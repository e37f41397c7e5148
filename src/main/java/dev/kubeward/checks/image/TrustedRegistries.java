package dev.kubeward.checks.image;

import dev.kubeward.model.ImageRef;
import java.util.List;

/**
 * Matches images against the configured trusted registries. An entry is a registry host
 * ({@code registry.example.com}), a repository prefix ({@code ghcr.io/acme}), or a glob
 * ({@code *.dkr.ecr.eu-west-1.amazonaws.com}); Docker Hub is {@code docker.io}.
 */
public final class TrustedRegistries {
    private TrustedRegistries() {}

    public static boolean isTrusted(ImageRef image, List<String> trusted) {
        String full = image.fullName();
        for (String entry : trusted) {
            String e = entry.endsWith("/") ? entry.substring(0, entry.length() - 1) : entry;
            if (e.startsWith("index.docker.io")) {
                e = "docker.io" + e.substring("index.docker.io".length());
            }
            if (e.contains("*") || e.contains("?")) {
                if (glob(e, image.registry()) || glob(e, full)) {
                    return true;
                }
            } else if (e.equals(image.registry()) || full.equals(e) || full.startsWith(e + "/")) {
                return true;
            }
        }
        return false;
    }

    private static boolean glob(String pattern, String text) {
        StringBuilder regex = new StringBuilder();
        for (char ch : pattern.toCharArray()) {
            switch (ch) {
                case '*' -> regex.append("[^/]*");
                case '?' -> regex.append("[^/]");
                default -> regex.append(java.util.regex.Pattern.quote(String.valueOf(ch)));
            }
        }
        return text.matches(regex.toString());
    }
}
