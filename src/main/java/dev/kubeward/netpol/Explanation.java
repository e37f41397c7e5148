package dev.kubeward.netpol;

/**
 * The answer to "may {@code src} reach {@code dst} on {@code query}?": the connections allowed
 * (egress side ∩ ingress side ∩ query) and both sides' reasons.
 */
public record Explanation(String src, String dst, ConnectionSet query, ConnectionSet allowedConns,
                          SideExplanation egress, SideExplanation ingress) {

    /**
     * Allowed when any queried connection is allowed; {@link #allowedConns()} says which. For a
     * single port this is the plain yes/no, since allowedConns is then that port or nothing.
     */
    public boolean allowed() {
        return !allowedConns.isEmpty();
    }

    /** A short human-readable report. */
    public String toText() {
        StringBuilder text = new StringBuilder();
        text.append(allowed() ? "ALLOWED" : "DENIED").append(' ').append(src).append(" => ").append(dst)
                .append(" : ").append(query.isAll() ? "any connection" : query.toString())
                .append(" (allowed: ").append(allowedConns).append(")\n");
        appendSide(text, "EGRESS of " + src, egress);
        appendSide(text, "INGRESS of " + dst, ingress);
        return text.toString();
    }

    private static void appendSide(StringBuilder text, String title, SideExplanation side) {
        text.append("  ").append(title).append(": ").append(side.reason()).append('\n');
        for (RuleRef rule : side.allowingRules()) {
            text.append("    allowed by ").append(rule).append('\n');
        }
    }
}
