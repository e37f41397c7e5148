package dev.kubeward.source.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubeward.source.cluster.ClusterConnection.ClusterException;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kubeconfig resolution by client-go's loading rules ({@code clientcmd/loader.go}), each rule with
 * a case where it decides the answer, in a test's own HOME, KUBECONFIG and pod, never the JVM's.
 */
class KubeconfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Kubeconfig.Environment env(String... variables) {
        Map<String, String> vars = new HashMap<>();
        vars.put("HOME", dir.resolve("home").toString());
        for (int i = 0; i < variables.length; i += 2) {
            vars.put(variables[i], variables[i + 1]);
        }
        return new Kubeconfig.Environment(vars, dir.resolve("sa"));
    }

    private Path write(String name, String yaml) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, yaml);
        return file;
    }

    /** A kubeconfig with one cluster, user and context of the names given, the server a marker of the file. */
    private static String config(String current, String context, String cluster, String server, String user, String token) {
        return "apiVersion: v1\nkind: Config\n" + (current == null ? "" : "current-context: " + current + "\n")
                + "clusters:\n- name: " + cluster + "\n  cluster:\n    server: " + server + "\n"
                + "users:\n- name: " + user + "\n  user:\n    token: " + token + "\n"
                + "contexts:\n- name: " + context + "\n  context:\n    cluster: " + cluster + "\n    user: " + user + "\n";
    }

    private static JsonNode merged(Kubeconfig.Resolved r) throws Exception {
        assertThat(r).isInstanceOf(Kubeconfig.FromFiles.class);
        return JSON.readTree(((Kubeconfig.FromFiles) r).merged());
    }

    private static JsonNode entry(JsonNode merged, String section, String name) {
        for (JsonNode e : merged.path(section)) {
            if (e.path("name").asText().equals(name)) {
                return e;
            }
        }
        return null;
    }

    @Test
    void severalKubeconfigFilesMergeTheFirstToDefineANameWinsWholeAndTheFirstCurrentContextWins() throws Exception {
        // a: no current-context, cluster "shared" (server A, no CA); b: current-context "b-ctx",
        // cluster "shared" (server B, with a CA), its own user; c: another current-context.
        Path a = write("a.yaml", config(null, "a-ctx", "shared", "https://a.example:6443", "alice", "a-token"));
        Path b = write("b.yaml", config("b-ctx", "b-ctx", "shared", "https://b.example:6443", "bob", "b-token")
                .replace("    server: https://b.example:6443\n", "    server: https://b.example:6443\n    certificate-authority-data: Q0E=\n"));
        Path c = write("c.yaml", config("c-ctx", "c-ctx", "other", "https://c.example:6443", "carol", "c-token"));
        Kubeconfig.Resolved r = Kubeconfig.resolve(null, null, env("KUBECONFIG", a + ":" + b + ":" + c));
        Kubeconfig.FromFiles files = (Kubeconfig.FromFiles) r;
        assertThat(files.context()).isEqualTo("b-ctx");
        assertThat(files.files()).containsExactly(a, b, c);
        JsonNode m = merged(r);
        JsonNode shared = entry(m, "clusters", "shared");
        assertThat(shared.at("/cluster/server").asText()).isEqualTo("https://a.example:6443");
        // Not mixed in from the second file's entry of the same name.
        assertThat(shared.at("/cluster").has("certificate-authority-data")).isFalse();
        assertThat(entry(m, "users", "bob").at("/user/token").asText()).isEqualTo("b-token");
        assertThat(entry(m, "contexts", "c-ctx")).isNotNull();
        assertThat(m.path("current-context").asText()).isEqualTo("b-ctx");

        // The same files in another order: a's context is not current (a sets none), c's is.
        Kubeconfig.FromFiles reordered = (Kubeconfig.FromFiles) Kubeconfig.resolve(null, null,
                env("KUBECONFIG", c + ":" + a + ":" + b));
        assertThat(reordered.context()).isEqualTo("c-ctx");
    }

    @Test
    void missingFilesOfKubeconfigAreSkippedDuplicatesReadOnceAndNoneLeftIsAnErrorNamingThem() throws Exception {
        Path a = write("a.yaml", config("a-ctx", "a-ctx", "one", "https://a.example", "alice", "t"));
        Kubeconfig.FromFiles r = (Kubeconfig.FromFiles) Kubeconfig.resolve(null, null,
                env("KUBECONFIG", dir.resolve("gone.yaml") + "::" + a + ":" + a));
        assertThat(r.files()).containsExactly(a);
        assertThat(r.context()).isEqualTo("a-ctx");
        String gone = dir.resolve("gone.yaml") + ":" + dir.resolve("also-gone.yaml");
        assertThatThrownBy(() -> Kubeconfig.resolve(null, null, env("KUBECONFIG", gone)))
                .isInstanceOf(ClusterException.class)
                .hasMessageContaining("KUBECONFIG=" + gone).hasMessageContaining("do not exist")
                .hasMessageContaining("not in a pod");
    }

    @Test
    void withoutKubeconfigTheHomeConfigIsReadAndKubeconfigFlagReplacesBoth() throws Exception {
        write("home/.kube/config", config("home", "home", "h", "https://home.example", "u", "t"));
        Path env = write("env.yaml", config("env", "env", "e", "https://env.example", "u", "t"));
        Path flag = write("flag.yaml", config("flag", "flag", "f", "https://flag.example", "u", "t"));
        assertThat(((Kubeconfig.FromFiles) Kubeconfig.resolve(null, null, env())).context()).isEqualTo("home");
        assertThat(((Kubeconfig.FromFiles) Kubeconfig.resolve(null, null, env("KUBECONFIG", env.toString()))).context())
                .isEqualTo("env");
        Kubeconfig.FromFiles f = (Kubeconfig.FromFiles) Kubeconfig.resolve(flag.toString(), null,
                env("KUBECONFIG", env.toString()));
        assertThat(f.context()).isEqualTo("flag");
        assertThat(f.files()).containsExactly(flag);
        assertThat(entry(merged(f), "contexts", "env")).isNull();
        // An empty KUBECONFIG is unset, as for client-go.
        assertThat(((Kubeconfig.FromFiles) Kubeconfig.resolve(null, null, env("KUBECONFIG", ""))).context()).isEqualTo("home");
    }

    @Test
    void kubeContextChoosesAContextOfTheMergedFilesAndAnUnknownOneIsAnErrorListingThem() throws Exception {
        Path a = write("a.yaml", config("a-ctx", "a-ctx", "one", "https://a.example", "alice", "t"));
        Path b = write("b.yaml", config("b-ctx", "b-ctx", "two", "https://b.example", "bob", "t"));
        Kubeconfig.FromFiles r = (Kubeconfig.FromFiles) Kubeconfig.resolve(null, "b-ctx", env("KUBECONFIG", a + ":" + b));
        assertThat(r.context()).isEqualTo("b-ctx");
        assertThat(merged(r).path("current-context").asText()).isEqualTo("b-ctx");
        assertThatThrownBy(() -> Kubeconfig.resolve(null, "prod", env("KUBECONFIG", a + ":" + b)))
                .hasMessage(a + ":" + b + ": no context 'prod' in the kubeconfig (contexts: a-ctx, b-ctx)");
        Path dangling = write("dangling.yaml", config("nowhere", "a-ctx", "one", "https://a.example", "alice", "t"));
        assertThatThrownBy(() -> Kubeconfig.resolve(dangling.toString(), null, env()))
                .hasMessageContaining("current-context 'nowhere' is not a context in the kubeconfig (contexts: a-ctx)");
        Path noServer = write("noserver.yaml", config("a-ctx", "a-ctx", "one", "''", "alice", "t"));
        assertThatThrownBy(() -> Kubeconfig.resolve(noServer.toString(), null, env()))
                .hasMessageContaining("context 'a-ctx' names cluster 'one', which has no server");
    }

    @Test
    void relativePathsAreResolvedAgainstTheFileThatNamesThemABareCommandIsLeftToPath() throws Exception {
        Path a = write("conf/a.yaml", "apiVersion: v1\nkind: Config\ncurrent-context: x\n"
                + "clusters:\n- name: c\n  cluster:\n    server: https://x.example\n    certificate-authority: pki/ca.crt\n"
                + "users:\n- name: u\n  user:\n    client-certificate: ../certs/me.crt\n    client-key: /abs/me.key\n"
                + "    tokenFile: token\n- name: e\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1\n"
                + "      command: ./bin/plugin\n- name: p\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1\n"
                + "      command: aws\n"
                + "contexts:\n- name: x\n  context:\n    cluster: c\n    user: u\n");
        JsonNode m = merged(Kubeconfig.resolve(null, null, env("KUBECONFIG", a.toString())));
        Path conf = dir.resolve("conf");
        assertThat(entry(m, "clusters", "c").at("/cluster/certificate-authority").asText())
                .isEqualTo(conf.resolve("pki/ca.crt").toString());
        assertThat(entry(m, "users", "u").at("/user/client-certificate").asText())
                .isEqualTo(dir.resolve("certs/me.crt").toString());
        assertThat(entry(m, "users", "u").at("/user/client-key").asText()).isEqualTo("/abs/me.key");
        assertThat(entry(m, "users", "u").at("/user/tokenFile").asText()).isEqualTo(conf.resolve("token").toString());
        assertThat(entry(m, "users", "e").at("/user/exec/command").asText()).isEqualTo(conf.resolve("bin/plugin").toString());
        assertThat(entry(m, "users", "p").at("/user/exec/command").asText()).isEqualTo("aws");
    }

    @Test
    void anUnreadableOrInvalidKubeconfigIsAnErrorNamingTheFileAndLine() throws Exception {
        Path bad = write("bad.yaml", "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: [unclosed\n");
        assertThatThrownBy(() -> Kubeconfig.resolve(bad.toString(), null, env()))
                .hasMessageStartingWith(bad + ":6: not a kubeconfig (invalid YAML");
        // A bad file among KUBECONFIG's is refused, not skipped: kubectl refuses it too.
        Path good = write("good.yaml", config("a", "a", "c", "https://a.example", "u", "t"));
        assertThatThrownBy(() -> Kubeconfig.resolve(null, null, env("KUBECONFIG", good + ":" + bad)))
                .hasMessageStartingWith(bad + ":6:");
        Path pod = write("pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n");
        assertThatThrownBy(() -> Kubeconfig.resolve(pod.toString(), null, env()))
                .hasMessage(pod + ": not a kubeconfig (kind Pod, not Config)");
        Path list = write("list.yaml", "- a\n- b\n");
        assertThatThrownBy(() -> Kubeconfig.resolve(list.toString(), null, env()))
                .hasMessage(list + ": not a kubeconfig (the document is not a mapping)");
        assertThatThrownBy(() -> Kubeconfig.resolve(dir.resolve("nope").toString(), null, env()))
                .hasMessage(dir.resolve("nope") + ": no such kubeconfig file (--kubeconfig)");
        assertThatThrownBy(() -> Kubeconfig.resolve(dir.toString(), null, env()))
                .hasMessage(dir + ": is a directory, not a kubeconfig file");
        Path bomb = write("bomb.yaml", "a: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
                + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c]\n"
                + "e: &e [*d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e]\n"
                + "g: &g [*f, *f, *f, *f, *f, *f, *f, *f]\nh: [*g, *g, *g, *g, *g, *g, *g, *g]\n");
        assertThatThrownBy(() -> Kubeconfig.resolve(bomb.toString(), null, env()))
                .hasMessageStartingWith(bomb + ": not a kubeconfig (invalid YAML");
    }

    @Test
    void inAPodWithNoKubeconfigTheServiceAccountIsUsed() throws Exception {
        Files.createDirectories(dir.resolve("sa"));
        Files.writeString(dir.resolve("sa/token"), "sa-token\n");
        Files.writeString(dir.resolve("sa/ca.crt"), "not read here");
        Files.writeString(dir.resolve("sa/namespace"), "kubeward\n");
        Kubeconfig.Resolved r = Kubeconfig.resolve(null, null,
                env("KUBERNETES_SERVICE_HOST", "10.96.0.1", "KUBERNETES_SERVICE_PORT", "443"));
        assertThat(r).isEqualTo(new Kubeconfig.InCluster("https://10.96.0.1:443", dir.resolve("sa/token"),
                dir.resolve("sa/ca.crt"), "kubeward"));
        assertThat(((Kubeconfig.InCluster) Kubeconfig.resolve(null, null,
                env("KUBERNETES_SERVICE_HOST", "fd00::1", "KUBERNETES_SERVICE_PORT", "443"))).server())
                .isEqualTo("https://[fd00::1]:443");
        // A kubeconfig, when there is one, wins over the pod (as for kubectl in a pod).
        write("home/.kube/config", config("home", "home", "h", "https://home.example", "u", "t"));
        assertThat(Kubeconfig.resolve(null, null, env("KUBERNETES_SERVICE_HOST", "10.96.0.1", "KUBERNETES_SERVICE_PORT", "443")))
                .isInstanceOf(Kubeconfig.FromFiles.class);
        Files.delete(dir.resolve("home/.kube/config"));
        // A context asked for is never the pod's.
        assertThatThrownBy(() -> Kubeconfig.resolve(null, "prod",
                env("KUBERNETES_SERVICE_HOST", "10.96.0.1", "KUBERNETES_SERVICE_PORT", "443")))
                .hasMessageContaining("no context 'prod'");
        // Without the token file it is not a pod's configuration.
        Files.delete(dir.resolve("sa/token"));
        assertThatThrownBy(() -> Kubeconfig.resolve(null, null,
                env("KUBERNETES_SERVICE_HOST", "10.96.0.1", "KUBERNETES_SERVICE_PORT", "443")))
                .hasMessageContaining("no cluster to read");
    }

    @Test
    void theConnectionSendsTheTokenTheTokenFileOrWhatAnExecPluginPrints() throws Exception {
        try (MockCluster cluster = new MockCluster()) {
            String server = cluster.server.url("/");
            Files.writeString(dir.resolve("token-file"), "from-token-file\n");
            Path plugin = dir.resolve("bin/plugin.sh");
            Files.createDirectories(plugin.getParent());
            Files.writeString(plugin, "#!/bin/sh\n"
                    + "echo \"$KUBERNETES_EXEC_INFO\" > \"$(dirname \"$0\")/exec-info.json\"\n"
                    + "printf '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\","
                    + "\"status\":{\"token\":\"from-exec-plugin\"}}'\n");
            Files.setPosixFilePermissions(plugin, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path kubeconfig = write("kubeconfig", "apiVersion: v1\nkind: Config\ncurrent-context: token\n"
                    + "clusters:\n- name: mock\n  cluster:\n    server: " + server + "\n"
                    + "users:\n- name: token\n  user:\n    token: from-token\n"
                    + "- name: file\n  user:\n    tokenFile: token-file\n"
                    + "- name: exec\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1\n"
                    + "      command: ./bin/plugin.sh\n      interactiveMode: Never\n"
                    + "contexts:\n" + List.of("token", "file", "exec").stream()
                            .map(u -> "- name: " + u + "\n  context:\n    cluster: mock\n    user: " + u + "\n")
                            .reduce("", String::concat));
            for (String[] c : new String[][] {{"token", "from-token"}, {"file", "from-token-file"}, {"exec", "from-exec-plugin"}}) {
                int before = cluster.server.getRequestCount();
                try (ClusterConnection conn = ClusterConnection.open(new ClusterConnection.Target(null, c[0], 10),
                        env("KUBECONFIG", kubeconfig.toString()))) {
                    assertThat(conn.contextName()).isEqualTo(c[0]);
                    conn.client().namespaces().list();
                }
                assertThat(cluster.server.getRequestCount()).isGreaterThan(before);
                RecordedRequest last = null;
                for (int i = cluster.server.getRequestCount() - before; i > 0; i--) {
                    last = cluster.server.takeRequest(5, TimeUnit.SECONDS);
                }
                assertThat(last.getHeader("Authorization")).as(c[0]).isEqualTo("Bearer " + c[1]);
            }
            JsonNode info = JSON.readTree(Files.readString(dir.resolve("bin/exec-info.json")));
            assertThat(info.path("apiVersion").asText()).isEqualTo("client.authentication.k8s.io/v1");
            assertThat(info.path("kind").asText()).isEqualTo("ExecCredential");
        }
    }

    @Test
    void aPluginThatFailsIsOneSentence() throws Exception {
        Path plugin = dir.resolve("fail.sh");
        Files.writeString(plugin, "#!/bin/sh\necho 'token expired, run login' >&2\nexit 3\n");
        Files.setPosixFilePermissions(plugin, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path kubeconfig = write("kubeconfig", "apiVersion: v1\nkind: Config\ncurrent-context: x\n"
                + "clusters:\n- name: c\n  cluster:\n    server: https://127.0.0.1:9\n"
                + "users:\n- name: u\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1\n"
                + "      command: " + plugin + "\n      interactiveMode: Never\n"
                + "contexts:\n- name: x\n  context:\n    cluster: c\n    user: u\n");
        assertThatThrownBy(() -> ClusterConnection.open(new ClusterConnection.Target(kubeconfig.toString(), null, 5), env()))
                .isInstanceOf(ClusterException.class)
                .hasMessage("the exec credential plugin '" + plugin + "' of user 'u' failed with exit code 3: token expired, run login");
    }
}
