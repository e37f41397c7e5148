package dev.kubeward.exposure;

import dev.kubeward.image.vuln.VulnSeverity;
import java.util.List;

/**
 * A vulnerability's rank where it is deployed: the points of its severity (critical 10, high 7,
 * medium 4, low 1, none or unknown 0) plus the points of the deployment's {@link Reason}s (see
 * {@link Factor}). A critical vulnerability in an internet-facing privileged pod (10 + 8 + 6) comes
 * before the same one in a batch job no connection reaches (10). docs/images.md gives the table.
 */
public record Rank(int score, VulnSeverity severity, List<Reason> reasons) {
    /** The highest score there is: critical with every factor but the weaker network one. */
    public static final int MAX = severityPoints(VulnSeverity.CRITICAL) + Factor.INTERNET_FACING.points()
            + Factor.PRIVILEGED.points() + Factor.ROOT.points() + Factor.RBAC_ESCALATION.points();

    public Rank {
        reasons = List.copyOf(reasons);
    }

    public static Rank of(VulnSeverity severity, Exposure where) {
        return new Rank(severityPoints(severity) + where.points(), severity, where.reasons());
    }

    public static int severityPoints(VulnSeverity s) {
        return switch (s) {
            case CRITICAL -> 10;
            case HIGH -> 7;
            case MEDIUM -> 4;
            case LOW -> 1;
            case NONE, UNKNOWN -> 0;
        };
    }

    /** The score on SARIF's 0 to 100 scale of {@code result.rank}. */
    public double sarifRank() {
        return Math.round(score * 1000.0 / MAX) / 10.0;
    }

    /** {@code rank 24 (critical 10, internet-facing +8, privileged +6)}. */
    public String summary() {
        StringBuilder sb = new StringBuilder("rank ").append(score).append(" (").append(severity.label()).append(' ')
                .append(severityPoints(severity));
        for (Reason r : reasons) {
            sb.append(", ").append(r.factor().label()).append(" +").append(r.factor().points());
        }
        return sb.append(')').toString();
    }
}
