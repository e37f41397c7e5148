package dev.kubeward.checks.controlplane;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.controlplane.Component;
import dev.kubeward.controlplane.ComponentConfig;
import dev.kubeward.controlplane.CipherSuites;
import dev.kubeward.controlplane.Setting;
import java.util.Optional;

@CheckInfo(
        id = "apiserver-weak-ciphers",
        title = "API server allows weak TLS cipher suites",
        severity = Severity.MEDIUM,
        category = "Control plane",
        description = "kube-apiserver's --tls-cipher-suites names a suite without forward secrecy or AEAD "
                + "(reported at low severity when the flag is absent and Go's defaults, which include CBC "
                + "suites, apply).",
        rationale = "CBC-mode and static-RSA suites have a history of padding-oracle and downgrade attacks and "
                + "lose all past traffic when the key leaks.",
        remediation = "Set --tls-cipher-suites to ECDHE suites with AES-GCM or ChaCha20-Poly1305 only, e.g. "
                + "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256.",
        cis = "1.2.29",
        nsaCisa = "Network separation and hardening: encryption",
        mitre = "T1557")
public final class ApiServerWeakCiphers extends ComponentCheck {
    public ApiServerWeakCiphers() {
        super(Component.API_SERVER);
    }

    @Override
    protected void checkComponent(ComponentConfig c, CheckContext context, FindingSink sink) {
        Optional<Setting> suites = c.flags().explicit("tls-cipher-suites");
        if (suites.isEmpty() || suites.get().values().isEmpty()) {
            sink.report(c.where("tls-cipher-suites"), Severity.LOW, c.describe()
                    + ": --tls-cipher-suites is not set, so Go's defaults (including CBC suites) are accepted");
            return;
        }
        for (Setting.Element e : suites.get().elements()) {
            if (!CipherSuites.isStrong(e.value())) {
                sink.report(e.path(), c.describe() + ": weak TLS cipher suite " + e.value());
            }
        }
    }
}
