package dev.kubeward.checks.dockerfile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.model.ImageRef;
import java.util.ArrayList;
import java.util.List;

/** Matching image references against the patterns users write in configuration. */
final class ImagePatterns {
    private ImagePatterns() {}

    /**
     * Whether a trusted-registry entry covers the image: a registry host ({@code ghcr.io}), a
     * host/path prefix ({@code ghcr.io/acme}), or a glob over either ({@code *.gcr.io},
     * {@code registry.example.com/team-*}).
     */
    static boolean registryMatches(String entry, ImageRef ref) {
        String e = entry.strip();
        if (e.startsWith("index.docker.io")) {
            e = "docker.io" + e.substring("index.docker.io".length());
        }
        while (e.endsWith("/")) {
            e = e.substring(0, e.length() - 1);
        }
        if (!e.contains("/")) {
            return glob(e, ref.registry());
        }
        String full = ref.fullName();
        if (glob(e, full)) {
            return true;
        }
        // a prefix: every repository under that path
        return glob(e + "/*", full);
    }

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

    /** Shell-style glob: {@code *} any run of characters (slashes included), {@code ?} one. */
    static boolean glob(String glob, String text) {
        return glob(glob, 0, text, 0);
    }

    private static boolean glob(String g, int gi, String t, int ti) {
        while (gi < g.length()) {
            char c = g.charAt(gi);
            if (c == '*') {
                for (int k = ti; k <= t.length(); k++) {
                    if (glob(g, gi + 1, t, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (ti >= t.length() || (c != '?' && c != t.charAt(ti))) {
                return false;
            }
            gi++;
            ti++;
        }
        return ti == t.length();
    }
}
