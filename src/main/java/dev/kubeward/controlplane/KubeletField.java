package dev.kubeward.controlplane;

import java.util.List;

/**
 * A kubelet setting that both a flag and a KubeletConfiguration field can carry, with the two
 * defaults the kubelet applies: the file's (v1beta1 defaulting, used whenever --config is given)
 * and the legacy flag defaults (used when the kubelet runs on flags alone). They differ exactly
 * where it matters: without a config file, anonymous auth is on, authorization is AlwaysAllow
 * and the read-only port 10255 is open.
 */
public enum KubeletField {
    ANONYMOUS_AUTH("anonymous-auth", List.of("authentication", "anonymous", "enabled"), "false", "true"),
    AUTHORIZATION_MODE("authorization-mode", List.of("authorization", "mode"), "Webhook", "AlwaysAllow"),
    CLIENT_CA_FILE("client-ca-file", List.of("authentication", "x509", "clientCAFile"), null, null),
    READ_ONLY_PORT("read-only-port", List.of("readOnlyPort"), "0", "10255"),
    STREAMING_CONNECTION_IDLE_TIMEOUT("streaming-connection-idle-timeout", List.of("streamingConnectionIdleTimeout"),
            "4h0m0s", "4h0m0s"),
    MAKE_IPTABLES_UTIL_CHAINS("make-iptables-util-chains", List.of("makeIPTablesUtilChains"), "true", "true"),
    PROTECT_KERNEL_DEFAULTS("protect-kernel-defaults", List.of("protectKernelDefaults"), "false", "false"),
    ROTATE_CERTIFICATES("rotate-certificates", List.of("rotateCertificates"), "false", "false"),
    SERVER_TLS_BOOTSTRAP("rotate-server-certificates", List.of("serverTLSBootstrap"), "false", "false"),
    TLS_CERT_FILE("tls-cert-file", List.of("tlsCertFile"), null, null),
    TLS_PRIVATE_KEY_FILE("tls-private-key-file", List.of("tlsPrivateKeyFile"), null, null),
    TLS_CIPHER_SUITES("tls-cipher-suites", List.of("tlsCipherSuites"), null, null),
    SECCOMP_DEFAULT("seccomp-default", List.of("seccompDefault"), "false", "false"),
    POD_PIDS_LIMIT("pod-max-pids", List.of("podPidsLimit"), "-1", "-1"),
    /** A flag only: the configuration file has no such field. */
    HOSTNAME_OVERRIDE("hostname-override", List.of(), null, null);

    private final String flag;
    private final List<String> configPath;
    private final String fileDefault;
    private final String flagDefault;

    KubeletField(String flag, List<String> configPath, String fileDefault, String flagDefault) {
        this.flag = flag;
        this.configPath = configPath;
        this.fileDefault = fileDefault;
        this.flagDefault = flagDefault;
    }

    public String flag() {
        return flag;
    }

    /** The KubeletConfiguration field's path, empty for flag-only settings. */
    public List<String> configPath() {
        return configPath;
    }

    public String defaultValue(boolean withConfigFile) {
        return withConfigFile ? fileDefault : flagDefault;
    }

    public String configName() {
        return String.join(".", configPath);
    }
}
