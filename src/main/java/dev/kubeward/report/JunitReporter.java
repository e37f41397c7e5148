package dev.kubeward.report;

import dev.kubeward.check.CheckMeta;
import dev.kubeward.check.Finding;
import dev.kubeward.model.InputError;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * JUnit XML for CI systems that show test reports: one test suite per object, one test case per
 * check that ran on it; a finding is a failure, a suppressed one is skipped with its reason.
 */
public final class JunitReporter implements Reporter {
    @Override
    public void write(ScanReport report, Writer writer) throws IOException {
        PrintWriter out = new PrintWriter(writer);
        Map<String, List<Finding>> byObjectAndCheck = new HashMap<>();
        for (Finding f : report.findings()) {
            byObjectAndCheck.computeIfAbsent(key(f.file(), f.resource().display(), f.checkId()), k -> new ArrayList<>()).add(f);
        }
        int tests = report.errors().size();
        for (ScanReport.ScannedObject o : report.objects()) {
            tests += rulesFor(o, report.rules()).size();
        }
        long failures = byObjectAndCheck.values().stream().filter(l -> l.stream().anyMatch(f -> !f.suppressed())).count();
        out.println("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        out.printf("<testsuites name=\"kubeward\" tests=\"%d\" failures=\"%d\" errors=\"%d\">%n", tests, failures,
                report.errors().size());
        for (ScanReport.ScannedObject o : report.objects()) {
            String suite = o.ref().display();
            int suiteFailures = 0;
            StringBuilder cases = new StringBuilder();
            List<CheckMeta> rules = rulesFor(o, report.rules());
            for (CheckMeta rule : rules) {
                List<Finding> found = byObjectAndCheck.getOrDefault(key(o.file(), suite, rule.id()), List.of());
                cases.append(testCase(suite, rule, o, found));
                if (found.stream().anyMatch(f -> !f.suppressed())) {
                    suiteFailures++;
                }
            }
            out.printf("  <testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" file=\"%s\">%n", xml(suite),
                    rules.size(), suiteFailures, xml(o.file()));
            out.print(cases);
            out.println("  </testsuite>");
        }
        if (!report.errors().isEmpty()) {
            out.printf("  <testsuite name=\"input\" tests=\"%d\" failures=\"0\" errors=\"%d\">%n",
                    report.errors().size(), report.errors().size());
            for (InputError e : report.errors()) {
                out.printf("    <testcase classname=\"input\" name=\"%s\" file=\"%s\">%n", xml(e.toString()), xml(e.file()));
                out.printf("      <error message=\"%s\"/>%n", xml(e.message()));
                out.println("    </testcase>");
            }
            out.println("  </testsuite>");
        }
        out.println("</testsuites>");
        out.flush();
    }

    /** Dockerfile checks only ever look at Dockerfiles, and the other checks never do. */
    private static List<CheckMeta> rulesFor(ScanReport.ScannedObject o, List<CheckMeta> rules) {
        boolean dockerfile = o.ref().kind().equals("Dockerfile") && o.ref().apiVersion().startsWith("kubeward.dev/");
        return rules.stream().filter(r -> r.category().equals("Dockerfile") == dockerfile).toList();
    }

    private static String testCase(String suite, CheckMeta rule, ScanReport.ScannedObject o, List<Finding> found) {
        StringBuilder sb = new StringBuilder();
        int line = found.isEmpty() ? o.line() : found.get(0).line();
        sb.append(String.format("    <testcase classname=\"%s\" name=\"%s\" file=\"%s\" line=\"%d\"",
                xml(suite), xml(rule.id()), xml(o.file()), line));
        List<Finding> open = found.stream().filter(f -> !f.suppressed()).toList();
        if (found.isEmpty()) {
            return sb.append("/>\n").toString();
        }
        sb.append(">\n");
        if (open.isEmpty()) {
            sb.append(String.format("      <skipped message=\"suppressed: %s\"/>%n", xml(found.get(0).suppression().reason())));
        } else {
            StringBuilder body = new StringBuilder();
            for (Finding f : open) {
                body.append(f.file()).append(':').append(f.line()).append(':').append(f.column()).append(' ')
                        .append(f.severity().label()).append(' ').append(f.message()).append('\n');
            }
            body.append("fix: ").append(rule.remediation());
            sb.append(String.format("      <failure message=\"%s\" type=\"%s\">%s</failure>%n", xml(open.get(0).message()),
                    open.get(0).severity().label(), xml(body.toString())));
        }
        return sb.append("    </testcase>\n").toString();
    }

    private static String key(String file, String object, String check) {
        return file + "\u0000" + object + "\u0000" + check;
    }

    static String xml(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> {
                    // XML 1.0 cannot carry most control characters, even escaped.
                    if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
