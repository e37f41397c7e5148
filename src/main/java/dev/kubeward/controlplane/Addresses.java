package dev.kubeward.controlplane;

import java.util.regex.Pattern;

/** Addresses in component flags and configuration. */
public final class Addresses {
    private static final Pattern LOOPBACK_V4 = Pattern.compile("127(\\.\\d{1,3}){3}");

    private Addresses() {}

    /**
     * Whether a host (no port) names only the loopback interface: 127.0.0.0/8, ::1, localhost.
     * Empty, 0.0.0.0 and :: mean every interface.
     */
    public static boolean isLoopbackHost(String host) {
        String h = host.strip();
        return LOOPBACK_V4.matcher(h).matches() || h.equals("::1") || h.equalsIgnoreCase("localhost");
    }
}
