package dev.kubeward.report;

import dev.kubeward.check.Finding;
import dev.kubeward.check.Severity;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** For people: findings grouped by object, each with file:line, a fix hint, and a summary line. */
public final class TextReporter implements Reporter {
    private final boolean color;

    public TextReporter(boolean color) {
        this.color = color;
    }

    @Override
    public void write(ScanReport report, Writer writer) throws IOException {
        PrintWriter out = new PrintWriter(writer);
        Map<String, List<Finding>> byObject = new LinkedHashMap<>();
        for (Finding f : report.findings()) {
            if (!f.suppressed()) {
                byObject.computeIfAbsent(f.file() + "\u0000" + f.document() + "\u0000" + f.resource().display(),
                        k -> new ArrayList<>()).add(f);
            }
        }
        for (List<Finding> group : byObject.values()) {
            Finding first = group.get(0);
            // A Dockerfile or unit file is named by its path: the header need not repeat it.
            boolean namedByFile = first.file().equals(first.resource().name());
            out.println(bold(first.resource().display()) + (namedByFile ? "" : dim("  " + first.file())));
            for (Finding f : group) {
                out.printf("  %s:%d:%d  %s  %s%n", f.file(), f.line(), f.column(), severity(f.severity()),
                        bold(f.checkId()));
                out.println("      " + f.message());
                out.println(dim("      fix: " + firstSentence(f.check().remediation())));
            }
            out.println();
        }
        out.println(summary(report));
        out.flush();
    }

    private String summary(ScanReport report) {
        Map<Severity, Integer> counts = report.countsBySeverity();
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
        if (report.suppressedCount() > 0) {
            sb.append(", ").append(report.suppressedCount()).append(" suppressed");
        }
        if (!report.errors().isEmpty()) {
            sb.append(", ").append(report.errors().size()).append(report.errors().size() == 1 ? " input error" : " input errors");
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

    private String severity(Severity s) {
        String label = String.format("%-8s", s.label());
        return switch (s) {
            case CRITICAL -> paint("1;31", label);
            case HIGH -> paint("31", label);
            case MEDIUM -> paint("33", label);
            case LOW -> paint("36", label);
            case INFO -> paint("2", label);
        };
    }

    private String bold(String s) {
        return paint("1", s);
    }

    private String dim(String s) {
        return paint("2", s);
    }

    private String paint(String code, String s) {
        return color ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
}
