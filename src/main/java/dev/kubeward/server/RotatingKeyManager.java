package dev.kubeward.server;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The server's key manager: one certificate chain and key at a time, replaced by {@link #serve}
 * in one step. The TLS context is built once over it, so a rotation changes nothing that a
 * handshake in progress reads: the handshake picks an alias ({@code chooseEngineServerAlias}) and
 * later asks for that alias's chain and key, and each pair keeps its own alias (the last few stay
 * known), so a handshake that chose the old pair finishes with the old pair and every new one
 * gets the new pair.
 *
 * <p>Why not Jetty's {@code SslContextFactory.reload}: it clears and refills the factory's alias
 * maps, which the SNI key manager of the contexts in use reads during a handshake; a handshake
 * that chose its certificate in that window found no certificate and failed (the flaky
 * {@code certificateRotationWhileRequestsFlowFailsNoRequest} under load). Its
 * {@code customize} also reads the protocols and cipher suites that the reload sets to null.
 */
final class RotatingKeyManager extends X509ExtendedKeyManager {
    /** Pairs kept by alias after they are replaced, for handshakes that chose them. */
    private static final int KEPT = 4;

    private record Pair(String alias, PrivateKey key, X509Certificate[] chain, long serial) {}

    private final AtomicLong generation = new AtomicLong();
    private final Map<String, Pair> byAlias = new ConcurrentHashMap<>();
    private volatile Pair current;

    RotatingKeyManager(KeyStore keyStore) throws GeneralSecurityException {
        serve(keyStore);
    }

    /** Serves the pair of the key store (alias {@code kubeward}, as {@link TlsFiles} builds it) from now on. */
    void serve(KeyStore keyStore) throws GeneralSecurityException {
        PrivateKey key = (PrivateKey) keyStore.getKey("kubeward", TlsFiles.PASSWORD);
        Certificate[] chain = keyStore.getCertificateChain("kubeward");
        if (key == null || chain == null || chain.length == 0) {
            throw new GeneralSecurityException("the key store has no key and chain");
        }
        long n = generation.incrementAndGet();
        Pair p = new Pair("kubeward-" + n, key, Arrays.copyOf(chain, chain.length, X509Certificate[].class), n);
        byAlias.put(p.alias(), p);
        current = p;
        byAlias.values().removeIf(old -> old.serial() <= n - KEPT);
    }

    /** Whether the key can sign for the key type the JDK asks about ({@code RSA}, {@code EC}, {@code RSASSA-PSS}, TLS 1.2's {@code EC_EC}). */
    static boolean fits(PrivateKey key, String keyType) {
        if (keyType == null) {
            return false;
        }
        String type = keyType.contains("_") ? keyType.substring(0, keyType.indexOf('_')) : keyType;
        return key.getAlgorithm().equalsIgnoreCase(type);
    }

    private String choose(String keyType) {
        Pair p = current;
        return fits(p.key(), keyType) ? p.alias() : null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return choose(keyType);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return choose(keyType);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        String alias = choose(keyType);
        return alias == null ? null : new String[] {alias};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        Pair p = alias == null ? null : byAlias.get(alias);
        return p == null ? null : p.chain().clone();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        Pair p = alias == null ? null : byAlias.get(alias);
        return p == null ? null : p.key();
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null; // a server key manager
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return null;
    }
}
