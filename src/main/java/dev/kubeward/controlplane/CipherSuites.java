package dev.kubeward.controlplane;

import java.util.Set;

/**
 * Which TLS cipher suites count as strong: forward-secret ECDHE key exchange with an AEAD cipher
 * (AES-GCM, ChaCha20-Poly1305), and the TLS 1.3 suites. This is the CIS Kubernetes Benchmark's
 * list; CBC modes, static RSA key exchange, RC4 and 3DES are not on it.
 */
public final class CipherSuites {
    private static final Set<String> STRONG = Set.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private CipherSuites() {}

    public static boolean isStrong(String suite) {
        return STRONG.contains(suite);
    }
}
