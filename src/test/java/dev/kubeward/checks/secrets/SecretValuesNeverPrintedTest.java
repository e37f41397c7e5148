package dev.kubeward.checks.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.cli.CliRunner;
import dev.kubeward.model.Resource;
import dev.kubeward.source.LoadResult;
import dev.kubeward.source.ManifestLoader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Reports travel further than the manifests (CI logs, SARIF uploads, tickets): no format may carry
 * a credential the scan found. Every value of a Secret, ConfigMap, env var or encryption key in
 * the failing fixtures is looked for in every output format.
 */
class SecretValuesNeverPrintedTest {
    private static final List<String> FIXTURES = List.of(
            "src/test/resources/fixtures/checks/secret-in-configmap/fail.yaml",
            "src/test/resources/fixtures/checks/secret-literal-env/fail.yaml",
            "src/test/resources/fixtures/checks/secret-manifest-plaintext/fail.yaml",
            "src/test/resources/fixtures/checks/encryption-key-in-plaintext/fail.yaml");

    @Test
    void noOutputFormatContainsAFixtureSecretValue() {
        Set<String> secrets = secretValues();
        assertThat(secrets).as("the fixtures must hold values to look for").hasSizeGreaterThan(15)
                .contains("hunter2-fixture", "AKIAQ7FIXTUREZXYZ7AB");
        for (String format : List.of("text", "json", "sarif", "junit")) {
            String[] args = new String[FIXTURES.size() + 7];
            args[0] = "scan";
            for (int i = 0; i < FIXTURES.size(); i++) {
                args[i + 1] = FIXTURES.get(i);
            }
            System.arraycopy(new String[] {"--format", format, "--fail-on", "none", "--color", "never"}, 0, args,
                    FIXTURES.size() + 1, 6);
            CliRunner r = CliRunner.run(args);
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).as("%s output reports the credentials", format)
                    .contains("secret-in-configmap", "secret-literal-env", "encryption-key-in-plaintext");
            for (String secret : secrets) {
                assertThat(r.out() + r.err()).as("%s output must not contain a secret value", format)
                        .doesNotContain(secret);
            }
        }
    }

    /** Every literal a credential could hide in, decoded too where it is base64; long enough to be unique. */
    private static Set<String> secretValues() {
        Set<String> out = new LinkedHashSet<>();
        for (String f : FIXTURES) {
            LoadResult loaded = new ManifestLoader().load(List.of(f));
            for (Resource r : loaded.resources()) {
                collect(r.object().path("data"), out);
                collect(r.object().path("stringData"), out);
                collect(r.object().path("binaryData"), out);
                r.object().findValues("env").forEach(env -> env.forEach(v -> collect(v.path("value"), out)));
                r.object().findValues("secret").forEach(v -> collect(v, out));
            }
        }
        out.removeIf(s -> s.length() < 8);
        return out;
    }

    private static void collect(JsonNode node, Set<String> out) {
        if (node.isTextual()) {
            String v = node.textValue().strip();
            out.add(v);
            v.lines().map(String::strip).filter(l -> l.length() >= 12 && !l.startsWith("-----")).forEach(out::add);
            try {
                out.add(new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException notBase64) {
                // Plain text only.
            }
        } else {
            node.forEach(child -> collect(child, out));
        }
    }
}
