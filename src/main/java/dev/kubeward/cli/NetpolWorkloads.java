package dev.kubeward.cli;

import dev.kubeward.netpol.IpRange;
import dev.kubeward.netpol.Workload;
import java.util.Comparator;
import java.util.List;

/** Checks workload names given on the command line and suggests close ones when they match nothing. */
final class NetpolWorkloads {
    private static final int MAX_SUGGESTIONS = 5;

    private NetpolWorkloads() {}

    /** True for a full id (ns/name[Kind]), ns/name, or a bare name when {@code allowBareName}. */
    static boolean matches(Workload w, String text, boolean allowBareName) {
        String namespacedName = w.namespace() + "/" + w.name();
        return text.equals(w.id()) || text.equals(namespacedName) || (allowBareName && text.equals(w.name()));
    }

    static boolean isAddress(String text) {
        try {
            if (text.contains("/")) {
                IpRange.parseCidr(text);
            } else {
                IpRange.parseAddress(text);
            }
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The error for a name that matches no workload, with the closest names of the input. */
    static String unknown(String option, String text, List<Workload> workloads) {
        String message = option + " " + text + ": no such workload in the input";
        if (workloads.isEmpty()) {
            return message + " (it has no workloads)";
        }
        String wanted = text.replaceFirst("\\[[^\\]]*\\]$", "");
        int tolerance = Math.max(2, wanted.length() / 3);
        List<String> close = workloads.stream()
                .filter(w -> distance(wanted, w) <= tolerance)
                .sorted(Comparator.comparingInt((Workload w) -> distance(wanted, w)).thenComparing(Workload::id))
                .limit(MAX_SUGGESTIONS).map(Workload::id).toList();
        if (!close.isEmpty()) {
            return message + "; did you mean " + String.join(", ", close) + "?";
        }
        List<String> all = workloads.stream().map(Workload::id).sorted().limit(MAX_SUGGESTIONS * 2).toList();
        return message + "; workloads are named NAMESPACE/NAME, e.g. " + String.join(", ", all)
                + (workloads.size() > all.size() ? ", …" : "");
    }

    /** Distance to the closest spelling of the workload: ns/name or the bare name. */
    private static int distance(String wanted, Workload w) {
        return Math.min(Suggestions.distance(wanted, w.namespace() + "/" + w.name()),
                Suggestions.distance(wanted, w.name()));
    }
}
