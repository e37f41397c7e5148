package dev.kubeward.image.oci;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Opens an image from where it is: {@code oci:DIR[:REF]} (an OCI image layout, its only image when
 * the index holds one, else the one whose {@code org.opencontainers.image.ref.name} is REF),
 * {@code oci-archive:FILE} (a tar of a layout) and {@code docker-archive:FILE} ({@code docker save}),
 * the transports skopeo names them by. An image index (multi-platform) is resolved to the
 * {@link Platform} asked for.
 */
public final class ImageLoader {
    /** The largest manifest, index or configuration read (registries take 4 MB manifests). */
    static final long MAX_JSON = 8L << 20;

    static final Set<String> INDEX_TYPES = Set.of("application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json");
    static final Set<String> MANIFEST_TYPES = Set.of("application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json");
    static final String REF_NAME = "org.opencontainers.image.ref.name";

    private ImageLoader() {}

    /** Whether {@code ref} names a local image ({@code oci:}, {@code oci-archive:}, {@code docker-archive:}), not one in a registry. */
    public static boolean isLocal(String ref) {
        return ref.startsWith("oci:") || ref.startsWith("oci-archive:") || ref.startsWith("docker-archive:");
    }

    /**
     * Opens a local image; relative paths are taken from {@code cwd}.
     *
     * @param platform the platform to take from an image index (null: the index's only image, else linux/amd64)
     */
    public static Image open(String ref, Path cwd, Platform platform) throws ImageException {
        return open(ref, cwd, platform, RegistryClient.Options.defaults());
    }

    /**
     * Opens a local image, or one in a registry ({@code [docker://]registry/repo[:tag][@digest]},
     * pulled over the distribution API with {@code registry}'s options); relative paths are taken from {@code cwd}.
     */
    public static Image open(String ref, Path cwd, Platform platform, RegistryClient.Options registry) throws ImageException {
        if (!isLocal(ref)) {
            rejectUnknownTransport(ref, cwd);
            return fromRegistry(ref, platform, new RegistryClient(registry));
        }
        if (ref.startsWith("oci-archive:")) {
            Path file = cwd.resolve(ref.substring("oci-archive:".length()));
            return layout(ref, archive(file, ref), null, platform);
        }
        if (ref.startsWith("docker-archive:")) {
            Path file = cwd.resolve(ref.substring("docker-archive:".length()));
            return dockerArchive(ref, archive(file, ref));
        }
        if (ref.startsWith("oci:")) {
            String rest = ref.substring("oci:".length());
            Path dir = cwd.resolve(rest);
            String name = null;
            int colon = rest.lastIndexOf(':');
            if (!Files.isDirectory(dir) && colon > 0) {
                dir = cwd.resolve(rest.substring(0, colon));
                name = rest.substring(colon + 1);
            }
            if (!Files.isDirectory(dir)) {
                throw new ImageException(ref + ": no OCI image layout directory " + dir);
            }
            return layout(ref, BlobSource.directory(dir), name, platform);
        }
        throw new ImageException(ref + ": not an image reference this command reads (oci:DIR[:REF], oci-archive:FILE, "
                + "docker-archive:FILE)");
    }

    private static final List<String> TRANSPORTS = List.of("oci", "oci-archive", "docker-archive");

