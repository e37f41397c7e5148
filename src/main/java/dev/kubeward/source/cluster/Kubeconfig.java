package dev.kubeward.source.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.source.cluster.ClusterConnection.ClusterException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Where the cluster is, found by client-go's loading rules ({@code clientcmd/loader.go}, the rules
 * kubectl follows), not by the fabric8 client's own (which also reads {@code kubernetes.master},
 * {@code KUBERNETES_AUTH_TOKEN} and other variables that kubectl does not know):
 *
 * <ol>
 *   <li>{@code --kubeconfig FILE}: that file alone; a missing file is an error.</li>
 *   <li>else each file of {@code KUBECONFIG} ({@code :}-separated, duplicates once, empty entries
 *       and missing files skipped), merged: for each cluster, user and context <em>name</em> the
 *       first file that defines it wins whole (a later file's entry of the same name is not mixed
 *       in), and the first file that sets {@code current-context} wins;</li>
 *   <li>else {@code $HOME/.kube/config};</li>
 *   <li>when what was loaded is empty (no cluster, user or context and no current-context) and
 *       the process runs in a pod ({@code KUBERNETES_SERVICE_HOST} and {@code KUBERNETES_SERVICE_PORT}
 *       set and the service account token file present): the in-cluster configuration.</li>
 * </ol>
 *
 * <p>A file that cannot be read or parsed is an error naming the file (and the line), as kubectl
 * refuses it. Relative paths in a file ({@code certificate-authority}, {@code client-certificate},
 * {@code client-key}, {@code tokenFile}, and an exec {@code command} that contains a {@code /})
 * are resolved against that file's directory. {@code --kube-context} chooses a context of the
 * merged configuration; a context that is not there is an error listing the ones that are.
 */
public final class Kubeconfig {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The fields of a file that name other files, by section and path inside the entry. */
    private static final Map<String, List<String>> PATH_FIELDS = Map.of(
            "clusters", List.of("cluster/certificate-authority"),
            "users", List.of("user/client-certificate", "user/client-key", "user/tokenFile"));

    /**
     * What the loading rules look at: the environment variables, and where the service account
     * of a pod is mounted. {@link #system()} is the process's; a test gives its own.
     */
    public record Environment(Map<String, String> variables, Path serviceAccountDir) {
        public static final Path SERVICE_ACCOUNT = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

        public static Environment system() {
            return new Environment(System.getenv(), SERVICE_ACCOUNT);
        }

        String get(String name) {
            String v = variables.get(name);
            return v == null || v.isEmpty() ? null : v;
        }

        /** client-go's home directory: {@code HOME}, else the JVM's idea of it. */
        Path home() {
            String home = get("HOME");
            return Path.of(home != null ? home : System.getProperty("user.home"));
        }
    }

    /** The configuration to connect with: a kubeconfig (merged, paths absolute) or the pod's service account. */
    public sealed interface Resolved permits FromFiles, InCluster {}

    /**
     * A kubeconfig: {@code merged} as one JSON document with every path absolute, the context
     * chosen, and the files it came from in the order they were merged.
     */
    public record FromFiles(String merged, String context, List<Path> files, String namespace) implements Resolved {}

    /** The pod's service account: the API server's URL, the token and CA files, the pod's namespace. */
    public record InCluster(String server, Path tokenFile, Path caFile, String namespace) implements Resolved {}

    private Kubeconfig() {}

