package dev.kubeward.server;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTPS server of {@code kubeward serve}, on Jetty 12's core API (no servlets): TLS 1.2 and
 * 1.3 only, HTTP/2 and HTTP/1.1 by ALPN, a bounded thread pool and job queue, a connection limit,
 * a body limit enforced before any byte is parsed, a deadline on the whole body and a minimum data
 * rate (slowloris), idle timeouts, certificate and key reloaded when their files change (new
 * handshakes get the new pair; connections and requests in flight keep theirs), and a graceful
 * stop that lets requests in flight finish.
 *
 * <p>What it serves is a list of {@link Route}s for the TLS port and another for the plain HTTP
 * port (metrics and probes; absent when no plain port is given). The server knows nothing of
 * admission: endpoints do.
 */
public final class WebhookServer implements AutoCloseable {

    /** How the server is set up. {@code plainPort} -1: no plain HTTP port; 0: any free port. */
    public record Settings(String host, int tlsPort, int plainPort, Path certFile, Path keyFile, Duration reloadInterval,
            ServerLimits limits) {
        public Settings {
            Objects.requireNonNull(certFile, "certFile");
            Objects.requireNonNull(keyFile, "keyFile");
            reloadInterval = reloadInterval == null ? Duration.ofSeconds(10) : reloadInterval;
            limits = limits == null ? ServerLimits.DEFAULT : limits;
            host = host == null ? "0.0.0.0" : host;
        }
    }

    /** GETs that bypass the request slots (see the QoSHandler below). */
    static final java.util.Set<String> UNLIMITED_PATHS = java.util.Set.of("/healthz", "/readyz", "/metrics");

    private final Settings settings;
    private final Map<String, List<Route>> tlsRoutes;
    private final Map<String, List<Route>> plainRoutes;
    private final Consumer<String> log;
    private final Server server;
    private final ServerConnector tlsConnector;
    private final ServerConnector plainConnector;
    private final SslContextFactory.Server ssl;
    private final RotatingKeyManager keys;
    private final GracefulHandler graceful;
    private final ScheduledExecutorService timers;
    /**
     * Where the endpoints of POST routes run (the reviews): as many threads as cores. Running more
     * reviews at once than there are cores adds no throughput on a CPU-bound engine, only context
     * switches and caches evicted; Jetty's threads stay free for I/O (TLS, bodies, probes).
     */
    private final java.util.concurrent.ThreadPoolExecutor evaluators;
    private final AtomicReference<String> servedFingerprint = new AtomicReference<>();
    private final AtomicLong reloads = new AtomicLong();
    private final AtomicLong reloadFailures = new AtomicLong();
    private final AtomicReference<String> lastReloadError = new AtomicReference<>();
    private final AtomicReference<java.time.Instant> notAfter = new AtomicReference<>();
    private volatile boolean draining;

