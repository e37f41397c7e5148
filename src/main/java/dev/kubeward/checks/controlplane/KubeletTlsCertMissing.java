package dev.kubeward.checks.controlplane;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.Severity;
import dev.kubeward.controlplane.KubeletField;
import dev.kubeward.controlplane.KubeletNode;

@CheckInfo(
        id = "kubelet-tls-cert-missing",
        title = "Kubelet serves a self-signed certificate",
        severity = Severity.MEDIUM,
        category = "Kubelet",
        description = "The kubelet has neither tlsCertFile and tlsPrivateKeyFile (--tls-cert-file, --tls-private-key-file) "
                + "nor serverTLSBootstrap: true (--rotate-server-certificates) with the RotateKubeletServerCertificate "
                + "feature gate on, so it generates a self-signed serving certificate at start.",
        rationale = "Nobody can verify a self-signed kubelet certificate, so the API server (and anyone scraping or "
                + "exec-ing through port 10250) either skips verification or fails; a man in the middle on the node "
                + "network then reads exec sessions, logs and secrets mounted in pods.",
        remediation = "Set serverTLSBootstrap: true and approve the kubelet serving CSRs, or point tlsCertFile and "
                + "tlsPrivateKeyFile at a certificate signed by a CA the API server trusts "
                + "(--kubelet-certificate-authority).",
        cis = "4.2.9",
        nsaCisa = "Network separation and hardening: encryption",
        mitre = "T1557")
public final class KubeletTlsCertMissing extends KubeletCheck {
    @Override
    protected void checkKubelet(KubeletNode node, Scoped sink) {
        KubeletNode.Value cert = node.value(KubeletField.TLS_CERT_FILE);
        KubeletNode.Value key = node.value(KubeletField.TLS_PRIVATE_KEY_FILE);
        boolean hasCert = cert.text() != null && !cert.text().isBlank();
        boolean hasKey = key.text() != null && !key.text().isBlank();
        if (hasCert && hasKey) {
            return;
        }
        KubeletNode.Value bootstrap = node.value(KubeletField.SERVER_TLS_BOOTSTRAP);
        boolean bootstrapping = bootstrap.bool().orElse(false);
        // serverTLSBootstrap needs the gate; kubelet-rotate-server-certificates reports the gate itself.
        boolean gateOff = node.featureGate(KubeletRotateServerCertificates.GATE).bool().map(on -> !on).orElse(false);
        if (bootstrapping && !gateOff) {
            return;
        }
        if (hasCert != hasKey) {
            KubeletField have = hasCert ? KubeletField.TLS_CERT_FILE : KubeletField.TLS_PRIVATE_KEY_FILE;
            KubeletField lack = hasCert ? KubeletField.TLS_PRIVATE_KEY_FILE : KubeletField.TLS_CERT_FILE;
            KubeletNode.Value missing = hasCert ? key : cert;
            // Report where the half that is there was written: that is where the other half belongs.
            sink.report(missing.defaulted() ? (hasCert ? cert : key) : missing, "kubelet: " + have.configName()
                    + " is set but " + lack.configName() + " (--" + lack.flag() + ") is not: a serving certificate "
                    + "needs both files");
            return;
        }
        if (bootstrapping) {
            sink.report(bootstrap, "kubelet: serverTLSBootstrap is true but the " + KubeletRotateServerCertificates.GATE
                    + " gate is off, a combination the kubelet rejects; and no tlsCertFile/tlsPrivateKeyFile is set");
            return;
        }
        String why = bootstrap.defaulted() ? "serverTLSBootstrap is not set" : "serverTLSBootstrap is " + bootstrap.text();
        sink.report(bootstrap.defaulted() ? cert : bootstrap, "kubelet: no serving certificate (tlsCertFile, "
                + "tlsPrivateKeyFile) and " + why + ", so the kubelet serves a self-signed certificate");
    }
}
