package dev.kubeward.report;

import dev.kubeward.check.Finding;
import dev.kubeward.check.Severity;
import dev.kubeward.model.Origin;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * For people: findings grouped by object, the most severe object first and each object's findings
 * by severity, each with file:line, a fix hint; then a table of findings per check and one summary
 * line. {@code --quiet} prints the summary line alone.
 */
public final class TextReporter implements Reporter {
    private static final Comparator<Finding> BY_SEVERITY_THEN_PLACE = Comparator
            .comparing(Finding::severity).thenComparingInt(Finding::line).thenComparingInt(Finding::column)
            .thenComparing(Finding::checkId);

    @Override
    public void write(ScanReport report, RenderOptions options, Writer writer) throws IOException {
        PrintWriter out = new PrintWriter(writer);
        Painter paint = new Painter(options.color());
        List<Finding> shown = report.shown(options);
        if (!options.quiet()) {
            writeFindings(report, shown, paint, out);
            writeTable(report, shown, paint, out);
            writeAbsent(report, paint, out);
        }
        // Never only in --verbose: a kind that was not read is a hole in the result.
        report.notChecked().forEach(out::println);
        out.println(summary(report, shown));
        out.flush();
    }

    private static void writeFindings(ScanReport report, List<Finding> shown, Painter paint, PrintWriter out) {
        Map<String, List<Finding>> byObject = new LinkedHashMap<>();
        List<Finding> ranked = new ArrayList<>();
        for (Finding f : shown) {
            if (report.open(f) && report.rank(f) != null) {
                ranked.add(f);
            } else if (report.open(f)) {
                byObject.computeIfAbsent(f.file() + "\u0000" + f.document() + "\u0000" + f.resource().display(),
                        k -> new ArrayList<>()).add(f);
            }
        }
        List<List<Finding>> groups = new ArrayList<>(byObject.values());
        groups.forEach(g -> g.sort(BY_SEVERITY_THEN_PLACE));
        // The worst object first; objects equally bad keep the order of the input (file, then line).
        groups.sort(Comparator.comparing((List<Finding> g) -> g.get(0).severity()));
        for (List<Finding> group : groups) {
            Finding first = group.get(0);
            // A Dockerfile or unit file is named by its path: the header need not repeat it.
            boolean namedByFile = first.file().equals(first.resource().name());
            out.println(paint.bold(first.resource().display()) + (namedByFile ? "" : paint.dim("  " + first.file())));
            for (Finding f : group) {
                // An object from a cluster has no file lines: its JSON path says where.
                out.printf("  %s  %s  %s%n", live(f) ? f.path().toString() : f.file() + ":" + f.line() + ":" + f.column(),
                        paint.severity(f.severity()), paint.bold(f.checkId()));
                out.println("      " + f.message());
                for (dev.kubeward.check.RelatedLocation rl : f.related()) {
                    out.println(paint.dim("      see: " + rl.file() + ":" + rl.line() + ":" + rl.column() + "  " + rl.message()));
                }
                out.println(paint.dim("      fix: " + firstSentence(f.check().remediation())));
            }
            out.println();
        }
        writeRanked(ranked, paint, out);
    }

    /** Image vulnerabilities ({@code scan --images}) in the order of the report, which is their deployment rank. */
    private static void writeRanked(List<Finding> ranked, Painter paint, PrintWriter out) {
        if (ranked.isEmpty()) {
            return;
        }
        out.println(paint.bold("Image vulnerabilities, highest deployment rank first"));
        for (Finding f : ranked) {
            out.printf("  %s  %s  %s  %s%n", live(f) ? f.path().toString() : f.file() + ":" + f.line() + ":" + f.column(),
                    paint.severity(f.severity()), paint.bold(f.checkId()), f.resource().display());
            out.println("      " + f.message());
        }
        out.println();
    }

    private static boolean live(Finding f) {
        return f.file() != null && f.file().startsWith(Origin.LIVE_PREFIX);
    }

