package dev.kubeward.image.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Registry credentials from the Docker client's configuration file ({@code $DOCKER_CONFIG/config.json},
 * else {@code ~/.docker/config.json}), looked up as the Docker CLI looks them up: a registry's own
 * {@code credHelpers} entry, else the {@code credsStore}, else its {@code auths} entry ({@code auth}
 * is base64 of {@code user:password}; {@code username}/{@code password}; {@code identitytoken}, an
 * OAuth2 refresh token). {@code auths} keys are compared by host, so {@code https://ghcr.io},
 * {@code ghcr.io} and {@code https://ghcr.io/v1/} are one; Docker Hub's key is
 * {@code https://index.docker.io/v1/}. A credential helper is the program
 * {@code docker-credential-NAME} on the PATH, run as {@code get} with the server on standard input.
 * Secrets are never put in a message.
 */
public final class RegistryCredentials {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String DOCKER_HUB_KEY = "https://index.docker.io/v1/";

    /** A user and password, or an identity token (refresh token) when {@code identityToken} is set. */
    public record Credential(String username, String password, String identityToken) {
        @Override
        public String toString() {
            return "Credential[" + username + ", ****]";
        }
    }

    private final Path file;
    private final JsonNode config;
    private final List<Path> searchPath;

    private RegistryCredentials(Path file, JsonNode config, List<Path> searchPath) {
        this.file = file;
        this.config = config;
        this.searchPath = searchPath;
    }

    /** No credentials: every registry is asked anonymously. */
    public static RegistryCredentials none() {
        return new RegistryCredentials(null, JSON.createObjectNode(), List.of());
    }

    /**
     * The Docker configuration file the environment points at ({@code DOCKER_CONFIG}, else
     * {@code HOME/.docker}); none when it does not exist.
     */
    public static RegistryCredentials fromEnvironment(Map<String, String> env) throws ImageException {
        String dir = env.get("DOCKER_CONFIG");
        Path cfgDir = dir != null && !dir.isEmpty() ? Path.of(dir)
                : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".docker");
        List<Path> path = new java.util.ArrayList<>();
        for (String p : env.getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!p.isEmpty()) {
                path.add(Path.of(p));
            }
        }
        return load(cfgDir.resolve("config.json"), path);
    }

    /** A configuration file, with credential helpers looked for in {@code searchPath}. */
    public static RegistryCredentials load(Path file, List<Path> searchPath) throws ImageException {
        if (!Files.isRegularFile(file)) {
            return new RegistryCredentials(null, JSON.createObjectNode(), searchPath);
        }
        try {
            JsonNode n = JSON.readTree(file.toFile());
            if (n == null || !n.isObject()) {
                throw new ImageException(file + ": not a JSON object (a Docker client configuration)");
            }
            return new RegistryCredentials(file, n, List.copyOf(searchPath));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ImageException(file + ":" + e.getLocation().getLineNr() + ": not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new ImageException(file + ": unreadable (" + e.getMessage() + ")");
        }
    }

    /** The host a configuration key names: scheme and path dropped (the Docker CLI's ConvertToHostname). */
    static String hostOf(String key) {
        String k = key;
        if (k.startsWith("http://")) {
            k = k.substring(7);
        } else if (k.startsWith("https://")) {
            k = k.substring(8);
        }
        int slash = k.indexOf('/');
        return slash >= 0 ? k.substring(0, slash) : k;
    }

    private static boolean isDockerHub(String host) {
        return host.equals("docker.io") || host.equals("index.docker.io") || host.equals("registry-1.docker.io");
    }

    /** The credential for a registry (as written in references: {@code docker.io}, {@code ghcr.io}), if any. */
    public Optional<Credential> lookup(String registry) throws ImageException {
        String server = isDockerHub(registry) ? DOCKER_HUB_KEY : registry;
        JsonNode helpers = config.path("credHelpers");
        String helper = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = helpers.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (sameRegistry(hostOf(e.getKey()), registry)) {
                helper = e.getValue().asText(null);
            }
        }
        if (helper == null && config.path("credsStore").isTextual() && !config.path("credsStore").textValue().isEmpty()) {
            helper = config.path("credsStore").textValue();
        }
        if (helper != null) {
            Optional<Credential> c = fromHelper(helper, server);
            if (c.isPresent() || config.path("credHelpers").has(registry)) {
                return c;
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = config.path("auths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (sameRegistry(hostOf(e.getKey()), registry)) {
                return fromAuths(e.getKey(), e.getValue());
            }
        }
        return Optional.empty();
    }

    private static boolean sameRegistry(String keyHost, String registry) {
        return keyHost.equals(registry) || isDockerHub(keyHost) && isDockerHub(registry);
    }

    private Optional<Credential> fromAuths(String key, JsonNode entry) throws ImageException {
        String user = entry.path("username").asText("");
        String pass = entry.path("password").asText("");
        String auth = entry.path("auth").asText("");
        if (!auth.isEmpty()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth.strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new ImageException(file + ": auths." + key + ".auth is not base64");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new ImageException(file + ": auths." + key + ".auth is not base64 of user:password");
            }
            user = decoded.substring(0, colon);
            pass = decoded.substring(colon + 1);
        }
        String identity = entry.path("identitytoken").asText("");
        if (!identity.isEmpty()) {
            return Optional.of(new Credential(user, null, identity));
        }
        if (user.isEmpty() && pass.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Credential(user, pass, null));
    }

    private Optional<Credential> fromHelper(String name, String server) throws ImageException {
        String program = "docker-credential-" + name;
        Path exe = null;
        for (Path dir : searchPath) {
            Path p = dir.resolve(program);
            if (Files.isExecutable(p)) {
                exe = p;
                break;
            }
        }
        if (exe == null) {
            throw new ImageException(file + " names the credential helper '" + name + "', but " + program + " is not on the PATH");
        }
        try {
            Process proc = new ProcessBuilder(exe.toString(), "get").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (OutputStream in = proc.getOutputStream()) {
                in.write(server.getBytes(StandardCharsets.UTF_8));
            }
            byte[] out;
            try (InputStream o = proc.getInputStream()) {
                out = o.readNBytes(1 << 20);
            }
            if (!proc.waitFor(30, TimeUnit.SECONDS)) {
                proc.destroyForcibly();
                throw new ImageException(program + " get did not finish within 30 seconds");
            }
            String text = new String(out, StandardCharsets.UTF_8).strip();
            if (proc.exitValue() != 0) {
                if (text.contains("credentials not found")) {
                    return Optional.empty();
                }
                throw new ImageException(program + " get failed for " + server + " (exit code " + proc.exitValue() + ")");
            }
            JsonNode n;
            try {
                n = JSON.readTree(text);
            } catch (IOException e) {
                throw new ImageException(program + " get did not answer with JSON for " + server);
            }
            String user = n.path("Username").asText("");
            String secret = n.path("Secret").asText("");
            if (secret.isEmpty()) {
                return Optional.empty();
            }
            // The Docker CLI's convention: a user of <token> means the secret is an identity token.
            return Optional.of(user.equals("<token>") ? new Credential("", null, secret) : new Credential(user, secret, null));
        } catch (IOException e) {
            throw new ImageException(program + " could not be run (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageException(program + " was interrupted");
        }
    }
}
