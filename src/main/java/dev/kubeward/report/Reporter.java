package dev.kubeward.report;

import java.io.IOException;
import java.io.Writer;

/** Writes a scan in one output format. */
public interface Reporter {
    void write(ScanReport report, Writer out) throws IOException;

    static Reporter forFormat(String format, boolean color) {
        return switch (format) {
            case "text" -> new TextReporter(color);
            case "json" -> new JsonReporter();
            case "sarif" -> new SarifReporter();
            case "junit" -> new JunitReporter();
            default -> throw new IllegalArgumentException("unknown format " + format);
        };
    }
}
