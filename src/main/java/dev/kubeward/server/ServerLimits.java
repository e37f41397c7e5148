package dev.kubeward.server;

import java.time.Duration;

/**
 * The bounds of every resource the server holds for its clients.
 *
 * @param maxBodyBytes a request body larger than this is refused with 413 (3 MiB: the API server's
 *     own limit on an admission request)
 * @param maxThreads the worker threads (Jetty's selectors and acceptors included)
 * @param maxConcurrentRequests requests handled at once (body reading included), so that memory for
 *     bodies is bounded: this many times {@code maxBodyBytes} at worst
 * @param maxWaitingRequests requests waiting for one of those slots; beyond this, or after waiting
 *     {@code bodyTimeout}, a request gets 503 rather than a queue without end
 * @param maxConnections connections beyond this wait in the kernel's backlog
 * @param idleTimeout a connection silent this long is closed
 * @param bodyTimeout the whole body must arrive within this time, however slowly it trickles (slowloris)
 * @param minBodyBytesPerSecond a body arriving slower than this is given up (Jetty's minimum data rate)
 * @param drainTimeout on SIGTERM, in-flight requests get this long to finish
 */
public record ServerLimits(int maxBodyBytes, int maxThreads, int maxConcurrentRequests, int maxWaitingRequests,
        int maxConnections, Duration idleTimeout,
        Duration bodyTimeout, long minBodyBytesPerSecond, Duration drainTimeout) {

    public static final int API_SERVER_MAX_REQUEST_BYTES = 3 * 1024 * 1024;

    public static final ServerLimits DEFAULT = new ServerLimits(API_SERVER_MAX_REQUEST_BYTES, 64, 64, 4096, 2048,
            Duration.ofSeconds(60), Duration.ofSeconds(10), 1024, Duration.ofSeconds(20));

    public ServerLimits withIdleTimeout(Duration d) {
        return new ServerLimits(maxBodyBytes, maxThreads, maxConcurrentRequests, maxWaitingRequests, maxConnections, d, bodyTimeout, minBodyBytesPerSecond, drainTimeout);
    }

    public ServerLimits withBodyTimeout(Duration d) {
        return new ServerLimits(maxBodyBytes, maxThreads, maxConcurrentRequests, maxWaitingRequests, maxConnections, idleTimeout, d, minBodyBytesPerSecond, drainTimeout);
    }

    public ServerLimits withDrainTimeout(Duration d) {
        return new ServerLimits(maxBodyBytes, maxThreads, maxConcurrentRequests, maxWaitingRequests, maxConnections, idleTimeout, bodyTimeout, minBodyBytesPerSecond, d);
    }

    public ServerLimits withMaxBodyBytes(int n) {
        return new ServerLimits(n, maxThreads, maxConcurrentRequests, maxWaitingRequests, maxConnections, idleTimeout, bodyTimeout, minBodyBytesPerSecond, drainTimeout);
    }
}
