package dev.kubeward.netpol;

import java.util.Locale;

/**
 * Transport protocols a NetworkPolicy port can name. Declared in alphabetical order because
 * connection sets are rendered protocol by protocol in that order ("SCTP ...,TCP ...,UDP ..."),
 * the same order netpol-analyzer prints.
 */
public enum Protocol {
    SCTP, TCP, UDP;

    /** Parses a Kubernetes protocol string; absent means TCP, the API default. */
    public static Protocol parse(String text) {
        if (text == null || text.isBlank()) {
            return TCP;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unsupported protocol '" + text + "' (expected TCP, UDP or SCTP)", e);
        }
    }
}
