package dev.kubeward.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhook's semantics over real HTTPS (a TLS handshake, JSON over HTTP/2 and HTTP/1.1): UPDATE
 * denies only what is new, DELETE and CONNECT reach the CEL policies that ask for them, a dry run
 * is answered as the real request and changes no state of the webhook but its request counter,
 * and unknown kinds are allowed.
 */
class AdmissionSemanticsHttpsTest {
    @TempDir
    Path dir;

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private WebhookServer server;
    private ServeMetrics metrics;
    private HttpClient h2;
    private HttpClient h1;

    static final String CONNECT_POLICY = """
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicy
            metadata: {name: no-shell-exec}
            spec:
              matchConstraints:
                resourceRules:
                - {apiGroups: [""], apiVersions: [v1], operations: [CONNECT], resources: [pods/exec]}
              validations:
              - expression: "!has(object.command) || !object.command.exists(c, c == 'sh' || c == 'bash')"
                message: no interactive shells in pods
            ---
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicyBinding
            metadata: {name: no-shell-exec}
            spec: {policyName: no-shell-exec, validationActions: [Deny]}
            """;

    @BeforeEach
    void start() throws Exception {
        TestCa ca = new TestCa(dir);
        Path cert = dir.resolve("tls.crt");
        Path key = dir.resolve("tls.key");
        ca.issue("serve", TestCa.KeyFormat.PKCS8, cert, key);
        Path policies = Reviews.write(dir, "policies.yaml", AdmissionEngineTest.POLICIES + "---\n" + CONNECT_POLICY);
        AdmissionEngine engine = Reviews.engine(null, policies);
        metrics = new ServeMetrics();
        AdmissionEndpoints endpoints = new AdmissionEndpoints(() -> engine, metrics);
        server = new WebhookServer(new WebhookServer.Settings("127.0.0.1", 0, 0, cert, key, Duration.ofSeconds(60), null),
                List.of(endpoints.validateRoute()), List.of(metrics.route()), () -> true, log::add);
        server.start();
        h2 = HttpClient.newBuilder().sslContext(ca.clientContext()).version(HttpClient.Version.HTTP_2).build();
        h1 = HttpClient.newBuilder().sslContext(ca.clientContext()).version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    private JsonNode post(HttpClient client, JsonNode review, HttpClient.Version expected) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + server.tlsPort() + "/validate"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(Reviews.bytes(review))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.version()).isEqualTo(expected);
        return Reviews.JSON.readTree(r.body()).path("response");
    }

    private JsonNode h2(JsonNode review) throws Exception {
        return post(h2, review, HttpClient.Version.HTTP_2);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private String scrape() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.plainPort() + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void updateDeniesOnlyWhatIsNewAndWarnsOnWhatTheOldObjectHad() throws Exception {
        JsonNode privileged = Reviews.yaml(AdmissionEngineTest.PRIVILEGED_POD);
        ObjectNode relabelled = privileged.deepCopy();
        ((ObjectNode) relabelled.path("metadata")).putObject("labels").put("team", "shop");
        JsonNode kept = h2(Reviews.review("UPDATE", relabelled, privileged, "shop", "alice"));
        assertThat(kept.path("allowed").asBoolean()).isTrue();
        assertThat(texts(kept.path("warnings"))).anyMatch(w -> w.startsWith("[privileged-container]")
                && w.endsWith("(already in the current object, so not denied)"));

        JsonNode plain = Reviews.yaml(AdmissionEngineTest.PRIVILEGED_POD.replace("{privileged: true}", "{privileged: false}"));
        JsonNode added = post(h1, Reviews.review("UPDATE", privileged, plain, "shop", "alice"), HttpClient.Version.HTTP_1_1);
        assertThat(added.path("allowed").asBoolean()).isFalse();
        assertThat(added.path("status").path("code").asInt()).isEqualTo(403);
        assertThat(added.path("status").path("message").asText()).contains("[privileged-container]");
    }

    @Test
    void deleteAndConnectReachTheCelPoliciesThatAskForThem() throws Exception {
        JsonNode labelled = Reviews.yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: s, labels: {team: a, protected: 'yes'}}\n");
        JsonNode deleted = h2(Reviews.review("DELETE", null, labelled, "shop", "alice"));
        assertThat(deleted.path("allowed").asBoolean()).isTrue();
        assertThat(texts(deleted.path("warnings"))).containsExactly(
                "[vap:keep-protected] protected ConfigMaps are not deleted (binding keep-protected)");
        // A ConfigMap without the label is deleted without a word; the checks never see a DELETE.
        JsonNode unprotected = Reviews.yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: t}\n");
        assertThat(h2(Reviews.review("DELETE", null, unprotected, "shop", "alice")).has("warnings")).isFalse();

        JsonNode shell = h2(exec("[\"sh\"]"));
        assertThat(shell.path("allowed").asBoolean()).isFalse();
        assertThat(shell.path("status").path("message").asText()).contains("[vap:no-shell-exec] no interactive shells in pods");
        assertThat(h2(exec("[\"cat\", \"/tmp/log\"]")).path("allowed").asBoolean()).isTrue();
    }

    /** A CONNECT of pods/exec, as the API server sends it: the object is the PodExecOptions. */
    private static ObjectNode exec(String command) throws Exception {
        JsonNode options = Reviews.JSON.readTree("{\"kind\":\"PodExecOptions\",\"apiVersion\":\"v1\",\"stdin\":true,\"tty\":true,"
                + "\"container\":\"web\",\"command\":" + command + "}");
        ObjectNode review = Reviews.review("CONNECT", Reviews.yaml(AdmissionEngineTest.PLAIN_POD), null, "shop", "alice");
        ObjectNode req = (ObjectNode) review.path("request");
        req.put("subResource", "exec");
        req.set("object", options);
        ObjectNode kind = req.putObject("kind");
        kind.put("group", "").put("version", "v1").put("kind", "PodExecOptions");
        req.set("requestKind", kind.deepCopy());
        req.put("requestSubResource", "exec");
        req.putObject("options").put("kind", "PodExecOptions").put("apiVersion", "v1");
        return review;
    }

    @Test
    void aDryRunIsAnsweredAsTheRealRequestAndLeavesNoTraceButItsOwnCount() throws Exception {
        ObjectNode real = Reviews.create(Reviews.yaml(AdmissionEngineTest.PRIVILEGED_POD), "shop");
        ObjectNode dry = real.deepCopy();
        ((ObjectNode) dry.path("request")).put("dryRun", true);
        JsonNode dryAnswer = h2(dry);
        String afterDry = scrape();
        assertThat(afterDry).doesNotContain("kubeward_admission_violations_total{")
                .contains("kubeward_admission_requests_total{decision=\"denied\",dry_run=\"true\",kind=\"Pod\",operation=\"CREATE\",webhook=\"validate\"} 1");
        JsonNode realAnswer = h2(real);
        // The same decision, message, warnings and audit annotations: the API server decides what a dry run records.
        assertThat(dryAnswer).isEqualTo(realAnswer);
        assertThat(scrape()).contains("kubeward_admission_violations_total{check=\"privileged-container\",mode=\"enforce\"} 1")
                .contains("kubeward_admission_requests_total{decision=\"denied\",dry_run=\"false\",kind=\"Pod\",operation=\"CREATE\",webhook=\"validate\"} 1");
        assertThat(log).isEmpty(); // nothing logged for either
    }

    @Test
    void unknownKindsAreAllowedWithoutAWord() throws Exception {
        JsonNode widget = Reviews.yaml("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {privileged: true}\n");
        JsonNode answer = h2(Reviews.create(widget, "shop"));
        assertThat(answer.path("allowed").asBoolean()).isTrue();
        assertThat(answer.has("warnings")).isFalse();
        assertThat(answer.has("status")).isFalse();
    }
}
