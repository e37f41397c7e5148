package dev.kubeward.report;

import java.io.IOException;
import java.io.Writer;

/** Writes a scan in one output format. */
public interface Reporter {
    void write(ScanReport report, RenderOptions options, Writer out) throws IOException;

    default void write(ScanReport report, Writer out) throws IOException {
        write(report, RenderOptions.DEFAULT, out);
    }

    /** The formats of a scan report, the first the default. */
    java.util.List<String> FORMATS = java.util.List.of("text", "json", "sarif", "junit", "html", "policyreport");

    static Reporter forFormat(String format) {
        return switch (format) {
            case "text" -> new TextReporter();
            case "json" -> new JsonReporter();
            case "sarif" -> new SarifReporter();
            case "junit" -> new JunitReporter();
            case "html" -> new HtmlReporter();
            case "policyreport" -> new PolicyReportReporter(PolicyReports.Api.WGPOLICY, java.time.Instant::now);
            default -> throw new IllegalArgumentException("unknown format " + format);
        };
    }
}
