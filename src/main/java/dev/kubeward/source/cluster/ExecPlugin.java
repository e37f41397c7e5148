package dev.kubeward.source.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.source.cluster.ClusterConnection.ClusterException;
import io.fabric8.kubernetes.client.OAuthTokenProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An exec credential plugin of a kubeconfig user ({@code users[].user.exec}), run as client-go
 * runs it (the {@code client.authentication.k8s.io} ExecCredential protocol): the command with its
 * args, the process's environment plus the {@code env} entries, {@code KUBERNETES_EXEC_INFO}
 * holding an ExecCredential whose {@code spec.interactive} is false (standard input is not given
 * to the plugin), and {@code spec.cluster} when {@code provideClusterInfo} is set. Its standard
 * output is an ExecCredential whose {@code status} holds a token (or a client certificate and key);
 * the token is asked for again when its {@code expirationTimestamp} has passed.
 *
 * <p>kubeward runs the plugin itself rather than through the fabric8 client, which logs a failed
 * plugin with a stack trace and goes on without credentials: here a plugin that fails, prints
 * no credential or runs longer than {@value #TIMEOUT_SECONDS} s is one sentence naming it.
 */
final class ExecPlugin implements OAuthTokenProvider {
    static final int TIMEOUT_SECONDS = 60;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> VERSIONS = List.of("client.authentication.k8s.io/v1",
            "client.authentication.k8s.io/v1beta1");

    private final ObjectNode exec;
    private final JsonNode cluster;
    private final String user;
    private final Map<String, String> environment;
    private final Clock clock;
    private Credential current;

    /** What a plugin gave: a token or a client certificate and key (PEM), and until when. */
    record Credential(String token, String clientCertificateData, String clientKeyData, Instant expires) {}

    ExecPlugin(String user, ObjectNode exec, JsonNode cluster, Map<String, String> environment, Clock clock) {
        this.user = user;
        this.exec = exec;
        this.cluster = cluster;
        this.environment = environment;
        this.clock = clock;
    }

    /** The credential, run again when the last one has expired. */
    synchronized Credential credential() throws ClusterException {
        if (current == null || (current.expires() != null && !clock.instant().isBefore(current.expires()))) {
            current = run();
        }
        return current;
    }

    /** The token for the client; on a failure after the first run, the last token (the server then answers 401). */
    @Override
    public String getToken() {
        try {
            return credential().token();
        } catch (ClusterException e) {
            return current == null ? null : current.token();
        }
    }

    private String what() {
        return "the exec credential plugin '" + exec.path("command").asText() + "' of user '" + user + "'";
    }

    private Credential run() throws ClusterException {
        String apiVersion = exec.path("apiVersion").asText("");
        if (!VERSIONS.contains(apiVersion)) {
            throw new ClusterException(what() + ": apiVersion '" + apiVersion + "' is not one kubeward speaks ("
                    + String.join(", ", VERSIONS) + ")");
        }
        if (exec.path("interactiveMode").asText("").equals("Always")) {
            throw new ClusterException(what() + " needs a terminal (interactiveMode: Always); kubeward does not give it one");
        }
        List<String> command = new ArrayList<>();
        command.add(exec.path("command").asText());
        exec.path("args").forEach(a -> command.add(a.asText()));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().clear();
        pb.environment().putAll(environment);
        for (JsonNode e : exec.path("env")) {
            pb.environment().put(e.path("name").asText(), e.path("value").asText(""));
        }
        ObjectNode info = JSON.createObjectNode();
        info.put("apiVersion", apiVersion);
        info.put("kind", "ExecCredential");
        ObjectNode spec = info.putObject("spec");
        spec.put("interactive", false);
        if (exec.path("provideClusterInfo").asBoolean(false) && cluster != null) {
            ObjectNode c = spec.putObject("cluster");
            c.put("server", cluster.path("server").asText());
            if (cluster.has("certificate-authority-data")) {
                c.put("certificate-authority-data", cluster.path("certificate-authority-data").asText());
            }
            if (cluster.has("tls-server-name")) {
                c.put("tls-server-name", cluster.path("tls-server-name").asText());
            }
            if (cluster.has("insecure-skip-tls-verify")) {
                c.put("insecure-skip-tls-verify", cluster.path("insecure-skip-tls-verify").asBoolean());
            }
        }
        pb.environment().put("KUBERNETES_EXEC_INFO", info.toString());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            String hint = exec.path("installHint").asText("");
            throw new ClusterException(what() + " cannot be run: " + e.getMessage() + (hint.isEmpty() ? "" : " (" + hint.strip() + ")"));
        }
        CompletableFuture<byte[]> out = drain(p.getInputStream(), 1 << 20);
        CompletableFuture<byte[]> err = drain(p.getErrorStream(), 16 * 1024);
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new ClusterException(what() + " gave no answer within " + TIMEOUT_SECONDS + " s");
            }
            String stderr = new String(err.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0) {
                throw new ClusterException(what() + " failed with exit code " + p.exitValue()
                        + (stderr.isEmpty() ? "" : ": " + lastLine(stderr)));
            }
            return parse(out.get(5, TimeUnit.SECONDS), apiVersion);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new ClusterException(what() + " was interrupted");
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new ClusterException(what() + ": its output could not be read");
        }
    }

    private static String lastLine(String text) {
        String[] lines = text.split("\n");
        String last = lines[lines.length - 1].strip();
        return last.length() > 300 ? last.substring(0, 300) + "…" : last;
    }

    private Credential parse(byte[] stdout, String apiVersion) throws ClusterException {
        JsonNode cred;
        try {
            cred = JSON.readTree(stdout);
        } catch (IOException e) {
            throw new ClusterException(what() + " printed no ExecCredential (not JSON)");
        }
        if (cred == null || !cred.path("kind").asText().equals("ExecCredential")) {
            throw new ClusterException(what() + " printed no ExecCredential");
        }
        if (!cred.path("apiVersion").asText().equals(apiVersion)) {
            throw new ClusterException(what() + " answered " + cred.path("apiVersion").asText() + ", not " + apiVersion);
        }
        JsonNode status = cred.path("status");
        String token = status.path("token").asText("");
        String certificate = status.path("clientCertificateData").asText("");
        String key = status.path("clientKeyData").asText("");
        if (token.isEmpty() && (certificate.isEmpty() || key.isEmpty())) {
            throw new ClusterException(what() + " printed an ExecCredential without a token or a client certificate and key");
        }
        Instant expires = null;
        if (status.hasNonNull("expirationTimestamp")) {
            try {
                expires = Instant.parse(status.path("expirationTimestamp").asText());
            } catch (DateTimeParseException e) {
                throw new ClusterException(what() + ": expirationTimestamp '" + status.path("expirationTimestamp").asText()
                        + "' is not an RFC 3339 time");
            }
        }
        return new Credential(token.isEmpty() ? null : token, certificate.isEmpty() ? null : certificate,
                key.isEmpty() ? null : key, expires);
    }

    private static CompletableFuture<byte[]> drain(InputStream in, int max) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                byte[] kept = in.readNBytes(max);
                in.transferTo(java.io.OutputStream.nullOutputStream());
                return kept;
            } catch (IOException e) {
                return new byte[0];
            }
        });
    }
}
