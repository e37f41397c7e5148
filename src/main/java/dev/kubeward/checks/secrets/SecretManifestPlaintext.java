package dev.kubeward.checks.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Resource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

@CheckInfo(
        id = "secret-manifest-plaintext",
        title = "Secret committed with its values",
        severity = Severity.HIGH,
        category = "Secrets",
        description = "A Secret in the scanned files has values in data or stringData. Empty values, templates and "
                + "placeholders are not counted, and service-account-token Secrets without data (filled in by the "
                + "cluster) are skipped. The finding names the keys, never the values.",
        rationale = "Secret data is base64, an encoding anyone reverses: a Secret committed to Git is a credential "
                + "shared with everyone who can read the repository, its forks and its history, and it cannot "
                + "be un-shared except by rotating it.",
        remediation = "Commit an encrypted or indirect form instead: a SealedSecret, an ExternalSecret that pulls "
                + "from a vault or cloud secret manager, or a SOPS-encrypted file decrypted at deploy time; then "
                + "rotate the exposed values.",
        cis = "5.4.2",
        nsaCisa = "Network separation and hardening: encryption / secrets",
        mitre = {"T1552", "T1552.001"})
public final class SecretManifestPlaintext implements Check {
    @Override
    public void check(Resource resource, CheckContext context, FindingSink sink) {
        if (!resource.kind().equals("Secret") || !resource.group().isEmpty()) {
            return;
        }
        report(resource.object().path("data"), "data", true, sink);
        report(resource.object().path("stringData"), "stringData", false, sink);
    }

    private static void report(JsonNode values, String field, boolean base64, FindingSink sink) {
        List<String> keys = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String text = e.getValue().isTextual() ? e.getValue().textValue() : "";
            if (!CredentialNames.isPlaceholder(base64 ? decodeOrKeep(text) : text)) {
                keys.add(e.getKey());
            }
        }
        if (!keys.isEmpty()) {
            sink.report(JsonPath.of(field), "the Secret's " + field + " holds " + keys.size()
                    + (keys.size() == 1 ? " value" : " values") + " in the repository (" + String.join(", ", keys)
                    + ")" + (base64 ? "; base64 is an encoding, not encryption" : ""));
        }
    }

    private static String decodeOrKeep(String text) {
        try {
            return new String(Base64.getMimeDecoder().decode(text), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return text;
        }
    }
}