    /**
     * Builds the server (nothing listens until {@link #start}); the certificate and key are read
     * now, so that a bad pair fails here with a message naming the file.
     */
    public WebhookServer(Settings settings, List<Route> tlsRoutes, List<Route> plainRoutes, BooleanSupplier ready,
            Consumer<String> log) throws TlsFiles.TlsException {
        this.settings = settings;
        this.tlsRoutes = index(withProbes(tlsRoutes, ready));
        this.plainRoutes = index(withProbes(plainRoutes, ready));
        this.log = log;
        ServerLimits limits = settings.limits();
        TlsFiles.Loaded pair = TlsFiles.load(settings.certFile(), settings.keyFile());
        servedFingerprint.set(pair.fingerprint());
        notAfter.set(pair.leaf().getNotAfter().toInstant());

        // Jetty's own jobs need an unbounded queue; requests are bounded by the QoSHandler below.
        QueuedThreadPool pool = new QueuedThreadPool(limits.maxThreads(), Math.min(8, limits.maxThreads()), 60_000);
        pool.setName("kubeward-serve");
        pool.setDaemon(false);
        server = new Server(pool);
        server.setStopTimeout(limits.drainTimeout().toMillis());

        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        http.setSecureScheme("https");
        http.setRequestHeaderSize(16 * 1024);
        http.setMinRequestDataRate(limits.minBodyBytesPerSecond());
        HttpConfiguration https = new HttpConfiguration(http);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        // The API server dials the Service's DNS name, a test 127.0.0.1: the certificate, not the
        // Host header, is what the client checks.
        secure.setSniHostCheck(false);
        https.addCustomizer(secure);

        // The context is built once over a key manager whose pair is replaced in one step; see
        // RotatingKeyManager for why SslContextFactory.reload is not used.
        RotatingKeyManager rotating;
        try {
            rotating = new RotatingKeyManager(pair.keyStore());
        } catch (java.security.GeneralSecurityException e) {
            throw new TlsFiles.TlsException(settings.certFile() + ": " + e.getMessage());
        }
        keys = rotating;
        ssl = new SslContextFactory.Server() {
            @Override
            protected javax.net.ssl.KeyManager[] getKeyManagers(java.security.KeyStore keyStore) {
                return new javax.net.ssl.KeyManager[] {rotating};
            }
        };
        ssl.setKeyStore(pair.keyStore());
        ssl.setKeyStorePassword(new String(TlsFiles.PASSWORD));
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        ssl.setSniRequired(false);
        ssl.setRenegotiationAllowed(false);

        HttpConnectionFactory h1 = new HttpConnectionFactory(https);
        HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(https);
        h2.setMaxConcurrentStreams(128);
        // Offers the protocols of the factories after it on the connector: h2, then http/1.1.
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
        alpn.setDefaultProtocol(h1.getProtocol());
        SslConnectionFactory tls = new SslConnectionFactory(ssl, alpn.getProtocol());
        tlsConnector = new ServerConnector(server, 1, 1, tls, alpn, h2, h1);
        tlsConnector.setHost(settings.host());
        tlsConnector.setPort(settings.tlsPort());
        tlsConnector.setIdleTimeout(limits.idleTimeout().toMillis());
        tlsConnector.setAcceptQueueSize(512);
        tlsConnector.setName("tls");
        server.addConnector(tlsConnector);

        if (settings.plainPort() >= 0) {
            plainConnector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
            plainConnector.setHost(settings.host());
            plainConnector.setPort(settings.plainPort());
            plainConnector.setIdleTimeout(limits.idleTimeout().toMillis());
            plainConnector.setName("plain");
            server.addConnector(plainConnector);
        } else {
            plainConnector = null;
        }
        server.addBean(new NetworkConnectionLimit(limits.maxConnections(), server));

        QoSHandler qos = new QoSHandler(new Dispatcher());
        qos.setMaxRequestCount(limits.maxConcurrentRequests());
        qos.setMaxSuspendedRequestCount(limits.maxWaitingRequests());
        qos.setMaxSuspend(limits.bodyTimeout());
        qos.setRejectStatusCode(503);
        // The probes and the metrics read no body and take no slot: slow bodies holding every slot
        // (a slowloris) must not make the kubelet's probes time out and restart the pod.
        qos.exclude(request -> HttpMethod.GET.is(request.getMethod()) && UNLIMITED_PATHS.contains(request.getHttpURI().getPath()));
        graceful = new GracefulHandler(qos);
        server.setHandler(graceful);
        int cores = Math.max(1, Math.min(limits.maxThreads(), Runtime.getRuntime().availableProcessors()));
        java.util.concurrent.atomic.AtomicInteger evaluatorIds = new java.util.concurrent.atomic.AtomicInteger();
        // The queue never holds more than the requests the QoSHandler lets in at once.
        evaluators = new java.util.concurrent.ThreadPoolExecutor(cores, cores, 60, TimeUnit.SECONDS,
                new java.util.concurrent.ArrayBlockingQueue<>(Math.max(1, limits.maxConcurrentRequests())), r -> {
                    Thread t = new Thread(r, "kubeward-serve-eval-" + evaluatorIds.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kubeward-serve-timer");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * {@code /healthz} (the process answers) and {@code /readyz} (policies loaded, caches synced,
     * and not draining) on every port, unless the routes bring their own.
     */
    private List<Route> withProbes(List<Route> routes, BooleanSupplier ready) {
        List<Route> all = new ArrayList<>(routes == null ? List.of() : routes);
        if (all.stream().noneMatch(r -> r.path().equals("/healthz"))) {
            all.add(Route.get("/healthz", call -> Route.Reply.text(200, "ok")));
        }
        if (all.stream().noneMatch(r -> r.path().equals("/readyz"))) {
            all.add(Route.get("/readyz", call -> draining ? Route.Reply.text(503, "draining: shutting down")
                    : ready.getAsBoolean() ? Route.Reply.text(200, "ok") : Route.Reply.text(503, "not ready")));
        }
        return all;
    }

    private static Map<String, List<Route>> index(List<Route> routes) {
        Map<String, List<Route>> byPath = new LinkedHashMap<>();
        for (Route r : routes == null ? List.<Route>of() : routes) {
            List<Route> same = byPath.computeIfAbsent(r.path(), k -> new ArrayList<>());
            for (Route other : same) {
                if (other.method().equals(r.method())) {
                    throw new IllegalArgumentException("two routes for " + r.method() + " " + r.path());
                }
            }
            same.add(r);
        }
        return byPath;
    }

    public void start() throws Exception {
        server.start();
        long every = settings.reloadInterval().toMillis();
        timers.scheduleWithFixedDelay(this::reloadIfChanged, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Runs {@code task} every {@code every} on the server's timer thread until the server stops
     * (the reload of the policies, say). A task that throws is logged and runs again next time.
     */
    public void schedule(Runnable task, Duration every) {
        long ms = every.toMillis();
        timers.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.accept("kubeward serve: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** When the certificate served now expires. */
    public java.time.Instant certificateNotAfter() {
        return notAfter.get();
    }

    /** The TLS port actually bound (useful with port 0). */
    public int tlsPort() {
        return tlsConnector.getLocalPort();
    }

    /** The plain HTTP port actually bound, or -1. */
    public int plainPort() {
        return plainConnector == null ? -1 : plainConnector.getLocalPort();
    }

    /** True from the start of a graceful stop: readiness fails, requests in flight finish. */
    public boolean draining() {
        return draining;
    }

    /** How many times a changed pair was loaded and served, and how many changed pairs were refused. */
    public long reloads() {
        return reloads.get();
    }

    public long reloadFailures() {
        return reloadFailures.get();
    }

    public String lastReloadError() {
        return lastReloadError.get();
    }

    /**
     * Checks the certificate and key files now and serves them if they changed and form a valid
     * pair; a pair that does not (one file rotated before the other) is refused and the old pair
     * kept, until the next check finds them consistent.
     */
    public synchronized void reloadIfChanged() {
        try {
            String now = TlsFiles.fingerprint(settings.certFile(), settings.keyFile());
            if (now.equals(servedFingerprint.get())) {
                return;
            }
            TlsFiles.Loaded pair = TlsFiles.load(settings.certFile(), settings.keyFile());
            keys.serve(pair.keyStore());
            servedFingerprint.set(pair.fingerprint());
            notAfter.set(pair.leaf().getNotAfter().toInstant());
            reloads.incrementAndGet();
            lastReloadError.set(null);
            log.accept("kubeward serve: certificate reloaded (" + pair.leaf().getSubjectX500Principal().getName()
                    + ", valid until " + pair.leaf().getNotAfter().toInstant() + ")");
        } catch (TlsFiles.TlsException e) {
            if (!Objects.equals(e.getMessage(), lastReloadError.getAndSet(e.getMessage()))) {
                reloadFailures.incrementAndGet();
                log.accept("kubeward serve: keeping the current certificate: " + e.getMessage());
            }
        } catch (Exception e) {
            reloadFailures.incrementAndGet();
            log.accept("kubeward serve: keeping the current certificate: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * Stops gracefully: readiness fails at once, the connectors stop accepting, requests in flight
     * get up to the drain timeout to finish, then everything closes. Safe to call twice.
     */
    public void stop() throws Exception {
        draining = true;
        timers.shutdownNow();
        server.stop(); // waits for the requests in flight, whose endpoints run on the evaluators
        evaluators.shutdown();
    }

    /** Waits until the server has stopped. */
    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() throws Exception {
        stop();
    }

    /** Requests being handled right now (for tests and the drain log). */
    public long inFlight() {
        return graceful.getCurrentRequestCount();
    }

    private final class Dispatcher extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            Connector connector = request.getConnectionMetaData().getConnector();
            Map<String, List<Route>> routes = connector == plainConnector ? plainRoutes : tlsRoutes;
            String path = request.getHttpURI().getPath();
            List<Route> candidates = routes.get(path);
            if (candidates == null) {
                replyUnread(request, response, callback, Route.Reply.text(404, "no such endpoint: " + path));
                return true;
            }
            Route route = null;
            for (Route r : candidates) {
                if (r.method().equals(request.getMethod())) {
                    route = r;
                }
            }
            if (route == null) {
                response.getHeaders().put(HttpHeader.ALLOW, String.join(", ", candidates.stream().map(Route::method).toList()));
                replyUnread(request, response, callback, Route.Reply.text(405, request.getMethod() + " is not allowed on " + path));
                return true;
            }
            String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
            if (route.contentType() != null && !mediaType(contentType).equals(route.contentType())) {
                replyUnread(request, response, callback, Route.Reply.text(415, "the body must be " + route.contentType()
                        + (contentType == null ? ", and no Content-Type was given" : ", not " + contentType)));
                return true;
            }
            long declared = request.getLength();
            int max = settings.limits().maxBodyBytes();
            if (declared > max) {
                replyUnread(request, response, callback, Route.Reply.text(413, "the body is " + declared + " bytes; the limit is " + max));
                return true;
            }
            Route chosen = route;
            String remote = Request.getRemoteAddr(request);
            String query = request.getHttpURI().getQuery();
            if (route.contentType() == null) {
                run(chosen, new Route.Call(request.getMethod(), path, query, contentType, new byte[0], remote), response, callback);
                return true;
            }
            BodyReader.read(request, max)
                    .orTimeout(settings.limits().bodyTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((body, failure) -> {
                        if (failure != null) {
                            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                    ? failure.getCause() : failure;
                            if (cause instanceof TimeoutException) {
                                reply(response, callback, Route.Reply.text(408, "the body did not arrive within "
                                        + settings.limits().bodyTimeout().toSeconds() + "s"));
                            } else if (cause instanceof BodyReader.TooLarge) {
                                reply(response, callback, Route.Reply.text(413, "the body is larger than the limit of " + max + " bytes"));
                            } else {
                                callback.failed(cause);
                            }
                            return;
                        }
                        Route.Call call = new Route.Call(request.getMethod(), path, query, contentType, body, remote);
                        try {
                            evaluators.execute(() -> run(chosen, call, response, callback));
                        } catch (java.util.concurrent.RejectedExecutionException e) {
                            // Stopping (or, which the QoS bound rules out, a full queue).
                            reply(response, callback, Route.Reply.text(503, "the server is stopping"));
                        }
                    });
            return true;
        }

        private void run(Route route, Route.Call call, Response response, Callback callback) {
            Route.Reply reply;
            try {
                reply = route.endpoint().handle(call);
            } catch (Exception | StackOverflowError e) {
                log.accept("kubeward serve: " + call.method() + " " + call.path() + " failed: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()));
                reply = Route.Reply.text(500, "internal error while answering the request; the server log says more");
            }
            reply(response, callback, reply);
        }
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /**
     * An answer given before the request's body was read (404, 405, 415, 413): on HTTP/1.1 the
     * connection is closed after it, and said so ({@code Connection: close}), since the unread body
     * would otherwise be taken for the next request's start; a client that reused the connection
     * would get no answer at all. HTTP/2 streams need nothing of the kind.
     */
    private static void replyUnread(Request request, Response response, Callback callback, Route.Reply reply) {
        if (request.getConnectionMetaData().getHttpVersion() != org.eclipse.jetty.http.HttpVersion.HTTP_2
                && request.getLength() != 0) {
            response.getHeaders().put(HttpHeader.CONNECTION, org.eclipse.jetty.http.HttpHeaderValue.CLOSE.asString());
        }
        reply(response, callback, reply);
    }

    private static void reply(Response response, Callback callback, Route.Reply reply) {
        response.setStatus(reply.status());
        response.getHeaders().put(new HttpField(HttpHeader.CONTENT_TYPE, reply.contentType()));
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, reply.body().length);
        response.write(true, ByteBuffer.wrap(reply.body()), callback);
    }

    /** Where the TLS connector listens, for messages. */
    public InetSocketAddress tlsAddress() {
        return new InetSocketAddress(settings.host(), tlsPort());
    }
}
