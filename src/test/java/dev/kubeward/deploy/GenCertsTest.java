package dev.kubeward.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/gen-certs.sh} run as a user runs it, in a temporary directory, with the machine's
 * openssl (skipped, with the reason, where there is none): the certificate is one the API server
 * accepts for the Service the chart's webhook configuration names, signed by the CA it prints as
 * the caBundle, and the chart in {@code webhook.certificate.mode=secret} mounts the Secret it makes.
 */
class GenCertsTest {
    private static final Path SCRIPT = Path.of("deploy", "gen-certs.sh").toAbsolutePath();
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

    @TempDir
    Path dir;

    @BeforeAll
    static void openssl() throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "command -v openssl").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        Assumptions.assumeTrue(p.waitFor() == 0, "openssl is not on the PATH: deploy/gen-certs.sh is not run");
    }

    record Run(int code, String err) {}

    private Run run(Map<String, String> extraEnv, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().putAll(extraEnv);
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), err);
    }

    private static X509Certificate certificate(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** The Service the chart's ValidatingWebhookConfiguration calls: name and namespace. */
    private static JsonNode webhookService(List<JsonNode> objects) {
        JsonNode config = objects.stream().filter(o -> o.path("kind").asText().equals("ValidatingWebhookConfiguration"))
                .findFirst().orElseThrow();
        return config.at("/webhooks/0/clientConfig/service");
    }

    @Test
    void theCertificateServesTheChartsWebhookServiceAndTheChainVerifies() throws Exception {
        Run r = run(Map.of(), "shop", "30");
        assertThat(r.code()).as(r.err()).isZero();
        Path out = dir.resolve("kubeward-webhook-certs");
        X509Certificate ca = certificate(out.resolve("ca.crt"));
        X509Certificate tls = certificate(out.resolve("tls.crt"));

        // The Service the chart's webhook configuration names, in the namespace given.
        String service = webhookService(DeployChart.objects()).path("name").asText();
        assertThat(service).isEqualTo("kubeward-webhook");
        List<String> sans = new ArrayList<>();
        for (List<?> san : tls.getSubjectAlternativeNames()) {
            assertThat(san.get(0)).as("a DNS name").isEqualTo(2);
            sans.add((String) san.get(1));
        }
        assertThat(sans).containsExactlyInAnyOrder(service + ".shop.svc", service + ".shop.svc.cluster.local");
        assertThat(tls.getSubjectX500Principal().getName()).isEqualTo("CN=" + service + ".shop.svc");

        // A serving certificate: not a CA, digitalSignature (and keyEncipherment), serverAuth.
        assertThat(tls.getBasicConstraints()).isEqualTo(-1);
        boolean[] usage = tls.getKeyUsage();
        assertThat(usage[0]).as("digitalSignature").isTrue();
        assertThat(usage[5]).as("keyCertSign").isFalse();
        assertThat(tls.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
        assertThat(tls.getCriticalExtensionOIDs()).contains("2.5.29.15", "2.5.29.19");

        // The CA: a CA that signs certificates, and the one that signed this one.
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(ca.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(ca.getKeyUsage()[0]).as("digitalSignature on the CA").isFalse();
        tls.verify(ca.getPublicKey());
        assertThat(tls.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
        tls.checkValidity();
        assertThat(Duration.between(Instant.now(), tls.getNotAfter().toInstant()).toDays()).isBetween(29L, 30L);
        assertThat(ca.getNotAfter()).isAfter(tls.getNotAfter());
        assertThat(tls.getPublicKey().getAlgorithm()).isEqualTo("EC");

        // The caBundle printed is the CA, base64 on one line, and the chart puts it in the webhook configuration.
        String b64 = Files.readString(out.resolve("ca.b64"));
        assertThat(b64).doesNotContain("\n");
        assertThat(Base64.getDecoder().decode(b64)).isEqualTo(Files.readAllBytes(out.resolve("ca.crt")));
        List<JsonNode> secretMode = DeployChart.objects("webhook.certificate.mode=secret", "webhook.certificate.caBundle=" + b64);
        JsonNode config = secretMode.stream().filter(o -> o.path("kind").asText().equals("ValidatingWebhookConfiguration"))
                .findFirst().orElseThrow();
        assertThat(config.at("/webhooks/0/clientConfig/caBundle").asText()).isEqualTo(b64);
        assertThat(DeployChart.object(secretMode, "Deployment", "kubeward-webhook").toString())
                .contains("\"secretName\":\"kubeward-webhook-tls\"");

        // The keys are the user's alone.
        for (String key : List.of("ca.key", "tls.key")) {
            assertThat(Files.getPosixFilePermissions(out.resolve(key))).as(key)
                    .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        }
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("ca.crt", "ca.key", "tls.crt", "tls.key", "ca.b64");
        }
        assertThat(r.err()).doesNotContain("BEGIN").doesNotContain("PRIVATE");
    }

    @Test
    void withKubewardApplyTheSecretIsAppliedInTheNamespaceThroughKubectl() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path log = dir.resolve("kubectl.log");
        Path kubectl = bin.resolve("kubectl");
        Files.writeString(kubectl, "#!/bin/sh\necho \"kubectl $*\" >> '" + log + "'\n"
                + "case \"$*\" in *'apply -f -'*) cat >> '" + log + "' ;; *) echo 'kind: Secret' ;; esac\n");
        Files.setPosixFilePermissions(kubectl, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> env = new HashMap<>();
        env.put("PATH", bin + ":" + System.getenv("PATH"));
        env.put("KUBEWARD_APPLY", "1");
        Run r = run(env, "kubeward", "7");
        assertThat(r.code()).as(r.err()).isZero();
        String calls = Files.readString(log);
        assertThat(calls).contains("kubectl -n kubeward create secret tls kubeward-webhook-tls --cert kubeward-webhook-certs/tls.crt"
                + " --key kubeward-webhook-certs/tls.key --dry-run=client -o yaml")
                .contains("kubectl apply -f -");
        // Without KUBEWARD_APPLY nothing is sent.
        Files.delete(log);
        env.remove("KUBEWARD_APPLY");
        assertThat(run(env, "kubeward", "7").code()).isZero();
        assertThat(Files.exists(log)).isFalse();
    }

    @Test
    void aBadNamespaceOrNumberOfDaysIsRefusedWithExitCode2() throws Exception {
        for (String[] args : List.of(new String[] {"Shop_1"}, new String[] {"-shop"}, new String[] {"shop", "ten"},
                new String[] {"shop", "-1"})) {
            Run r = run(Map.of(), args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err()).startsWith("gen-certs.sh: '" + args[args.length - 1] + "' is not");
        }
        assertThat(Files.exists(dir.resolve("kubeward-webhook-certs"))).isFalse();
    }
}
