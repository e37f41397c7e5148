package dev.kubeward.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.cli.Browser;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How long headless Chromium takes to open HTML reports (bench/html-bench.sh): for each file and
 * run, a fresh navigation's wall time, first contentful paint, DOMContentLoaded (the page's script
 * has built the table by then) and the load event, from the Navigation Timing entry. Usage:
 * {@code HtmlOpenTime RUNS FILE...}
 */
public final class HtmlOpenTime {
    private HtmlOpenTime() {}

    public static void main(String[] args) throws Exception {
        String why = Browser.unavailable();
        if (why != null) {
            System.err.println(why);
            System.exit(2);
        }
        int runs = Integer.parseInt(args[0]);
        try (Browser browser = new Browser()) {
            for (int i = 1; i < args.length; i++) {
                Path file = Path.of(args[i]).toAbsolutePath();
                for (int run = 1; run <= runs; run++) {
                    browser.open(Path.of("/dev/null"));   // a fresh navigation each run
                    long start = System.nanoTime();
                    browser.open(file);
                    long wall = (System.nanoTime() - start) / 1_000_000;
                    JsonNode t = browser.run("var n = performance.getEntriesByType('navigation')[0];"
                            + " var p = performance.getEntriesByName('first-contentful-paint')[0];"
                            + " return {dcl: Math.round(n.domContentLoadedEventEnd), load: Math.round(n.loadEventEnd),"
                            + " fcp: p ? Math.round(p.startTime) : -1, ready: document.body.getAttribute('data-ready'),"
                            + " rows: document.querySelectorAll('#findings-table tbody tr').length,"
                            + " count: (document.getElementById('count') || {textContent: ''}).textContent};");
                    System.out.printf("%s run %d: %.1f MB, open %d ms wall, first paint %d ms, DOMContentLoaded %d ms,"
                                    + " load %d ms; ready=%s, %d rows drawn, %s%n",
                            file.getFileName(), run, Files.size(file) / 1e6, wall, t.get("fcp").asLong(),
                            t.get("dcl").asLong(), t.get("load").asLong(), t.get("ready").asText(), t.get("rows").asInt(),
                            t.get("count").asText());
                    for (String m : browser.console()) {
                        System.out.println("  console: " + m);
                    }
                }
            }
        }
    }
}
