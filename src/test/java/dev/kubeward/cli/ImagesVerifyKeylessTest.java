package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubeward.image.TestImages;
import dev.kubeward.image.oci.FakeRegistry;
import dev.kubeward.image.sign.SigstoreFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code images verify --trusted-root … --certificate-identity … --certificate-oidc-issuer …} against a loopback registry. */
class ImagesVerifyKeylessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String ID = "https://github.com/org/app/.github/workflows/release.yml@refs/heads/main";
    static final String ISS = "https://token.actions.githubusercontent.com";

    @TempDir
    Path tmp;

    FakeRegistry registry;
    Path root;
    String image;

    @BeforeEach
    void setUp() throws Exception {
        registry = new FakeRegistry();
        SigstoreFixtures.Ca ca = SigstoreFixtures.Ca.create("fulcio");
        SigstoreFixtures.Log log = new SigstoreFixtures.Log("rekor.test - 7");
        root = tmp.resolve("trusted_root.json");
        Files.write(root, SigstoreFixtures.trustedRoot(List.of(ca), List.of(log)));
        String digest = registry.push("org/app", "1.0", TestImages.image().layer(TestImages.layer().file("/a", "1"))).manifestDigest();
        SigstoreFixtures.attach(registry, "org/app", digest,
                SigstoreFixtures.keylessBundle(ca, log, ID, ISS, digest.substring(7), Instant.parse("2025-06-01T12:00:00Z")));
        image = registry.host() + "/org/app:1.0";
        Files.writeString(tmp.resolve("k8s.yaml"), """
                apiVersion: v1
                kind: Pod
                metadata: {name: web, namespace: shop}
                spec:
                  containers:
                  - name: web
                    image: %s
                """.formatted(image));
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    CliRunner verify(String... extra) {
        List<String> args = new ArrayList<>(List.of("images", "verify", image, "--insecure-registry", registry.host()));
        args.addAll(List.of(extra));
        return CliRunner.run(args.toArray(String[]::new));
    }

    @Test
    void theIdentitysBundleVerifiesAndAnotherIdentityDoesNot() throws Exception {
        CliRunner ok = verify("--trusted-root", root.toString(), "--certificate-identity", ID, "--certificate-oidc-issuer", ISS);
        assertThat(ok.exitCode()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out()).contains("verified, 1 signature");
        CliRunner re = verify("--trusted-root", root.toString(), "--certificate-identity-regexp", "^https://github\\.com/org/",
                "--certificate-oidc-issuer-regexp", "githubusercontent\\.com$");
        assertThat(re.exitCode()).as(re.out() + re.err()).isZero();
        CliRunner other = verify("--trusted-root", root.toString(), "--certificate-identity", "alice@example.com",
                "--certificate-oidc-issuer", ISS, "-f", "json");
        assertThat(other.exitCode()).isEqualTo(1);
        JsonNode doc = JSON.readTree(other.out());
        assertThat(doc.at("/images/0/failure").asText()).contains("no signature verifies with a certificate for alice@example.com issued by " + ISS)
                .contains("the certificate is for " + ID + ", not alice@example.com");
        // The key scheme says what it is looking at.
        Files.writeString(tmp.resolve("cosign.pub"), dev.kubeward.image.sign.CosignFixtures.pem(
                dev.kubeward.image.sign.CosignFixtures.p256().getPublic()));
        CliRunner key = verify("--key", tmp.resolve("cosign.pub").toString());
        assertThat(key.exitCode()).isEqualTo(1);
        assertThat(key.out()).contains("signed with a certificate (keyless), which a key does not verify");
    }

    @Test
    void theSignerMustBeNamedOnceAndTheRootRead() throws Exception {
        CliRunner none = verify();
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("name the signer: --key FILE, or --trusted-root FILE");
        CliRunner both = verify("--key", "k.pub", "--trusted-root", root.toString());
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("exclude each other");
        CliRunner noIssuer = verify("--trusted-root", root.toString(), "--certificate-identity", ID);
        assertThat(noIssuer.exitCode()).isEqualTo(2);
        assertThat(noIssuer.err()).contains("exactly one of --certificate-oidc-issuer and --certificate-oidc-issuer-regexp");
        CliRunner noRoot = verify("--certificate-identity", ID, "--certificate-oidc-issuer", ISS);
        assertThat(noRoot.exitCode()).isEqualTo(2);
        assertThat(noRoot.err()).contains("needs --trusted-root FILE");
        CliRunner badRe = verify("--trusted-root", root.toString(), "--certificate-identity-regexp", "a(", "--certificate-oidc-issuer", ISS);
        assertThat(badRe.exitCode()).isEqualTo(2);
        assertThat(badRe.err()).contains("'a(' is not a regular expression");
        Files.writeString(tmp.resolve("bad.json"), "{\"mediaType\": 1}");
        CliRunner bad = verify("--trusted-root", tmp.resolve("bad.json").toString(), "--certificate-identity", ID,
                "--certificate-oidc-issuer", ISS);
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("bad.json: mediaType is '1'").doesNotContain("Exception");
    }

    @Test
    void aKeylessRuleOfRequireSignatureIsCheckedByScanImages() throws Exception {
        Path db = dev.kubeward.image.ImageFixtures.database(tmp.resolve("db"));
        for (String[] c : new String[][] {{ID, "0"}, {"https://github.com/evil/x/.github/workflows/a.yml@refs/heads/main", "1"}}) {
            Files.writeString(tmp.resolve(".kubeward.yaml"), """
                    images:
                      requireSignature:
                        - namespace: shop
                          trustedRoot: trusted_root.json
                          identity: %s
                          issuer: %s
                    """.formatted(c[0], ISS));
            CliRunner r = CliRunner.run("scan", tmp.resolve("k8s.yaml").toString(), "--images", "--db", db.toString(),
                    "--config", tmp.resolve(".kubeward.yaml").toString(), "--insecure-registry", registry.host(), "-f", "json");
            List<String> found = new ArrayList<>();
            JSON.readTree(r.out()).path("findings").forEach(f -> {
                if (f.path("checkId").asText().equals("image-signature-required")) {
                    found.add(f.path("message").asText());
                }
            });
            assertThat(found).as(r.err()).hasSize(Integer.parseInt(c[1]));
            if (!found.isEmpty()) {
                assertThat(found.get(0)).contains("which is not signed by a certificate for " + c[0] + " issued by " + ISS)
                        .contains("the certificate is for " + ID);
            }
        }
        Files.writeString(tmp.resolve(".kubeward.yaml"), """
                images:
                  requireSignature:
                    - namespace: shop
                      trustedRoot: missing.json
                      identity: someone@example.com
                      issuer: https://issuer.test
                """);
        CliRunner r = CliRunner.run("scan", tmp.resolve("k8s.yaml").toString(), "--images", "--db", db.toString(),
                "--config", tmp.resolve(".kubeward.yaml").toString(), "--insecure-registry", registry.host());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(".kubeward.yaml:3: images.requireSignature[0].trustedRoot: ").contains("missing.json: unreadable");
    }
}
