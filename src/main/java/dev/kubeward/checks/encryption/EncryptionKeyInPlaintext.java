package dev.kubeward.checks.encryption;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.Resource;
import java.util.Base64;
import java.util.Set;

@CheckInfo(
        id = "encryption-key-in-plaintext",
        title = "Encryption key committed in plain text",
        severity = Severity.HIGH,
        category = "Encryption at rest",
        description = "An aescbc, aesgcm or secretbox provider of an EncryptionConfiguration has a key whose secret "
                + "is a literal base64 value of 16, 24 or 32 bytes, i.e. real key material in the scanned files. "
                + "Placeholders that are not such a value (${KEY}, <key>) are not reported. The finding names the "
                + "key, never its value.",
        rationale = "The key that encrypts Secrets at rest, committed next to the manifests, is readable by "
                + "everyone with access to the repository and its history; with an etcd backup it decrypts every "
                + "Secret of the cluster.",
        remediation = "Remove the key from the repository and its history, generate a new key, rotate it in (new "
                + "key first, old key second, rewrite all Secrets, then drop the old key), and template the file "
                + "from a secret store at deploy time; better, use a kms v2 provider.",
        cis = "1.2.27",
        nsaCisa = "Network separation and hardening: encryption / secrets",
        mitre = {"T1552", "T1552.001"})
public final class EncryptionKeyInPlaintext implements Check {
    private static final Set<String> LOCAL_KEY_PROVIDERS = Set.of("aescbc", "aesgcm", "secretbox");
    private static final Set<Integer> KEY_SIZES = Set.of(16, 24, 32);

    @Override
    public void check(Resource resource, CheckContext context, FindingSink sink) {
        EncryptionConfig.of(resource).ifPresent(config -> {
            for (EncryptionConfig.Entry entry : config.entries()) {
                for (EncryptionConfig.Provider p : entry.providers()) {
                    if (!LOCAL_KEY_PROVIDERS.contains(p.type())) {
                        continue;
                    }
                    JsonNode keys = p.settings() == null ? null : p.settings().get("keys");
                    for (int k = 0; keys != null && keys.isArray() && k < keys.size(); k++) {
                        JsonNode secret = keys.path(k).get("secret");
                        if (secret != null && secret.isTextual() && isKeyMaterial(secret.textValue())) {
                            String name = keys.path(k).path("name").asText("#" + k);
                            sink.report(p.path().key("keys").index(k).key("secret"), p.type() + " key '" + name
                                    + "' is written in the file as a literal " + decodedLength(secret.textValue())
                                    + "-byte key");
                        }
                    }
                }
            }
        });
    }

    static boolean isKeyMaterial(String value) {
        return KEY_SIZES.contains(decodedLength(value));
    }

    private static int decodedLength(String value) {
        try {
            return Base64.getDecoder().decode(value.trim()).length;
        } catch (IllegalArgumentException notBase64) {
            return -1;
        }
    }
}
