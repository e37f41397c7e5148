package dev.kubeward.checks.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Resource;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

@CheckInfo(
        id = "secret-in-configmap",
        title = "Credential in a ConfigMap",
        severity = Severity.HIGH,
        category = "Secrets",
        description = "A ConfigMap's data or binaryData holds a credential: a private key, an AWS access key id, a "
                + "GCP service-account key, a Google API key, an Azure storage key, a GitHub, GitLab, Slack or Stripe "
                + "token, a JWT, a URL with a password; or, under a key named like a password, any literal; under "
                + "Polaris' cloud credential names (aws_secret_access_key, azure_…_key, oci_cli_key_content), any "
                + "literal of 8+ characters; under a key named like a token, secret or bearer, a random-looking value "
                + "(16+ characters, 3.5+ bits of entropy per character). Config files embedded in a value are read "
                + "line by line, and a value that is one KEY=value or KEY: value line (export REDIS_PASSWORD=…) as "
                + "that assignment. Templates and variables (${VAR}, $VAR, %VAR%, <password>), references, paths, "
                + "numbers, masks (xxx, ****) and values to fill in (changeme, INSERT_…_TOKEN, your-api-key) are not "
                + "reported. The finding names the key and shows at most the value's first two characters.",
        rationale = "ConfigMaps are not meant for secrets: they are readable by anyone with get on configmaps "
                + "(a permission handed out freely), printed by kubectl describe, logged at Request level by audit "
                + "policies and never encrypted at rest by default.",
        remediation = "Move the value into a Secret (from an external store: External Secrets, Sealed Secrets or "
                + "SOPS) and mount it as a file; rotate the credential, since it has been exposed.",
        cis = "5.4.2",
        nsaCisa = "Network separation and hardening: encryption / secrets",
        mitre = {"T1552", "T1552.007"})
public final class SecretInConfigMap implements Check {
    private static final Set<String> KEY_STORE_SUFFIXES = Set.of(".p12", ".pfx", ".jks", ".keystore", ".key", ".pem");

    @Override
    public void check(Resource resource, CheckContext context, FindingSink sink) {
        if (!resource.kind().equals("ConfigMap") || !resource.group().isEmpty()) {
            return;
        }
        JsonNode data = resource.object().path("data");
        for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isTextual()) {
                CredentialScan.scan(e.getKey(), e.getValue().textValue()).ifPresent(what -> sink.report(
                        JsonPath.of("data", e.getKey()), "data key '" + e.getKey() + "' holds " + what));
            }
        }
        JsonNode binary = resource.object().path("binaryData");
        for (Iterator<Map.Entry<String, JsonNode>> it = binary.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            binaryCredential(e.getKey(), e.getValue().asText("")).ifPresent(what -> sink.report(
                    JsonPath.of("binaryData", e.getKey()), "binaryData key '" + e.getKey() + "' holds " + what));
        }
    }

    private static Optional<String> binaryCredential(String key, String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            Optional<String> found = CredentialPatterns.find(text);
            if (found.isPresent()) {
                return Optional.of(found.get());
            }
        } catch (CharacterCodingException binaryContent) {
            // Not text: only the file name can tell a key store from an image.
        }
        String lower = key.toLowerCase(Locale.ROOT);
        boolean keyStore = KEY_STORE_SUFFIXES.stream().anyMatch(lower::endsWith) || lower.startsWith("id_rsa")
                || lower.startsWith("id_ed25519") || lower.startsWith("id_ecdsa");
        return keyStore && bytes.length > 0 ? Optional.of("a key or key store file") : Optional.empty();
    }
}
