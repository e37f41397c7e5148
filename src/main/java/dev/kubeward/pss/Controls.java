package dev.kubeward.pss;

/** Control names as the Pod Security Standards page titles them. */
final class Controls {
    private Controls() {
    }

    static final String HOST_PROCESS = "HostProcess";
    static final String HOST_NAMESPACES = "Host Namespaces";
    static final String PRIVILEGED = "Privileged Containers";
    static final String CAPABILITIES = "Capabilities";
    static final String HOST_PATH_VOLUMES = "HostPath Volumes";
    static final String HOST_PORTS = "Host Ports";
    static final String APPARMOR = "AppArmor";
    static final String SELINUX = "SELinux";
    static final String PROC_MOUNT = "/proc Mount Type";
    static final String SECCOMP = "Seccomp";
    static final String SYSCTLS = "Sysctls";
    static final String HOST_PROBES = "Host Probes / Lifecycle Hooks";
    static final String VOLUME_TYPES = "Volume Types";
    static final String PRIVILEGE_ESCALATION = "Privilege Escalation";
    static final String RUN_AS_NON_ROOT = "Running as Non-root";
    static final String RUN_AS_USER = "Running as Non-root user";
}
