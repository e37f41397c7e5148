package dev.kubeward.source.cluster;

import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.File;
import java.util.List;

/**
 * A connection to a live cluster, resolved as kubectl resolves it, through the fabric8 client:
 * {@code --kubeconfig} (which replaces {@code KUBECONFIG}), else every file of {@code KUBECONFIG}
 * merged (the first file to set a value wins), else {@code ~/.kube/config}, else the in-cluster
 * service account (token and CA under {@code /var/run/secrets/kubernetes.io/serviceaccount});
 * client certificates, bearer tokens, token files and exec plugins as the kubeconfig says.
 *
 * <p>The client's own retries are off: the reader decides what a 429 or a 410 means and says so.
 */
public final class ClusterConnection implements AutoCloseable {
    private final KubernetesClient client;
    private final String contextName;

    private ClusterConnection(KubernetesClient client, String contextName) {
        this.client = client;
        this.contextName = contextName;
    }

    /** The settings a command gives: each null for kubectl's default. */
    public record Target(String kubeconfig, String context, int requestTimeoutSeconds) {
        public Target {
            if (requestTimeoutSeconds <= 0) {
                requestTimeoutSeconds = 60;
            }
        }
    }

    /** Resolves the configuration and builds a client; nothing is sent to the server yet. */
    public static ClusterConnection open(Target target) throws ClusterException {
        Config config;
        try {
            if (target.kubeconfig() != null) {
                File file = new File(target.kubeconfig());
                if (!file.isFile()) {
                    throw new ClusterException(target.kubeconfig() + ": no such kubeconfig file");
                }
                config = Config.fromKubeconfig(target.context(), file);
            } else {
                config = Config.autoConfigure(target.context());
            }
        } catch (KubernetesClientException | IllegalArgumentException e) {
            throw new ClusterException("cannot read the kubeconfig: " + e.getMessage());
        }
        if (target.context() != null) {
            List<NamedContext> contexts = config.getContexts();
            if (contexts == null || contexts.stream().noneMatch(c -> target.context().equals(c.getName()))) {
                throw new ClusterException("no context '" + target.context() + "' in the kubeconfig"
                        + (contexts == null || contexts.isEmpty() ? "" : " (contexts: "
                                + String.join(", ", contexts.stream().map(NamedContext::getName).toList()) + ")"));
            }
        }
        if (config.getMasterUrl() == null || config.getMasterUrl().isEmpty()) {
            throw new ClusterException("no cluster to read: no kubeconfig (KUBECONFIG, ~/.kube/config) and not in a pod");
        }
        config.setRequestRetryBackoffLimit(0);
        config.setRequestTimeout(target.requestTimeoutSeconds() * 1000);
        NamedContext current = config.getCurrentContext();
        String name = current != null && current.getName() != null ? current.getName() : "in-cluster";
        return of(new KubernetesClientBuilder().withConfig(config).build(), name);
    }

    /** A client built elsewhere (a test's mock server, a server's informers), under a context name. */
    public static ClusterConnection of(KubernetesClient client, String contextName) {
        return new ClusterConnection(client, contextName);
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
