package dev.kubeward.source.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * A connection to a live cluster, found as kubectl finds it ({@link Kubeconfig}: {@code --kubeconfig},
 * else {@code KUBECONFIG}'s files merged, else {@code ~/.kube/config}, else the pod's service
 * account), spoken to through the fabric8 client: client certificates, bearer tokens, token files
 * and exec credential plugins as the kubeconfig says.
 *
 * <p>The client's own retries are off: the reader decides what a 429 or a 410 means and says so.
 */
public final class ClusterConnection implements AutoCloseable {
    private final KubernetesClient client;
    private final String contextName;

    private final String namespace;

    private ClusterConnection(KubernetesClient client, String contextName, String namespace) {
        this.client = client;
        this.contextName = contextName;
        this.namespace = namespace;
    }

    /** The settings a command gives: each null for kubectl's default. */
    public record Target(String kubeconfig, String context, int requestTimeoutSeconds) {
        public Target {
            if (requestTimeoutSeconds <= 0) {
                requestTimeoutSeconds = 60;
            }
        }
    }

    /** Resolves the configuration as kubectl does and builds a client; nothing is sent to the server yet. */
    public static ClusterConnection open(Target target) throws ClusterException {
        return open(target, Kubeconfig.Environment.system());
    }

    /** As {@link #open(Target)}, in the environment given (a test's HOME, KUBECONFIG and pod). */
    public static ClusterConnection open(Target target, Kubeconfig.Environment env) throws ClusterException {
        Kubeconfig.Resolved resolved = Kubeconfig.resolve(target.kubeconfig(), target.context(), env);
        Config config;
        String name;
        String namespace;
        if (resolved instanceof Kubeconfig.FromFiles files) {
            String where = String.join(java.io.File.pathSeparator, files.files().stream().map(Object::toString).toList());
            com.fasterxml.jackson.databind.node.ObjectNode merged;
            try {
                merged = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(files.merged());
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            Credentials credentials = credentials(merged, files.context(), where, env);
            try {
                config = Config.fromKubeconfig(files.context(), merged.toString(), null);
                credentials.apply(config);
            } catch (KubernetesClientException | IllegalArgumentException e) {
                throw new ClusterException(where + ": cannot use context '"
                        + files.context() + "': " + ClusterReader.reason(e));
            }
            name = files.context();
            namespace = files.namespace();
        } else {
            Kubeconfig.InCluster pod = (Kubeconfig.InCluster) resolved;
            config = Config.empty();
            config.setMasterUrl(pod.server());
            if (java.nio.file.Files.isRegularFile(pod.caFile())) {
                config.setCaCertFile(pod.caFile().toString());
            }
            config.setOauthTokenProvider(new TokenFile(pod.tokenFile()));
            name = "in-cluster";
            namespace = pod.namespace();
        }
        config.setRequestRetryBackoffLimit(0);
        config.setRequestTimeout(target.requestTimeoutSeconds() * 1000);
        return new ClusterConnection(new KubernetesClientBuilder().withConfig(config).build(), name, namespace);
    }

    /** What the client is given besides what fabric8 reads from the kubeconfig itself: a token file's or a plugin's credential. */
    private record Credentials(io.fabric8.kubernetes.client.OAuthTokenProvider tokens, ExecPlugin.Credential certificate) {
        void apply(Config config) {
            if (tokens != null) {
                config.setOauthToken(null);
                config.setOauthTokenProvider(tokens);
            }
            if (certificate != null) {
                java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
                config.setClientCertData(b64.encodeToString(certificate.clientCertificateData().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                config.setClientKeyData(b64.encodeToString(certificate.clientKeyData().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }
        }
    }

    /**
     * The parts of the context's user that kubeward handles itself, taken out of {@code merged}
     * before fabric8 reads it: {@code tokenFile} (fabric8 does not read it; client-go prefers it to
     * {@code token} and reads it again as it changes) and {@code exec} ({@link ExecPlugin}).
     */
    private static Credentials credentials(com.fasterxml.jackson.databind.node.ObjectNode merged, String context,
            String where, Kubeconfig.Environment env) throws ClusterException {
        String userName = null;
        com.fasterxml.jackson.databind.JsonNode clusterEntry = null;
        for (com.fasterxml.jackson.databind.JsonNode c : merged.path("contexts")) {
            if (c.path("name").asText().equals(context)) {
                userName = c.path("context").path("user").asText("");
                String clusterName = c.path("context").path("cluster").asText("");
                for (com.fasterxml.jackson.databind.JsonNode cl : merged.path("clusters")) {
                    if (cl.path("name").asText().equals(clusterName)) {
                        clusterEntry = cl.path("cluster");
                    }
                }
            }
        }
        for (com.fasterxml.jackson.databind.JsonNode u : merged.path("users")) {
            if (!u.path("name").asText().equals(userName) || !(u.path("user") instanceof com.fasterxml.jackson.databind.node.ObjectNode user)) {
                continue;
            }
            if (user.path("exec") instanceof com.fasterxml.jackson.databind.node.ObjectNode exec) {
                user.remove("exec");
                ExecPlugin plugin = new ExecPlugin(userName, exec, clusterEntry, env.variables(), java.time.Clock.systemUTC());
                ExecPlugin.Credential first = plugin.credential();
                if (first.token() != null) {
                    return new Credentials(plugin, null);
                }
                return new Credentials(null, first);
            }
            String tokenFile = user.path("tokenFile").asText("");
            if (!tokenFile.isEmpty()) {
                java.nio.file.Path file = java.nio.file.Path.of(tokenFile);
                if (!java.nio.file.Files.isReadable(file) || java.nio.file.Files.isDirectory(file)) {
                    throw new ClusterException(where + ": user '" + userName + "': cannot read its tokenFile " + tokenFile);
                }
                user.remove("tokenFile");
                return new Credentials(new TokenFile(file), null);
            }
        }
        return new Credentials(null, null);
    }

    /**
     * A projected service account token, read again when a minute has passed: the kubelet
     * rotates it (client-go re-reads it the same way), so a long read never sends an expired one.
     */
    static final class TokenFile implements io.fabric8.kubernetes.client.OAuthTokenProvider {
        private final java.nio.file.Path file;
        private String token;
        private long readAt;

        TokenFile(java.nio.file.Path file) {
            this.file = file;
        }

        @Override
        public synchronized String getToken() {
            long now = System.nanoTime();
            if (token == null || now - readAt > java.util.concurrent.TimeUnit.MINUTES.toNanos(1)) {
                try {
                    token = java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8).strip();
                    readAt = now;
                } catch (java.io.IOException e) {
                    if (token == null) {
                        token = "";
                    }
                }
            }
            return token;
        }
    }

    /** A client built elsewhere (a test's mock server, a server's informers), under a context name. */
    public static ClusterConnection of(KubernetesClient client, String contextName) {
        return new ClusterConnection(client, contextName, null);
    }

    /**
     * The namespace of the context (or the pod's, in a cluster), null when it names none. The
     * commands read every namespace unless {@code -n} names one, as a posture scan does; this is
     * kept for what a person is told.
     */
    public String contextNamespace() {
        return namespace;
    }

    public KubernetesClient client() {
        return client;
    }

    /** The kubeconfig context used ({@code in-cluster} for a pod's service account). */
    public String contextName() {
        return contextName;
    }

    /** How findings name the source: {@code cluster:CONTEXT}. */
    public String sourceName() {
        return "cluster:" + contextName;
    }

    /** The API server's URL without a trailing slash. */
    String serverUrl() {
        String url = client.getConfiguration().getMasterUrl();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public void close() {
        client.close();
    }

    /** The cluster cannot be reached or read at all: a message for a person, exit code 2. */
    public static final class ClusterException extends Exception {
        public ClusterException(String message) {
            super(message);
        }
    }
}