    /**
     * Resolves what to connect to.
     *
     * @param explicit {@code --kubeconfig}, or null
     * @param context {@code --kube-context}, or null for the current context
     */
    public static Resolved resolve(String explicit, String context, Environment env) throws ClusterException {
        List<Path> precedence = new ArrayList<>();
        String origin;
        if (explicit != null) {
            Path file = Path.of(explicit);
            if (!Files.exists(file)) {
                throw new ClusterException(explicit + ": no such kubeconfig file (--kubeconfig)");
            }
            precedence.add(file);
            origin = "--kubeconfig " + explicit;
        } else if (env.get("KUBECONFIG") != null) {
            Set<String> seen = new LinkedHashSet<>();
            for (String entry : env.get("KUBECONFIG").split(File.pathSeparator, -1)) {
                if (!entry.isEmpty() && seen.add(entry)) {
                    precedence.add(Path.of(entry));
                }
            }
            origin = "KUBECONFIG=" + env.get("KUBECONFIG");
        } else {
            precedence.add(env.home().resolve(".kube").resolve("config"));
            origin = precedence.get(0).toString();
        }

        List<Path> loaded = new ArrayList<>();
        Map<String, Map<String, ObjectNode>> sections = new LinkedHashMap<>();
        for (String s : List.of("clusters", "users", "contexts")) {
            sections.put(s, new LinkedHashMap<>());
        }
        String currentContext = null;
        for (Path file : precedence) {
            JsonNode doc = read(file, explicit != null);
            if (doc == null) {
                continue; // a file of KUBECONFIG or ~/.kube/config that is not there
            }
            loaded.add(file);
            Path dir = file.toAbsolutePath().getParent();
            for (Map.Entry<String, Map<String, ObjectNode>> section : sections.entrySet()) {
                JsonNode list = doc.path(section.getKey());
                if (list.isMissingNode() || list.isNull()) {
                    continue;
                }
                if (!list.isArray()) {
                    throw new ClusterException(file + ": '" + section.getKey() + "' is not a list");
                }
                for (JsonNode entry : list) {
                    String name = entry.path("name").asText("");
                    if (!entry.isObject() || name.isEmpty()) {
                        throw new ClusterException(file + ": an entry of '" + section.getKey() + "' has no name");
                    }
                    ObjectNode copy = ((ObjectNode) entry).deepCopy();
                    resolvePaths(section.getKey(), copy, dir);
                    section.getValue().putIfAbsent(name, copy);
                }
            }
            String cc = doc.path("current-context").asText("");
            if (currentContext == null && !cc.isEmpty()) {
                currentContext = cc;
            }
        }

        boolean empty = sections.values().stream().allMatch(Map::isEmpty) && currentContext == null;
        if (empty && context == null) {
            InCluster pod = inCluster(env);
            if (pod != null) {
                return pod;
            }
            throw new ClusterException(loaded.isEmpty()
                    ? "no cluster to read: no kubeconfig (" + origin + " " + (precedence.size() > 1 ? "do" : "does")
                            + " not exist) and not in a pod (KUBERNETES_SERVICE_HOST)"
                    : "no cluster to read: " + join(loaded) + " defines no context, and not in a pod");
        }
        String chosen = context != null ? context : currentContext;
        Map<String, ObjectNode> contexts = sections.get("contexts");
        if (chosen == null) {
            throw new ClusterException(join(loaded) + ": no current-context; name one with --kube-context"
                    + names(contexts));
        }
        ObjectNode ctx = contexts.get(chosen);
        if (ctx == null) {
            throw new ClusterException(join(loaded) + (context != null ? ": no context '" + chosen + "' in the kubeconfig"
                    : ": current-context '" + chosen + "' is not a context in the kubeconfig") + names(contexts));
        }
        String clusterName = ctx.path("context").path("cluster").asText("");
        ObjectNode cluster = sections.get("clusters").get(clusterName);
        if (cluster == null || cluster.path("cluster").path("server").asText("").isEmpty()) {
            throw new ClusterException(join(loaded) + ": context '" + chosen + "' names "
                    + (clusterName.isEmpty() ? "no cluster" : cluster == null ? "cluster '" + clusterName + "', which is not defined"
                            : "cluster '" + clusterName + "', which has no server"));
        }
        // A user the kubeconfig does not define means no credentials, as for kubectl: the server
        // then answers 401 or 403, which the reader reports.
        ObjectNode merged = NODES.objectNode();
        merged.put("apiVersion", "v1");
        merged.put("kind", "Config");
        sections.forEach((name, entries) -> {
            ArrayNode arr = merged.putArray(name);
            entries.values().forEach(arr::add);
        });
        merged.put("current-context", chosen);
        String ns = ctx.path("context").path("namespace").asText("");
        try {
            return new FromFiles(JSON.writeValueAsString(merged), chosen, List.copyOf(loaded), ns.isEmpty() ? null : ns);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String names(Map<String, ObjectNode> contexts) {
        return contexts.isEmpty() ? " (it defines no context)" : " (contexts: " + String.join(", ", contexts.keySet()) + ")";
    }

    private static String join(List<Path> files) {
        return String.join(File.pathSeparator, files.stream().map(Path::toString).toList());
    }

    /** One kubeconfig file as JSON; null when it is not there and need not be. */
    private static JsonNode read(Path file, boolean required) throws ClusterException {
        String text;
        try {
            if (Files.isDirectory(file)) {
                throw new ClusterException(file + ": is a directory, not a kubeconfig file");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            if (required) {
                throw new ClusterException(file + ": no such kubeconfig file");
            }
            return null;
        } catch (IOException e) {
            throw new ClusterException(file + ": cannot read the kubeconfig: " + e.getMessage());
        }
        if (text.isBlank()) {
            return NODES.objectNode(); // client-go: an empty file is an empty configuration
        }
        Object doc;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(50);
            options.setAllowDuplicateKeys(false);
            doc = new Yaml(new SafeConstructor(options)).load(text);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark();
            throw new ClusterException(file + (mark == null ? "" : ":" + (mark.getLine() + 1))
                    + ": not a kubeconfig (invalid YAML: " + e.getProblem() + ")");
        } catch (YAMLException e) {
            throw new ClusterException(file + ": not a kubeconfig (invalid YAML: " + e.getMessage() + ")");
        }
        if (doc == null) {
            return NODES.objectNode();
        }
        if (!(doc instanceof Map)) {
            throw new ClusterException(file + ": not a kubeconfig (the document is not a mapping)");
        }
        JsonNode json;
        try {
            json = JSON.valueToTree(doc);
        } catch (IllegalArgumentException e) {
            throw new ClusterException(file + ": not a kubeconfig (" + e.getMessage() + ")");
        }
        String kind = json.path("kind").asText("Config");
        if (!kind.equals("Config")) {
            throw new ClusterException(file + ": not a kubeconfig (kind " + kind + ", not Config)");
        }
        return json;
    }

    /** The relative file names of one entry made absolute against the directory of its file. */
    private static void resolvePaths(String section, ObjectNode entry, Path dir) {
        for (String field : PATH_FIELDS.getOrDefault(section, List.of())) {
            String[] parts = field.split("/");
            JsonNode parent = entry.path(parts[0]);
            if (parent instanceof ObjectNode p && p.path(parts[1]).isTextual()) {
                String value = p.path(parts[1]).asText();
                if (!value.isEmpty() && !Path.of(value).isAbsolute()) {
                    p.put(parts[1], dir.resolve(value).normalize().toString());
                }
            }
        }
        if (section.equals("users") && entry.path("user").path("exec") instanceof ObjectNode exec
                && exec.path("command").isTextual()) {
            String command = exec.path("command").asText();
            // As client-go: a bare name is looked up on PATH, a name with a separator is a file.
            if (command.contains("/") && !Path.of(command).isAbsolute()) {
                exec.put("command", dir.resolve(command).normalize().toString());
            }
        }
    }

    /** client-go's {@code inClusterClientConfig.Possible}: the service variables and the token file. */
    static InCluster inCluster(Environment env) {
        String host = env.get("KUBERNETES_SERVICE_HOST");
        String port = env.get("KUBERNETES_SERVICE_PORT");
        Path token = env.serviceAccountDir().resolve("token");
        if (host == null || port == null || !Files.isRegularFile(token)) {
            return null;
        }
        String hostPort = host.contains(":") && !host.startsWith("[") ? "[" + host + "]:" + port : host + ":" + port;
        String ns = null;
        try {
            Path nsFile = env.serviceAccountDir().resolve("namespace");
            if (Files.isRegularFile(nsFile)) {
                ns = Files.readString(nsFile, StandardCharsets.UTF_8).strip();
            }
        } catch (IOException ignored) {
            // client-go falls back to "default" too.
        }
        return new InCluster("https://" + hostPort, token, env.serviceAccountDir().resolve("ca.crt"),
                ns == null || ns.isEmpty() ? "default" : ns);
    }
}
