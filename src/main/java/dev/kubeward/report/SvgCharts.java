package dev.kubeward.report;

import java.util.List;
import java.util.Locale;

/**
 * Charts drawn as inline SVG in Java: they need no script, so the summary reads the same with
 * JavaScript off, in print and in a mail client's preview.
 */
final class SvgCharts {
    /** One bar: its label, value and CSS class (the severity colours, or {@code bar}). */
    record Bar(String label, long value, String cssClass) {}

    private static final int LABEL_WIDTH = 190;
    private static final int BAR_WIDTH = 260;
    private static final int ROW = 22;

    private SvgCharts() {}

    /** A horizontal bar chart; the longest bar is the largest value. {@code title} names it for screen readers. */
    static String bars(String title, List<Bar> bars) {
        long max = Math.max(1, bars.stream().mapToLong(Bar::value).max().orElse(1));
        int height = Math.max(ROW, bars.size() * ROW) + 4;
        int width = LABEL_WIDTH + BAR_WIDTH + 70;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"chart\" role=\"img\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\"><title>").append(Html.esc(title)).append("</title>");
        if (bars.isEmpty()) {
            svg.append("<text x=\"0\" y=\"16\" class=\"muted\">none</text>");
        }
        int y = 2;
        for (Bar b : bars) {
            double w = b.value() == 0 ? 0 : Math.max(2, (double) b.value() * BAR_WIDTH / max);
            String label = b.label().length() > 28 ? b.label().substring(0, 27) + "…" : b.label();
            svg.append("<g><title>").append(Html.esc(b.label() + ": " + b.value())).append("</title>")
                    .append("<text x=\"").append(LABEL_WIDTH - 6).append("\" y=\"").append(y + 15)
                    .append("\" text-anchor=\"end\">").append(Html.esc(label)).append("</text>")
                    .append("<rect class=\"").append(Html.esc(b.cssClass())).append("\" x=\"").append(LABEL_WIDTH)
                    .append("\" y=\"").append(y + 3).append("\" width=\"").append(String.format(Locale.ROOT, "%.1f", w))
                    .append("\" height=\"").append(ROW - 6).append("\" rx=\"2\"/>")
                    .append("<text x=\"").append(String.format(Locale.ROOT, "%.1f", LABEL_WIDTH + w + 6)).append("\" y=\"")
                    .append(y + 15).append("\">").append(b.value()).append("</text></g>");
            y += ROW;
        }
        return svg.append("</svg>").toString();
    }
}
