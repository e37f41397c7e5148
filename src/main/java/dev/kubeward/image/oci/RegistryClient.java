package dev.kubeward.image.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A client of the OCI distribution API ({@code /v2/NAME/manifests/REF}, {@code /v2/NAME/blobs/DIGEST},
 * {@code /v2/NAME/referrers/DIGEST}) on the JDK's HTTP client.
 *
 * <p>Authentication follows the registry's challenge: a 401 with {@code WWW-Authenticate: Bearer
 * realm=…,service=…,scope=…} is answered by a token from the realm (the distribution token
 * protocol: a GET with the user's basic credentials, or an OAuth2 refresh-token POST with an
 * identity token), one with {@code Basic} by the credentials themselves; tokens are kept per
 * registry and scope. Redirects (blob storage) are followed by hand, at most 10, and the
 * {@code Authorization} header is not sent to another host or over a downgrade to plain HTTP.
 * Every request has a connect and response timeout, and a blob body an idle timeout (no byte for
 * that long fails the read). Registries named insecure are spoken to in plain HTTP. Errors name the
 * status (401, 403, 404, 429 with its Retry-After) and the registry's own error code.
 */
public final class RegistryClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> MANIFEST_ACCEPT = List.of("application/vnd.oci.image.index.v1+json",
            "application/vnd.oci.image.manifest.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.docker.distribution.manifest.v2+json");
    private static final int MAX_REDIRECTS = 10;
    private static final int MAX_ERROR_BODY = 64 << 10;
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kubeward-registry-idle");
        t.setDaemon(true);
        return t;
    });

    /**
     * How registries are reached.
     *
     * @param insecure registries (host[:port], as in references) spoken to in plain HTTP
     * @param timeout the connect, response and idle timeout
     */
    public record Options(Set<String> insecure, RegistryCredentials credentials, Duration timeout) {
        public static Options defaults() {
            return new Options(Set.of(), RegistryCredentials.none(), Duration.ofSeconds(60));
        }
    }

    /** A manifest (or index) as the registry served it. */
    public record Manifest(byte[] bytes, String mediaType, Digest digest) {
        public JsonNode json() throws ImageException {
            try {
                return JSON.readTree(bytes);
            } catch (IOException e) {
                throw new ImageException("the manifest " + digest + " is not JSON (" + e.getMessage() + ")");
            }
        }
    }

    private final Options options;
    private final HttpClient http;
    private final Map<String, String> authorizations = new ConcurrentHashMap<>();

    public RegistryClient(Options options) {
        this.options = options;
        this.http = HttpClient.newBuilder().connectTimeout(options.timeout()).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    private String base(RegistryRef r) {
        String scheme = options.insecure().contains(r.registry()) || options.insecure().contains(r.apiHost()) ? "http" : "https";
        return scheme + "://" + r.apiHost() + "/v2/" + r.repository();
    }

    /** The manifest at the reference's digest (checked) or tag; a 404 is an error. */
    public Manifest manifest(RegistryRef r) throws ImageException {
        return manifestIfPresent(r).orElseThrow(() -> new ImageException(r + ": 404 not found: the registry has no "
                + (r.digest() != null ? "manifest " + r.digest() : "tag '" + r.tag() + "'") + " in " + r.name()));
    }

    /** The manifest, or empty when the registry answers 404 (a signature tag that does not exist). */
    public Optional<Manifest> manifestIfPresent(RegistryRef r) throws ImageException {
        URI uri = URI.create(base(r) + "/manifests/" + r.reference());
        HttpResponse<InputStream> resp = send(r, "GET", uri, String.join(", ", MANIFEST_ACCEPT), true);
        if (resp == null) {
            return Optional.empty();
        }
        byte[] bytes;
        try (InputStream in = resp.body()) {
            bytes = in.readNBytes((int) ImageLoader.MAX_JSON + 1);
        } catch (IOException e) {
            throw new ImageException(r + ": the manifest could not be read (" + e.getMessage() + ")", e);
        }
        if (bytes.length > ImageLoader.MAX_JSON) {
            throw new ImageException(r + ": the manifest is more than " + ImageLoader.MAX_JSON + " bytes");
        }
        Digest digest;
        if (r.digest() != null) {
            if (!r.digest().matches(bytes)) {
                throw new ImageException(r + ": the manifest the registry served does not have the digest " + r.digest()
                        + ": it is corrupt or was tampered with");
            }
            digest = r.digest();
        } else {
            digest = Digest.sha256(bytes);
            Optional<String> header = resp.headers().firstValue("Docker-Content-Digest");
            if (header.isPresent() && header.get().startsWith("sha256:") && !header.get().equals(digest.toString())) {
                throw new ImageException(r + ": the manifest's digest is " + digest + " but the registry says "
                        + header.get() + ": it is corrupt or was tampered with");
            }
        }
        String type = resp.headers().firstValue("Content-Type").map(t -> t.split(";")[0].strip()).orElse("");
        JsonNode json;
        try {
            json = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new ImageException(r + ": the manifest is not JSON (" + e.getMessage() + ")");
        }
        if (json == null || !json.isObject()) {
            throw new ImageException(r + ": the manifest is not a JSON object");
        }
        String declared = json.path("mediaType").asText("");
        if (!declared.isEmpty()) {
            type = declared;
        } else if (type.isEmpty() || type.equals("application/json")) {
            type = json.has("manifests") ? "application/vnd.oci.image.index.v1+json" : "application/vnd.oci.image.manifest.v1+json";
        }
        if (json.path("schemaVersion").asInt() == 1 || type.startsWith("application/vnd.docker.distribution.manifest.v1")) {
            throw new ImageException(r + ": a Docker schema 1 manifest, which is deprecated and not read; push the image again");
        }
        return Optional.of(new Manifest(bytes, type, digest));
    }

    /** A blob's bytes as they arrive (not checked: the reader checks them against the digest). */
    public InputStream blob(RegistryRef repo, Digest d) throws ImageException {
        URI uri = URI.create(base(repo) + "/blobs/" + d);
        HttpResponse<InputStream> resp = send(repo, "GET", uri, null, true);
        if (resp == null) {
            return null;
        }
        return new IdleTimeout(resp.body(), options.timeout(), repo.name() + "@" + d);
    }

    /** A small blob (a configuration, a signature payload), read whole and checked against its digest. */
    public byte[] smallBlob(RegistryRef repo, Digest d, long max) throws ImageException {
        try (InputStream in = blob(repo, d)) {
            if (in == null) {
                throw new ImageException(repo.name() + ": 404 not found: blob " + d);
            }
            byte[] b = in.readNBytes((int) max + 1);
            if (b.length > max) {
                throw new ImageException(repo.name() + ": blob " + d + " is more than " + max + " bytes");
            }
            if (!d.matches(b)) {
                throw new ImageException(repo.name() + ": blob " + d + " does not have that digest: it is corrupt or was tampered with");
            }
            return b;
        } catch (IOException e) {
            throw new ImageException(repo.name() + ": blob " + d + " could not be read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The referrers index of a manifest (OCI 1.1 {@code /referrers/DIGEST}, filtered by artifact type
     * when the registry does not filter), else the fallback tag {@code sha256-HEX}; empty when neither exists.
     */
    public Optional<JsonNode> referrers(RegistryRef repo, Digest subject) throws ImageException {
        URI uri = URI.create(base(repo) + "/referrers/" + subject);
        HttpResponse<InputStream> resp = send(repo, "GET", uri, "application/vnd.oci.image.index.v1+json", true);
        if (resp != null) {
            try (InputStream in = resp.body()) {
                byte[] b = in.readNBytes((int) ImageLoader.MAX_JSON + 1);
                if (b.length > ImageLoader.MAX_JSON) {
                    throw new ImageException(repo.name() + ": the referrers of " + subject + " are more than "
                            + ImageLoader.MAX_JSON + " bytes");
                }
                return Optional.of(JSON.readTree(b));
            } catch (IOException e) {
                throw new ImageException(repo.name() + ": the referrers of " + subject + " are not JSON (" + e.getMessage() + ")");
            }
        }
        Optional<Manifest> tag = manifestIfPresent(repo.withTag(subject.algorithm() + "-" + subject.hex()));
        if (tag.isPresent() && tag.get().json().has("manifests")) {
            return Optional.of(tag.get().json());
        }
        return Optional.empty();
    }

    /**
     * Sends a request with the registry's authentication, following redirects. Returns null for a
     * 404 when {@code notFoundIsNull}; any other status than 200 is an error.
     */
    private HttpResponse<InputStream> send(RegistryRef repo, String method, URI uri, String accept, boolean notFoundIsNull)
            throws ImageException {
        String scopeKey = repo.apiHost() + "|repository:" + repo.repository() + ":pull";
        HttpResponse<InputStream> resp = exchange(method, uri, accept, authorizations.get(scopeKey), repo);
        String detail = null;
        if (resp.statusCode() == 401) {
            String challenge = resp.headers().firstValue("WWW-Authenticate").orElse("");
            detail = errorDetail(resp);
            String auth = authorize(repo, challenge);
            if (auth != null) {
                authorizations.put(scopeKey, auth);
                resp = exchange(method, uri, accept, auth, repo);
                detail = null;
            }
        }
        int status = resp.statusCode();
        if (status == 200) {
            return resp;
        }
        if (detail == null) {
            detail = errorDetail(resp);
        }
        String where = repo.name() + ": " + method + " " + uri.getPath();
        switch (status) {
            case 404 -> {
                if (notFoundIsNull) {
                    return null;
                }
                throw new ImageException(where + ": 404 not found" + detail);
            }
            case 401 -> throw new ImageException(where + ": 401 unauthorized" + detail + " (give credentials with docker login, "
                    + "or in $DOCKER_CONFIG/config.json)");
            case 403 -> throw new ImageException(where + ": 403 forbidden" + detail + " (the credentials do not allow pulling "
                    + repo.repository() + ")");
            case 429 -> throw new ImageException(where + ": 429 too many requests" + detail + ": the registry's rate limit"
                    + resp.headers().firstValue("Retry-After").map(s -> "; retry after " + s + " s").orElse("")
                    + (repo.registry().equals("docker.io") ? " (Docker Hub limits anonymous pulls: log in, or use a mirror)" : ""));
            default -> throw new ImageException(where + ": HTTP " + status + detail);
        }
    }

    private HttpResponse<InputStream> exchange(String method, URI start, String accept, String auth, RegistryRef repo)
            throws ImageException {
        URI uri = start;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(options.timeout()).method(method,
                    HttpRequest.BodyPublishers.noBody()).header("User-Agent", "kubeward");
            if (accept != null) {
                b.header("Accept", accept);
            }
            boolean sameOrigin = sameOrigin(start, uri);
            if (auth != null && sameOrigin) {
                b.header("Authorization", auth);
            }
            HttpResponse<InputStream> resp = call(b.build(), repo);
            int s = resp.statusCode();
            if (s == 301 || s == 302 || s == 303 || s == 307 || s == 308) {
                String loc = resp.headers().firstValue("Location").orElse(null);
                discard(resp);
                if (loc == null) {
                    throw new ImageException(repo.name() + ": HTTP " + s + " without a Location from " + uri.getHost());
                }
                URI next = uri.resolve(loc);
                if ("https".equals(uri.getScheme()) && !"https".equals(next.getScheme())) {
                    throw new ImageException(repo.name() + ": " + uri.getHost() + " redirects from HTTPS to " + next.getScheme()
                            + "://" + next.getHost() + ", which is not followed");
                }
                uri = next;
                continue;
            }
            return resp;
        }
        throw new ImageException(repo.name() + ": more than " + MAX_REDIRECTS + " redirects from " + start);
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    private HttpResponse<InputStream> call(HttpRequest req, RegistryRef repo) throws ImageException {
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        } catch (java.net.http.HttpTimeoutException e) {
            throw new ImageException(repo.name() + ": " + req.uri().getHost() + " did not answer within "
                    + options.timeout().toSeconds() + " s" + ("https".equals(req.uri().getScheme())
                    ? " (a registry served over plain HTTP needs --insecure-registry " + repo.registry() + ")" : ""));
        } catch (java.net.ConnectException e) {
            throw new ImageException(repo.name() + ": cannot connect to " + req.uri().getScheme() + "://" + req.uri().getAuthority()
                    + (e.getMessage() != null ? " (" + e.getMessage() + ")" : "")
                    + ("https".equals(req.uri().getScheme()) && !repo.registry().equals("docker.io")
                    ? "; if the registry is served over plain HTTP, name it with --insecure-registry " + repo.registry() : ""));
        } catch (javax.net.ssl.SSLException e) {
            throw new ImageException(repo.name() + ": TLS with " + req.uri().getAuthority() + " failed (" + e.getMessage() + ")"
                    + "; a registry served over plain HTTP needs --insecure-registry " + repo.registry());
        } catch (IOException e) {
            throw new ImageException(repo.name() + ": " + req.method() + " " + req.uri() + " failed (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageException(repo.name() + ": interrupted");
        }
    }

    /** The Authorization header that answers a challenge, or null when none can. */
    private String authorize(RegistryRef repo, String challenge) throws ImageException {
        Challenge c = Challenge.parse(challenge);
        Optional<RegistryCredentials.Credential> cred = options.credentials().lookup(repo.registry());
        if (c.scheme().equals("basic")) {
            if (cred.isEmpty() || cred.get().password() == null) {
                return null;
            }
            return basic(cred.get());
        }
        if (!c.scheme().equals("bearer")) {
            return null;
        }
        String realm = c.params().get("realm");
        if (realm == null) {
            throw new ImageException(repo.name() + ": the registry's Bearer challenge names no realm");
        }
        String scope = c.params().getOrDefault("scope", "repository:" + repo.repository() + ":pull");
        String service = c.params().get("service");
        URI realmUri;
        try {
            realmUri = URI.create(realm);
        } catch (IllegalArgumentException e) {
            throw new ImageException(repo.name() + ": the token realm '" + realm + "' is not a URL");
        }
        if (!"https".equals(realmUri.getScheme()) && !("http".equals(realmUri.getScheme())
                && options.insecure().contains(repo.registry()))) {
            throw new ImageException(repo.name() + ": the token realm " + realm + " is not HTTPS");
        }
        HttpRequest.Builder b;
        if (cred.isPresent() && cred.get().identityToken() != null) {
            String form = "grant_type=refresh_token&client_id=kubeward&refresh_token=" + enc(cred.get().identityToken())
                    + "&scope=" + enc(scope) + (service != null ? "&service=" + enc(service) : "");
            b = HttpRequest.newBuilder(realmUri).POST(HttpRequest.BodyPublishers.ofString(form))
                    .header("Content-Type", "application/x-www-form-urlencoded");
        } else {
            String q = (service != null ? "service=" + enc(service) + "&" : "") + "scope=" + enc(scope);
            b = HttpRequest.newBuilder(URI.create(realm + (realm.contains("?") ? "&" : "?") + q)).GET();
            cred.ifPresent(value -> b.header("Authorization", basic(value)));
        }
        b.timeout(options.timeout()).header("User-Agent", "kubeward");
        HttpResponse<InputStream> resp = call(b.build(), repo);
        if (resp.statusCode() != 200) {
            String detail = errorDetail(resp);
            throw new ImageException(repo.name() + ": the token endpoint " + realmUri.getHost() + " answered " + resp.statusCode()
                    + detail + (resp.statusCode() == 401 ? " (the credentials for " + repo.registry() + " were refused)" : ""));
        }
        try (InputStream in = resp.body()) {
            JsonNode n = JSON.readTree(in.readNBytes(1 << 20));
            String token = n.path("token").asText(n.path("access_token").asText(""));
            if (token.isEmpty()) {
                throw new ImageException(repo.name() + ": the token endpoint " + realmUri.getHost() + " gave no token");
            }
            return "Bearer " + token;
        } catch (IOException e) {
            throw new ImageException(repo.name() + ": the token endpoint " + realmUri.getHost() + " did not answer with JSON");
        }
    }

    private static String basic(RegistryCredentials.Credential c) {
        return "Basic " + Base64.getEncoder().encodeToString((c.username() + ":" + c.password()).getBytes(StandardCharsets.UTF_8));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** {@code : CODE message} from the distribution error body, when the registry gave one. */
    private static String errorDetail(HttpResponse<InputStream> resp) {
        try (InputStream in = resp.body()) {
            byte[] b = in.readNBytes(MAX_ERROR_BODY);
            JsonNode n = JSON.readTree(b);
            JsonNode e = n == null ? null : n.path("errors").path(0);
            if (e != null && e.isObject()) {
                String code = e.path("code").asText("");
                String msg = e.path("message").asText("");
                return " (" + (code + " " + msg).strip() + ")";
            }
        } catch (IOException | RuntimeException e) {
            // no JSON error body
        }
        return "";
    }

    private static void discard(HttpResponse<InputStream> resp) {
        try (InputStream in = resp.body()) {
            in.readNBytes(MAX_ERROR_BODY);
        } catch (IOException e) {
            // the connection is dropped instead of reused
        }
    }

    /** A WWW-Authenticate challenge: the scheme (lowercase) and its parameters. */
    record Challenge(String scheme, Map<String, String> params) {
        static Challenge parse(String header) {
            String h = header.strip();
            int sp = h.indexOf(' ');
            String scheme = (sp < 0 ? h : h.substring(0, sp)).toLowerCase(Locale.ROOT);
            Map<String, String> params = new LinkedHashMap<>();
            int i = sp < 0 ? h.length() : sp + 1;
            while (i < h.length()) {
                while (i < h.length() && (h.charAt(i) == ' ' || h.charAt(i) == ',')) {
                    i++;
                }
                int eq = h.indexOf('=', i);
                if (eq < 0) {
                    break;
                }
                String key = h.substring(i, eq).strip().toLowerCase(Locale.ROOT);
                i = eq + 1;
                StringBuilder v = new StringBuilder();
                if (i < h.length() && h.charAt(i) == '"') {
                    i++;
                    while (i < h.length() && h.charAt(i) != '"') {
                        if (h.charAt(i) == '\\' && i + 1 < h.length()) {
                            i++;
                        }
                        v.append(h.charAt(i++));
                    }
                    i++;
                } else {
                    while (i < h.length() && h.charAt(i) != ',') {
                        v.append(h.charAt(i++));
                    }
                }
                params.put(key, v.toString().strip());
            }
            return new Challenge(scheme, params);
        }
    }

    /** A response body that fails when no byte arrives for the idle timeout (a stalled connection). */
    static final class IdleTimeout extends FilterInputStream {
        private final long idleNanos;
        private final String what;
        private volatile long last = System.nanoTime();
        private volatile boolean timedOut;
        private final ScheduledFuture<?> check;

        IdleTimeout(InputStream in, Duration idle, String what) {
            super(in);
            this.idleNanos = idle.toNanos();
            this.what = what;
            long period = Math.max(50, Math.min(1000, idle.toMillis() / 4));
            this.check = WATCHDOG.scheduleAtFixedRate(this::watch, period, period, TimeUnit.MILLISECONDS);
        }

        private void watch() {
            if (System.nanoTime() - last > idleNanos && !timedOut) {
                timedOut = true;
                try {
                    in.close();
                } catch (IOException e) {
                    // closing is the point
                }
                check.cancel(false);
            }
        }

        private int progress(int n) throws IOException {
            if (timedOut) {
                throw new IOException(what + ": no data for " + Duration.ofNanos(idleNanos).toSeconds() + " s; the transfer stalled");
            }
            last = System.nanoTime();
            return n;
        }

        @Override
        public int read() throws IOException {
            try {
                return progress(in.read());
            } catch (IOException e) {
                throw timedOut ? new IOException(what + ": no data for " + Duration.ofNanos(idleNanos).toSeconds()
                        + " s; the transfer stalled") : e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return progress(in.read(b, off, len));
            } catch (IOException e) {
                throw timedOut ? new IOException(what + ": no data for " + Duration.ofNanos(idleNanos).toSeconds()
                        + " s; the transfer stalled") : e;
            }
        }

        @Override
        public void close() throws IOException {
            check.cancel(false);
            super.close();
        }
    }

    /** The blobs of one repository as a {@link BlobSource} ({@code blobs/ALG/HEX} paths). */
    BlobSource blobSource(RegistryRef repo) {
        return new BlobSource() {
            @Override
            String name() {
                return repo.name();
            }

            @Override
            InputStream open(String path) throws IOException {
                Digest d = digestOf(path);
                try {
                    InputStream in = blob(repo, d);
                    if (in == null) {
                        throw new NoSuchFileException(path);
                    }
                    return in;
                } catch (ImageException e) {
                    throw new IOException(e.getMessage(), e);
                }
            }

            @Override
            boolean exists(String path) {
                try {
                    HttpResponse<InputStream> r = send(repo, "HEAD", URI.create(base(repo) + "/blobs/" + digestOf(path)), null, true);
                    if (r != null) {
                        discard(r);
                    }
                    return r != null;
                } catch (ImageException | IOException e) {
                    return false;
                }
            }

            @Override
            public void close() {
                // connections are pooled by the client
            }
        };
    }

    private static Digest digestOf(String path) throws IOException {
        String[] parts = path.split("/");
        if (parts.length != 3 || !parts[0].equals("blobs")) {
            throw new NoSuchFileException(path);
        }
        try {
            return Digest.parse(parts[1] + ":" + parts[2]);
        } catch (IllegalArgumentException e) {
            throw new NoSuchFileException(path);
        }
    }
}