    /**
     * A misspelt transport ({@code ocii:build/layout}, {@code oci-arhive:app.tar}) reads as a
     * registry reference ({@code docker.io/library/ocii:build}) and would be pulled: refused when the
     * word before the first colon is within an edit of {@code oci} or two of {@code oci-archive} and {@code docker-archive}, or when what follows it names a
     * path (a {@code /} not after a port number, or a file or directory that exists), which a tag never does.
     */
    static void rejectUnknownTransport(String ref, Path cwd) throws ImageException {
        int colon = ref.indexOf(':');
        if (colon <= 0 || ref.startsWith("docker://")) {
            return;
        }
        String scheme = ref.substring(0, colon);
        if (scheme.contains("/") || scheme.contains(".") || scheme.contains("@")) {
            return; // a registry host (registry.example:5000/app) or a repository path (org/app:1.0)
        }
        String rest = ref.substring(colon + 1);
        String near = null;
        for (String t : TRANSPORTS) {
            // One edit for oci (short words are near it by chance), two for the long ones.
            if (editDistance(scheme.toLowerCase(java.util.Locale.ROOT), t) <= (t.length() <= 3 ? 1 : 2)) {
                near = t;
                break;
            }
        }
        int slash = rest.indexOf('/');
        boolean port = slash > 0 && rest.substring(0, slash).chars().allMatch(Character::isDigit);
        boolean pathLike = (slash >= 0 && !port) || rest.startsWith(".") || existsAsPath(cwd, rest);
        if (near == null && !pathLike) {
            return;
        }
        throw new ImageException(ref + ": unknown transport '" + scheme + ":'" + (near != null ? " (did you mean '" + near + ":'?)" : "")
                + "; images are oci:DIR[:REF], oci-archive:FILE, docker-archive:FILE or registry/repository[:tag][@digest]"
                + " (write docker.io/library/" + scheme + ":" + rest + " for an image of Docker Hub)");
    }

