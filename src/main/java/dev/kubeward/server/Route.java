package dev.kubeward.server;

import java.util.Objects;

/**
 * One endpoint of {@link WebhookServer}: a path, the method it answers, and, for a POST, the
 * content type its body must have (anything else gets 415 before the endpoint runs). The server
 * reads the body within its limits (size, time) before calling the endpoint, so an endpoint sees
 * only whole, bounded bodies. Adding an endpoint to {@code kubeward serve} is one more route in the
 * list given to the server.
 *
 * @param contentType the media type a POST body must have ({@code application/json}), or null for
 *     a GET route
 */
public record Route(String method, String path, String contentType, Endpoint endpoint) {

    /** What answers a request. Called on a server thread; must not block on I/O. */
    @FunctionalInterface
    public interface Endpoint {
        Reply handle(Call call) throws Exception;
    }

    /** One request, its body already read. */
    public record Call(String method, String path, String query, String contentType, byte[] body, String remoteAddress) {}

    /** The answer: status, content type and body. */
    public record Reply(int status, String contentType, byte[] body) {
        public static Reply text(int status, String text) {
            return new Reply(status, "text/plain; charset=utf-8", (text + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        public static Reply json(int status, byte[] json) {
            return new Reply(status, "application/json", json);
        }
    }

    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(endpoint, "endpoint");
    }

    /** A POST route taking a JSON body (an AdmissionReview, an audit EventList). */
    public static Route postJson(String path, Endpoint endpoint) {
        return new Route("POST", path, "application/json", endpoint);
    }

    /** A GET route (health, metrics). */
    public static Route get(String path, Endpoint endpoint) {
        return new Route("GET", path, null, endpoint);
    }
}
