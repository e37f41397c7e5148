package dev.kubeward.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's key manager across a rotation: a handshake that chose the old pair finishes with
 * the old pair (its alias stays known), every later choice is the new pair, and a key answers only
 * for its own key type.
 */
class RotatingKeyManagerTest {
    @TempDir
    Path dir;

    @Test
    void aChosenAliasKeepsItsPairAcrossARotation() throws Exception {
        TestCa ca = new TestCa(dir);
        Path cert = dir.resolve("tls.crt");
        Path key = dir.resolve("tls.key");
        ca.issue("first", TestCa.KeyFormat.PKCS1_RSA, cert, key);
        TlsFiles.Loaded first = TlsFiles.load(cert, key);
        RotatingKeyManager keys = new RotatingKeyManager(first.keyStore());

        String chosen = keys.chooseEngineServerAlias("RSA", null, null);
        assertThat(chosen).isNotNull();
        assertThat(keys.chooseEngineServerAlias("EC", null, null)).isNull(); // an RSA key signs no ECDSA handshake

        ca.issue("second", TestCa.KeyFormat.SEC1_EC, cert, key);
        TlsFiles.Loaded second = TlsFiles.load(cert, key);
        keys.serve(second.keyStore());

        // The handshake in progress still gets the pair it chose.
        assertThat(keys.getCertificateChain(chosen)[0]).isEqualTo(first.leaf());
        assertThat(keys.getPrivateKey(chosen).getAlgorithm()).isEqualTo("RSA");
        // New handshakes get the new pair, by the new key's type only.
        assertThat(keys.chooseEngineServerAlias("RSA", null, null)).isNull();
        String now = keys.chooseEngineServerAlias("EC", null, null);
        assertThat(now).isNotEqualTo(chosen);
        assertThat(keys.getCertificateChain(now)[0]).isEqualTo(second.leaf());
        assertThat(keys.getServerAliases("EC", null)).containsExactly(now);
        assertThat(keys.chooseServerAlias("EC_EC", null, null)).isEqualTo(now); // TLS 1.2's ECDH_ECDSA naming

        // Only the last few pairs are kept.
        for (int i = 0; i < 5; i++) {
            keys.serve(second.keyStore());
        }
        assertThat(keys.getCertificateChain(chosen)).isNull();
        assertThat(keys.getClientAliases("RSA", null)).isNull();
    }
}
