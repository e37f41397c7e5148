package dev.kubeward.checks.encryption;

import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Resource;

@CheckInfo(
        id = "encryption-secrets-not-covered",
        title = "Secrets not encrypted at rest",
        severity = Severity.HIGH,
        category = "Encryption at rest",
        description = "An EncryptionConfiguration has no resource list that names secrets, either as 'secrets' or "
                + "through the wildcards '*.' (every core resource) or '*.*' (every resource).",
        rationale = "Resources the configuration does not name are written to etcd in plain text: anyone with a "
                + "copy of etcd, its backups or its disks reads every Secret, service-account token and TLS key.",
        remediation = "Add secrets to the resources of an entry whose first provider is kms (apiVersion: v2), "
                + "then rewrite existing Secrets so they are stored encrypted "
                + "(kubectl get secrets -A -o json | kubectl replace -f -).",
        cis = "1.2.27",
        nsaCisa = "Network separation and hardening: encryption / secrets",
        mitre = {"T1552", "T1552.007"})
public final class EncryptionSecretsNotCovered implements Check {
    @Override
    public void check(Resource resource, CheckContext context, FindingSink sink) {
        EncryptionConfig.of(resource).ifPresent(config -> {
            if (config.secretsEntry().isEmpty()) {
                JsonPath at = resource.object().has("resources") ? JsonPath.of("resources") : JsonPath.ROOT;
                sink.report(at, "no resource list names secrets (nor '*.' or '*.*'): Secrets are stored unencrypted");
            }
        });
    }
}
