package dev.kubeward.checks.controlplane;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.Severity;
import dev.kubeward.controlplane.KubeletField;
import dev.kubeward.controlplane.KubeletNode;
import dev.kubeward.controlplane.CipherSuites;

@CheckInfo(
        id = "kubelet-tls-ciphers",
        title = "Kubelet allows weak TLS cipher suites",
        severity = Severity.MEDIUM,
        category = "Kubelet",
        description = "The kubelet's tlsCipherSuites (--tls-cipher-suites) names a suite without forward secrecy or "
                + "AEAD (reported at low severity when it is unset and Go's defaults apply).",
        rationale = "CBC-mode and static-RSA suites have a history of padding-oracle and downgrade attacks and "
                + "lose all past traffic when the key leaks.",
        remediation = "Set tlsCipherSuites to ECDHE suites with AES-GCM or ChaCha20-Poly1305 only.",
        cis = "4.2.12",
        nsaCisa = "Network separation and hardening: encryption",
        mitre = "T1557")
public final class KubeletTlsCiphers extends KubeletCheck {
    @Override
    protected void checkKubelet(KubeletNode node, Scoped sink) {
        KubeletNode.Value v = node.value(KubeletField.TLS_CIPHER_SUITES);
        if (v.text() == null || v.text().isBlank()) {
            sink.report(v, Severity.LOW, "kubelet: no TLS cipher suites are set, so Go's defaults (including CBC "
                    + "suites) are accepted");
            return;
        }
        for (String suite : v.text().split(",")) {
            if (!CipherSuites.isStrong(suite.strip())) {
                sink.report(v, "kubelet: weak TLS cipher suite " + suite.strip());
            }
        }
    }
}
