package dev.kubeward.checks.encryption;

import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.Resource;

@CheckInfo(
        id = "encryption-identity-first",
        title = "Secrets written unencrypted (identity provider first)",
        severity = Severity.HIGH,
        category = "Encryption at rest",
        description = "The resource list that decides how Secrets are stored has identity as its first provider. "
                + "Lists that only exempt other resources (such as events before a '*.*' list) are not reported.",
        rationale = "The first provider encrypts every write; identity does not encrypt. With identity first, "
                + "configured keys are only used to read old data and every new or updated Secret lands in etcd in "
                + "plain text, though the file looks like encryption is on.",
        remediation = "Put the real provider (kms v2, or secretbox/aesgcm) first and keep identity last, only as "
                + "long as unencrypted data remains to be read; then rewrite all Secrets.",
        cis = "1.2.27",
        nsaCisa = "Network separation and hardening: encryption / secrets",
        mitre = {"T1552", "T1552.007"})
public final class EncryptionIdentityFirst implements Check {
    @Override
    public void check(Resource resource, CheckContext context, FindingSink sink) {
        EncryptionConfig.of(resource).flatMap(EncryptionConfig::secretsEntry).ifPresent(entry ->
                entry.writeProvider().filter(p -> p.type().equals("identity")).ifPresent(p ->
                        sink.report(p.path(), "identity is the first provider for " + String.join(", ",
                                entry.resources()) + ": Secrets are written to etcd unencrypted")));
    }
}
