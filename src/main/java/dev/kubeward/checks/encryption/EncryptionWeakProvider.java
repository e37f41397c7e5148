package dev.kubeward.checks.encryption;

import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.Resource;

@CheckInfo(
        id = "encryption-weak-provider",
        title = "Weak or deprecated encryption provider",
        severity = Severity.MEDIUM,
        category = "Encryption at rest",
        description = "A resource list encrypts writes with aescbc (medium: CBC is open to padding-oracle attacks "
                + "and not recommended upstream), or lists a kms provider without apiVersion: v2 anywhere (medium: "
                + "KMS v1 is deprecated since 1.28 and disabled by default since 1.29), or encrypts with aesgcm "
                + "or secretbox (low: a static key kept on the control-plane disk; aesgcm keys must be rotated "
                + "every 200,000 writes).",
        rationale = "With a local-key provider the key sits beside the data it protects, in a file on every "
                + "control-plane node, so a stolen node disk or backup yields both. A KMS v2 provider keeps the key "
                + "encryption key in an external KMS and rotates data keys itself.",
        remediation = "Encrypt with kms (apiVersion: v2) backed by a cloud or hardware KMS; if a local key is "
                + "unavoidable, prefer secretbox and rotate its key regularly.",
        cis = "1.2.28",
        nsaCisa = "Network separation and hardening: encryption / secrets",
        mitre = "T1552")
public final class EncryptionWeakProvider implements Check {
    @Override
    public void check(Resource resource, CheckContext context, FindingSink sink) {
        EncryptionConfig.of(resource).ifPresent(config -> {
            for (EncryptionConfig.Entry entry : config.entries()) {
                String what = String.join(", ", entry.resources());
                for (int i = 0; i < entry.providers().size(); i++) {
                    EncryptionConfig.Provider p = entry.providers().get(i);
                    if (p.isKmsV1()) {
                        sink.report(p.path(), "kms provider for " + what + " uses the deprecated KMS v1 API "
                                + "(set apiVersion: v2); API servers from 1.29 refuse it unless KMSv1=true");
                    } else if (i == 0) {
                        writeProvider(p, what, sink);
                    }
                }
            }
        });
    }

    private static void writeProvider(EncryptionConfig.Provider p, String what, FindingSink sink) {
        switch (p.type()) {
            case "aescbc" -> sink.report(p.path(), what + " are encrypted with aescbc, which is open to "
                    + "padding-oracle attacks; prefer kms v2 or secretbox");
            case "aesgcm" -> sink.report(p.path(), Severity.LOW, what + " are encrypted with aesgcm under a "
                    + "static local key that must be rotated every 200,000 writes; prefer kms v2");
            case "secretbox" -> sink.report(p.path(), Severity.LOW, what + " are encrypted with secretbox under a "
                    + "static key stored on the control-plane nodes; prefer kms v2");
            default -> { }
        }
    }
}