    private static boolean existsAsPath(Path cwd, String s) {
        try {
            return !s.isEmpty() && Files.exists(cwd.resolve(s));
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    /** Levenshtein distance, for the few short words above. */
    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /**
     * An image in a registry: the manifest at the tag or digest; an index is resolved to the
     * platform's manifest (fetched by digest, so checked); the configuration and every layer are
     * checked against their digests as they stream.
     */
    static Image fromRegistry(String ref, Platform platform, RegistryClient client) throws ImageException {
        RegistryRef r;
        try {
            r = RegistryRef.parse(ref);
        } catch (IllegalArgumentException e) {
            throw new ImageException(e.getMessage() + " (images are oci:DIR[:REF], oci-archive:FILE, docker-archive:FILE or "
                    + "registry/repository[:tag][@digest])");
        }
        BlobSource src = client.blobSource(r);
        RegistryClient.Manifest m = client.manifest(r);
        for (int depth = 0; depth < 4; depth++) {
            JsonNode json = m.json();
            if (INDEX_TYPES.contains(m.mediaType())) {
                JsonNode chosen = pick(src, json, platform, r + " (index " + m.digest() + ")");
                Digest d = digest(src, chosen);
                m = client.manifest(r.withDigest(d));
                continue;
            }
            if (!MANIFEST_TYPES.contains(m.mediaType())) {
                throw new ImageException(r + ": the manifest has media type " + m.mediaType() + ", not an image manifest");
            }
            return fromManifest(ref, r.toString(), m.digest(), json, src);
        }
        throw new ImageException(r + ": image indexes nested more than 4 deep");
    }

    private static BlobSource archive(Path file, String ref) throws ImageException {
        if (!Files.isRegularFile(file)) {
            throw new ImageException(ref + ": no such file " + file);
        }
        try {
            return BlobSource.archive(file);
        } catch (IOException e) {
            throw new ImageException(file + ": not a tar archive (" + e.getMessage() + ")", e);
        }
    }

    private static Image layout(String ref, BlobSource src, String wanted, Platform platform) throws ImageException {
        try {
            if (!src.exists("index.json")) {
                throw new ImageException(src.name() + ": not an OCI image layout (no index.json)");
            }
            JsonNode index = Image.readJson(src, "index.json", null, "the index");
            List<JsonNode> manifests = new ArrayList<>();
            index.path("manifests").forEach(manifests::add);
            JsonNode chosen;
            if (wanted != null) {
                chosen = manifests.stream().filter(m -> wanted.equals(m.path("annotations").path(REF_NAME).asText(null))
                                || wanted.equals(m.path("digest").asText(null)))
                        .findFirst().orElseThrow(() -> new ImageException(src.name() + ": no image named '" + wanted
                                + "' in index.json (" + refNames(manifests) + ")"));
            } else if (manifests.size() == 1) {
                chosen = manifests.get(0);
            } else if (manifests.isEmpty()) {
                throw new ImageException(src.name() + ": index.json lists no image");
            } else if (manifests.stream().allMatch(m -> m.has("platform"))) {
                chosen = null; // the index itself is a multi-platform image
            } else {
                throw new ImageException(src.name() + ": index.json holds " + manifests.size() + " images; name one as oci:DIR:REF ("
                        + refNames(manifests) + ")");
            }
            String name = chosen == null ? null : chosen.path("annotations").path(REF_NAME).asText(null);
            if (name == null && chosen != null) {
                name = chosen.path("annotations").path("io.containerd.image.name").asText(null);
            }
            JsonNode descriptor = chosen == null ? pick(src, index, platform, "index.json") : chosen;
            for (int depth = 0; depth < 4; depth++) {
                String mt = descriptor.path("mediaType").asText("");
                Digest d = digest(src, descriptor);
                String path = BlobSource.blobPath(d);
                if (INDEX_TYPES.contains(mt)) {
                    JsonNode inner = Image.readJson(src, path, d, "image index");
                    descriptor = pick(src, inner, platform, path);
                    continue;
                }
                if (!mt.isEmpty() && !MANIFEST_TYPES.contains(mt)) {
                    throw new ImageException(src.name() + ": " + path + " has media type " + mt + ", not an image manifest");
                }
                JsonNode manifest = Image.readJson(src, path, d, "manifest");
                return fromManifest(ref, name, d, manifest, src);
            }
            throw new ImageException(src.name() + ": image indexes nested more than 4 deep");
        } catch (ImageException | RuntimeException e) {
            closeQuietly(src);
            throw e;
        }
    }

    private static String refNames(List<JsonNode> manifests) {
        List<String> names = new ArrayList<>();
        for (JsonNode m : manifests) {
            names.add(m.path("annotations").path(REF_NAME).asText(m.path("digest").asText("?")));
        }
        return "it has " + String.join(", ", names);
    }

    /** The index entry for the platform: the one asked for, else the only one, else linux/amd64. */
    static JsonNode pick(BlobSource src, JsonNode index, Platform platform, String where) throws ImageException {
        List<JsonNode> images = new ArrayList<>();
        for (JsonNode m : index.path("manifests")) {
            // Attestation manifests (buildkit's unknown/unknown) are not images to run.
            if (!"unknown".equals(m.path("platform").path("os").asText())) {
                images.add(m);
            }
        }
        if (platform == null && images.size() == 1) {
            return images.get(0);
        }
        Platform want = platform == null ? Platform.LINUX_AMD64 : platform;
        List<String> have = new ArrayList<>();
        for (JsonNode m : images) {
            JsonNode p = m.path("platform");
            if (want.matches(p.path("os").asText(null), p.path("architecture").asText(null), p.path("variant").asText(null))) {
                return m;
            }
            have.add(p.path("os").asText("?") + "/" + p.path("architecture").asText("?")
                    + (p.hasNonNull("variant") ? "/" + p.path("variant").asText() : ""));
        }
        throw new ImageException(src.name() + ": " + where + " has no image for " + want + " (it has "
                + (have.isEmpty() ? "none" : String.join(", ", have)) + "); choose one with --platform");
    }

    static Digest digest(BlobSource src, JsonNode descriptor) throws ImageException {
        try {
            return Digest.parse(descriptor.path("digest").asText(null));
        } catch (IllegalArgumentException e) {
            throw new ImageException(src.name() + ": a descriptor's digest: " + e.getMessage());
        }
    }

    static Image fromManifest(String ref, String name, Digest manifestDigest, JsonNode manifest, BlobSource src)
            throws ImageException {
        JsonNode cfgDesc = manifest.path("config");
        if (!cfgDesc.isObject()) {
            throw new ImageException(src.name() + ": manifest " + manifestDigest + " has no config");
        }
        Digest cfgDigest = digest(src, cfgDesc);
        JsonNode config = Image.readJson(src, BlobSource.blobPath(cfgDigest), cfgDigest, "image configuration");
        List<Image.Layer> layers = new ArrayList<>();
        JsonNode diffIds = config.path("rootfs").path("diff_ids");
        int i = 0;
        for (JsonNode l : manifest.path("layers")) {
            Digest d = digest(src, l);
            String mt = l.path("mediaType").asText("");
            if (mt.contains("nondistributable") || mt.contains("foreign")) {
                if (!src.exists(BlobSource.blobPath(d))) {
                    throw new ImageException(src.name() + ": layer " + d + " is non-distributable (" + mt
                            + ") and not in the layout; it cannot be read");
                }
            }
            layers.add(new Image.Layer(d, mt, l.path("size").asLong(-1), BlobSource.blobPath(d),
                    diffId(diffIds.path(i++))));
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        manifest.path("annotations").fields().forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().asText()));
        return new Image(ref, name, manifestDigest, cfgDigest, config, layers, annotations, src);
    }

    private static Digest diffId(JsonNode n) {
        try {
            return n.isTextual() ? Digest.parse(n.textValue()) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * {@code docker save}: {@code manifest.json} lists the image's configuration and layer files;
     * the layers are checked against the configuration's {@code rootfs.diff_ids} (the digests of
     * the uncompressed tars), the configuration against the digest in its name.
     */
    private static Image dockerArchive(String ref, BlobSource src) throws ImageException {
        try {
            JsonNode manifest = Image.readJson(src, "manifest.json", null, "docker-archive manifest");
            if (!manifest.isArray() || manifest.isEmpty()) {
                throw new ImageException(src.name() + ": manifest.json lists no image (not a docker save archive?)");
            }
            if (manifest.size() > 1) {
                throw new ImageException(src.name() + ": manifest.json holds " + manifest.size()
                        + " images; save one image per archive");
            }
            JsonNode m = manifest.get(0);
            String cfgPath = m.path("Config").asText(null);
            if (cfgPath == null) {
                throw new ImageException(src.name() + ": manifest.json names no Config");
            }
            Digest cfgDigest = digestInName(cfgPath);
            JsonNode config = Image.readJson(src, cfgPath, cfgDigest, "image configuration");
            JsonNode diffIds = config.path("rootfs").path("diff_ids");
            JsonNode layerFiles = m.path("Layers");
            if (diffIds.size() != layerFiles.size()) {
                throw new ImageException(src.name() + ": manifest.json lists " + layerFiles.size() + " layers but the configuration's rootfs.diff_ids "
                        + diffIds.size());
            }
            List<Image.Layer> layers = new ArrayList<>();
            for (int i = 0; i < layerFiles.size(); i++) {
                String path = layerFiles.get(i).asText();
                Digest diff;
                try {
                    diff = Digest.parse(diffIds.get(i).asText());
                } catch (IllegalArgumentException e) {
                    throw new ImageException(src.name() + ": rootfs.diff_ids[" + i + "]: " + e.getMessage());
                }
                layers.add(new Image.Layer(null, null, -1, path, diff));
            }
            String name = m.path("RepoTags").path(0).asText(null);
            return new Image(ref, name, null, cfgDigest, config, layers, Map.of(), src);
        } catch (ImageException | RuntimeException e) {
            closeQuietly(src);
            throw e;
        }
    }

    /** {@code <hex>.json} (docker before 25) or {@code blobs/sha256/<hex>} (25 and later). */
    private static Digest digestInName(String path) {
        String base = path.substring(path.lastIndexOf('/') + 1);
        if (base.endsWith(".json")) {
            base = base.substring(0, base.length() - 5);
        }
        try {
            return Digest.parse("sha256:" + base);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void closeQuietly(BlobSource src) {
        try {
            src.close();
        } catch (IOException ignored) {
            // the error being thrown says what matters
        }
    }
}
