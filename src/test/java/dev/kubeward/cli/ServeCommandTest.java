package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static String review(String object, String operation) {
        return """
                {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"u-1",
                 "kind":{"group":"","version":"v1","kind":"Pod"},"resource":{"group":"","version":"v1","resource":"pods"},
                 "namespace":"shop","operation":"%s","userInfo":{"username":"alice","groups":["system:authenticated"]},
                 "object":%s}}""".formatted(operation, object);
    }

    static final String PRIVILEGED = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\"},"
            + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"registry.example.com/c:1\",\"securityContext\":{\"privileged\":true}}]}}";

    @Test
    void dryRunReviewPrintsTheResponseAndExitsByTheDecision() throws Exception {
        Path file = dir.resolve("review.json");
        Files.writeString(file, review(PRIVILEGED, "CREATE"));
        CliRunner r = CliRunner.run("serve", "--dry-run-review", file.toString(), "policies", "-f", "json");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        JsonNode resp = JSON.readTree(r.out()).path("response");
        assertThat(resp.path("uid").asText()).isEqualTo("u-1");
        assertThat(resp.path("allowed").asBoolean()).isFalse();
        // The policy library of policies/ answers too: its privileged policy denies the same pod.
        assertThat(resp.path("status").path("message").asText()).contains("[privileged-container]").contains("[vap:");

        Path plain = dir.resolve("plain.json");
        Files.writeString(plain, review("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\"},"
                + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"registry.example.com/c:1\"}]}}", "CREATE"));
        r = CliRunner.run("serve", "--dry-run-review", plain.toString(), "-f", "json");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(0);
        assertThat(JSON.readTree(r.out()).path("response").path("allowed").asBoolean()).isTrue();

        // Text, the default: the decision, then the message, each warning and each audit annotation on a line.
        r = CliRunner.run("serve", "--dry-run-review", file.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).startsWith("denied (403 Forbidden)\n  message: kubeward: ").contains("\n  warning: [");
        // It reads no cluster, and says which checks that leaves out.
        assertThat(r.err()).contains("note: --dry-run-review reads no cluster: cpu-limit-missing, ")
                .contains("pss-admission-rejected, service-account-token-automount are not run");
        assertThat(r.out()).doesNotContain("service-account-token-automount");
    }

    @Test
    void errorsAreOneLineAndExitTwo() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"kind\":\"AdmissionReview\"}");
        CliRunner r = CliRunner.run("serve", "--dry-run-review", bad.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("bad.json: malformed AdmissionReview: apiVersion must be");

        r = CliRunner.run("serve");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--tls-cert and --tls-key are required");

        Path cert = dir.resolve("tls.crt");
        Files.writeString(cert, "junk");
        r = CliRunner.run("serve", "--tls-cert", cert.toString(), "--tls-key", cert.toString(), "--port", "0", "--metrics-port", "-1");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("tls.crt: no PEM certificate").doesNotContain("Exception");

        r = CliRunner.run("serve", "--tls-cert", cert.toString(), "--tls-key", cert.toString(), "--cluster-cache", "maybe");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--cluster-cache is auto, on or off, not 'maybe'");
        r = CliRunner.run("serve", "--tls-cert", cert.toString(), "--tls-key", cert.toString(), "--kubeconfig",
                dir.resolve("missing-kubeconfig").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("the cluster cache: ").contains("missing-kubeconfig: no such kubeconfig file")
                .doesNotContain("Exception");

        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, """
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicy
                metadata: {name: broken}
                spec:
                  matchConstraints:
                    resourceRules: [{apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [pods]}]
                  validations:
                  - expression: "object.spec.("
                """);
        r = CliRunner.run("serve", "--dry-run-review", bad.toString(), policy.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("policy.yaml:").contains("ValidatingAdmissionPolicy broken");

        Path config = dir.resolve("kubeward.yaml");
        Files.writeString(config, "admission:\n  modes:\n    privileged-containers: enforce\n");
        r = CliRunner.run("serve", "--dry-run-review", bad.toString(), "--config", config.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("kubeward.yaml:3").contains("unknown check 'privileged-containers'");
    }

    @Test
    void theWarmupObjectsAreInTheJar() {
        // The pom copies them from examples/; the warm-up reviews each one.
        assertThat(ServeCommand.warmupObjects()).extracting(dev.kubeward.model.Resource::kind)
                .contains("Deployment", "CronJob", "Job", "ServiceAccount");
        CliRunner r = CliRunner.run("serve", "--tls-cert", "x", "--tls-key", "x", "--warmup", "-1");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--warmup and --warmup-reviews must be 0 or more");
    }
}