    /** One row per check with a finding: its worst severity, open and suppressed counts. */
    private static void writeTable(ScanReport report, List<Finding> shown, Painter paint, PrintWriter out) {
        record Row(String check, Severity worst, int open, int suppressed) {}
        Map<String, Row> rows = new TreeMap<>();
        for (Finding f : shown) {
            if (report.baselined(f)) {
                continue;
            }
            Row r = rows.get(f.checkId());
            Severity worst = r == null || f.severity().compareTo(r.worst()) < 0 ? f.severity() : r.worst();
            rows.put(f.checkId(), new Row(f.checkId(), worst, (r == null ? 0 : r.open()) + (f.suppressed() ? 0 : 1),
                    (r == null ? 0 : r.suppressed()) + (f.suppressed() ? 1 : 0)));
        }
        if (rows.isEmpty()) {
            return;
        }
        List<Row> sorted = new ArrayList<>(rows.values());
        sorted.sort(Comparator.comparing(Row::worst).thenComparing(Comparator.comparingInt(Row::open).reversed())
                .thenComparing(Row::check));
        int width = Math.max("CHECK".length(), sorted.stream().mapToInt(r -> r.check().length()).max().orElse(0));
        out.printf("%-" + width + "s  %-8s  %8s  %10s%n", "CHECK", "SEVERITY", "FINDINGS", "SUPPRESSED");
        for (Row r : sorted) {
            out.printf("%-" + width + "s  %s  %8d  %10d%n", r.check(), paint.severity(r.worst()), r.open(), r.suppressed());
        }
        out.println();
    }

    /** The baseline entries that no finding matched any more: fixed, or the object is gone. */
    private static void writeAbsent(ScanReport report, Painter paint, PrintWriter out) {
        if (report.baseline() == null || report.baseline().absent().isEmpty()) {
            return;
        }
        out.println(paint.bold("No longer found (in baseline " + report.baseline().file() + "):"));
        for (Baseline.Entry e : report.baseline().absent()) {
            out.println("  " + e.checkId() + "  " + e.object() + (e.path().isEmpty() ? "" : "  " + e.path()));
        }
        out.println();
    }

    private static String summary(ScanReport report, List<Finding> shown) {
        Map<Severity, Integer> counts = report.countsBySeverity(shown);
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        StringBuilder sb = new StringBuilder();
        sb.append(report.objects().size()).append(report.objects().size() == 1 ? " object" : " objects")
                .append(" in ").append(report.files()).append(report.files() == 1 ? " file" : " files").append(": ");
        if (total == 0) {
            sb.append("no findings");
        } else {
            List<String> parts = new ArrayList<>();
            for (Map.Entry<Severity, Integer> e : counts.entrySet()) {
                parts.add(e.getValue() + " " + e.getKey().label());
            }
            sb.append(total).append(total == 1 ? " finding (" : " findings (").append(String.join(", ", parts)).append(')');
        }
        long suppressed = shown.stream().filter(Finding::suppressed).count();
        if (suppressed > 0) {
            sb.append(", ").append(suppressed).append(" suppressed");
        }
        if (report.baseline() != null) {
            sb.append(", ").append(report.baselinedCount(shown)).append(" baselined");
            if (!report.baseline().absent().isEmpty()) {
                sb.append(", ").append(report.baseline().absent().size()).append(" baseline ")
                        .append(report.baseline().absent().size() == 1 ? "entry" : "entries").append(" no longer found");
            }
        }
        long notShown = report.findings().size() - shown.size();
        if (notShown > 0) {
            sb.append(", ").append(notShown).append(" not shown (--severity/--min-severity)");
        }
        if (!report.errors().isEmpty()) {
            sb.append(", ").append(report.errors().size()).append(report.errors().size() == 1 ? " input error" : " input errors");
        }
        if (!report.notChecked().isEmpty()) {
            sb.append(", ").append(report.notChecked().size()).append(report.notChecked().size() == 1 ? " kind" : " kinds")
                    .append(" not checked");
        }
        return sb.toString();
    }

    /** The first sentence: up to a full stop followed by a capital letter ("e.g. /tmp" is not an end). */
    static String firstSentence(String text) {
        for (int i = text.indexOf(". "); i >= 0; i = text.indexOf(". ", i + 1)) {
            if (i + 2 < text.length() && Character.isUpperCase(text.charAt(i + 2))) {
                return text.substring(0, i + 1);
            }
        }
        return text;
    }

    /** ANSI colours, or none. */
    private record Painter(boolean color) {
        String severity(Severity s) {
            String label = String.format("%-8s", s.label());
            return switch (s) {
                case CRITICAL -> paint("1;31", label);
                case HIGH -> paint("31", label);
                case MEDIUM -> paint("33", label);
                case LOW -> paint("36", label);
                case INFO -> paint("2", label);
            };
        }

        String bold(String s) {
            return paint("1", s);
        }

        String dim(String s) {
            return paint("2", s);
        }

        private String paint(String code, String s) {
            return color ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
        }
    }
}
