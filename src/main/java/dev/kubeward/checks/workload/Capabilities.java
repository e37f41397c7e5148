package dev.kubeward.checks.workload;

import java.util.Locale;

/** Capability names as the container runtime reads them: case-insensitive, CAP_ prefix optional. */
final class Capabilities {
    private Capabilities() {}

    static String normalize(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT);
        return n.startsWith("CAP_") ? n.substring(4) : n;
    }
}
