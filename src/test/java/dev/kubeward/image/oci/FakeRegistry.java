package dev.kubeward.image.oci;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A registry on loopback that serves the OCI distribution API from what the test puts in it: blobs
 * by digest, manifests by tag and digest, with the token protocol (a Bearer challenge, a token
 * endpoint that checks basic credentials), or Basic auth, or none; blobs redirected to a "storage"
 * origin (127.0.0.1 where the registry is localhost), to see the Authorization header dropped.
 */
public final class FakeRegistry implements AutoCloseable {
    enum Auth { NONE, TOKEN, BASIC }

    public record Stored(byte[] bytes, String mediaType) {}

    final HttpServer server;
    public final Map<String, Stored> manifests = new ConcurrentHashMap<>();
    public final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    /** Blob bytes served instead of the stored ones (a tampering registry or a corrupt cache). */
    public final Map<String, byte[]> tampered = new ConcurrentHashMap<>();
    public final List<String> log = Collections.synchronizedList(new ArrayList<>());
    /** The Authorization headers storage received (must stay empty). */
    final List<String> storageAuth = Collections.synchronizedList(new ArrayList<>());
    volatile Auth auth = Auth.NONE;
    volatile String user = "alice";
    volatile String password = "s3cret";
    volatile boolean redirectBlobs;
    /** Blobs sent half, then nothing until the client gives up (a stalled connection). */
    volatile boolean stallBlobs;
    volatile boolean rateLimited;
    public volatile boolean referrersApi = true;
    /** Whether the token endpoint gives a token without credentials (Docker Hub does, for public images). */
    volatile boolean anonymousTokens;
    private static final String TOKEN = "tok-123";

    public FakeRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-registry");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The registry as references name it. */
    public String host() {
        return "localhost:" + port();
    }

    public void putManifest(String repoRef, byte[] bytes, String mediaType) {
        manifests.put(repoRef, new Stored(bytes, mediaType));
    }

    /** Puts an image's blobs in the registry and its manifest at repo@digest and repo:tag (tag may be null). */
    public dev.kubeward.image.TestImages.Blobs push(String repo, String tag, dev.kubeward.image.TestImages.Builder image)
            throws IOException {
        dev.kubeward.image.TestImages.Blobs b = image.blobs();
        b.byDigest().forEach((d, bytes) -> {
            if (!d.equals(b.manifestDigest())) {
                blobs.put(d, bytes);
            }
        });
        byte[] manifest = b.byDigest().get(b.manifestDigest());
        putManifest(repo + ":" + b.manifestDigest(), manifest, "application/vnd.oci.image.manifest.v1+json");
        if (tag != null) {
            putManifest(repo + ":" + tag, manifest, "application/vnd.oci.image.manifest.v1+json");
        }
        return b;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String hostHeader = ex.getRequestHeaders().getFirst("Host");
            log.add(ex.getRequestMethod() + " " + path);
            if (path.startsWith("/storage/")) {
                String a = ex.getRequestHeaders().getFirst("Authorization");
                if (a != null) {
                    storageAuth.add(a);
                }
                blob(ex, path.substring("/storage/".length()));
                return;
            }
            if (path.equals("/token")) {
                token(ex);
                return;
            }
            if (rateLimited) {
                ex.getResponseHeaders().add("Retry-After", "30");
                send(ex, 429, "{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"pull rate limit\"}]}");
                return;
            }
            if (!authorized(ex, path)) {
                return;
            }
            if (!path.startsWith("/v2/")) {
                send(ex, 404, "");
                return;
            }
            String rest = path.substring(4);
            int m = rest.indexOf("/manifests/");
            int b = rest.indexOf("/blobs/");
            int r = rest.indexOf("/referrers/");
            if (m > 0) {
                Stored s = manifests.get(rest.substring(0, m) + ":" + rest.substring(m + 11));
                if (s == null) {
                    send(ex, 404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}");
                    return;
                }
                ex.getResponseHeaders().add("Content-Type", s.mediaType());
                ex.getResponseHeaders().add("Docker-Content-Digest", dev.kubeward.image.TestImages.sha256(s.bytes()));
                send(ex, 200, s.bytes());
            } else if (b > 0) {
                String digest = rest.substring(b + 7);
                if (redirectBlobs && blobs.containsKey(digest)) {
                    ex.getResponseHeaders().add("Location", "http://127.0.0.1:" + port() + "/storage/" + digest + "?sig=x");
                    send(ex, 307, "");
                    return;
                }
                blob(ex, digest);
            } else if (r > 0 && referrersApi) {
                Stored s = manifests.get(rest.substring(0, r) + ":referrers:" + rest.substring(r + 11));
                ex.getResponseHeaders().add("Content-Type", "application/vnd.oci.image.index.v1+json");
                send(ex, 200, s != null ? s.bytes() : "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[]}"
                        .getBytes(StandardCharsets.UTF_8));
            } else {
                send(ex, 404, "{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"repository name not known\"}]}");
            }
            if (hostHeader == null) {
                throw new IOException("no Host header");
            }
        }
    }

    private void blob(HttpExchange ex, String digest) throws IOException {
        byte[] bytes = tampered.getOrDefault(digest, blobs.get(digest));
        if (bytes == null) {
            send(ex, 404, "{\"errors\":[{\"code\":\"BLOB_UNKNOWN\",\"message\":\"blob unknown\"}]}");
            return;
        }
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.getResponseHeaders().add("Content-Length", String.valueOf(bytes.length));
            ex.sendResponseHeaders(200, -1);
            return;
        }
        if (stallBlobs) {
            ex.sendResponseHeaders(200, bytes.length);
            OutputStream o = ex.getResponseBody();
            o.write(bytes, 0, bytes.length / 2);
            o.flush();
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        send(ex, 200, bytes);
    }

    private boolean authorized(HttpExchange ex, String path) throws IOException {
        String repo = path.replaceFirst("^/v2/", "").replaceFirst("/(manifests|blobs|referrers)/.*$", "");
        String a = ex.getRequestHeaders().getFirst("Authorization");
        switch (auth) {
            case NONE -> {
                return true;
            }
            case BASIC -> {
                if (basicOk(a)) {
                    return true;
                }
                ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"fake\"");
            }
            case TOKEN -> {
                if (("Bearer " + TOKEN).equals(a)) {
                    return true;
                }
                ex.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://localhost:" + port()
                        + "/token\",service=\"fake-registry\",scope=\"repository:" + repo + ":pull\"");
            }
        }
        send(ex, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}");
        return false;
    }

    private boolean basicOk(String a) {
        return a != null && a.equals("Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8)));
    }

    private void token(HttpExchange ex) throws IOException {
        String q = ex.getRequestURI().getQuery();
        log.add("token " + q);
        String a = ex.getRequestHeaders().getFirst("Authorization");
        if (!(anonymousTokens && a == null) && !basicOk(a)) {
            send(ex, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"bad credentials\"}]}");
            return;
        }
        send(ex, 200, "{\"token\":\"" + TOKEN + "\",\"expires_in\":300}");
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        send(ex, status, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        }
    }

    /** Registry access as a test of another package uses it: the given auth, anonymous or not. */
    public void requireToken(String user, String password) {
        this.auth = Auth.TOKEN;
        this.user = user;
        this.password = password;
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
