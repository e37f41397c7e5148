package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML reports in a real browser (headless Chromium): they load with no console error, the
 * summary says what the JSON report says, the findings table filters and pages, and the graphs
 * have nodes and edges. Skipped, with the reason, where Chromium is not installed; CI installs it.
 */
@Timeout(300)
class BrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        String why = Browser.unavailable();
        assumeTrue(why == null, why);
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    static Path write(Path dir, String name, String... args) throws Exception {
        CliRunner r = CliRunner.run(args);
        assertThat(r.exitCode()).as(r.err()).isIn(0, 1);
        Path file = dir.resolve(name);
        Files.writeString(file, r.out());
        return file;
    }

    /** No SEVERE console message (an uncaught error, a refused request, a CSP violation). */
    static void noConsoleErrors() throws Exception {
        List<String> console = browser.console();
        assertThat(console.stream().filter(m -> m.startsWith("SEVERE") || m.startsWith("ERROR")).toList()).isEmpty();
    }

    @Test
    void theScanReportSaysWhatTheJsonSaysAndItsTableFilters(@TempDir Path dir) throws Exception {
        Path page = write(dir, "scan.html", "scan", "examples/insecure", "-f", "html", "--fail-on", "none");
        JsonNode json = JSON.readTree(CliRunner.run("scan", "examples/insecure", "-f", "json", "--fail-on", "none").out());
        browser.open(page);
        assertThat(browser.run("return document.body.getAttribute('data-ready')").asText()).isEqualTo("true");
        noConsoleErrors();
        JsonNode shown = browser.run("var o = {}; document.querySelectorAll('[data-summary]').forEach(function (e) {"
                + " o[e.getAttribute('data-summary')] = +e.textContent; }); return o;");
        assertThat(shown.get("findings").asInt()).isEqualTo(json.get("summary").get("findings").asInt()).isPositive();
        for (String s : new String[] {"critical", "high", "medium", "low", "info"}) {
            assertThat(shown.get(s).asInt()).as(s).isEqualTo(json.get("summary").get("bySeverity").get(s).asInt());
        }
        // The table: one page of open findings, the count of all open ones.
        int open = json.get("summary").get("findings").asInt();
        assertThat(count()).isEqualTo(open);
        assertThat(rows()).isEqualTo(Math.min(100, open));
        // Filter by text: exactly the JSON's open findings of that check.
        long privileged = 0;
        for (JsonNode f : json.get("findings")) {
            if (f.get("checkId").asText().equals("privileged-container") && !f.get("suppressed").asBoolean()) {
                privileged++;
            }
        }
        browser.run("var q = document.getElementById('q'); q.value = 'privileged-container';"
                + " q.dispatchEvent(new Event('input'));");
        Thread.sleep(300);
        assertThat(count()).isEqualTo(privileged).isPositive();
        assertThat(browser.run("return Array.prototype.every.call(document.querySelectorAll('#findings-table tbody tr'),"
                + " function (r) { return r.textContent.indexOf('privileged-container') >= 0; })").asBoolean()).isTrue();
        // Severity and status filters.
        browser.run("var q = document.getElementById('q'); q.value = ''; q.dispatchEvent(new Event('input'));"
                + " var s = document.getElementById('sev'); s.value = 'critical'; s.dispatchEvent(new Event('change'));");
        Thread.sleep(300);
        assertThat(count()).isEqualTo(json.get("summary").get("bySeverity").get("critical").asInt());
        browser.run("var s = document.getElementById('sev'); s.value = ''; s.dispatchEvent(new Event('change'));"
                + " var t = document.getElementById('state'); t.value = 'suppressed'; t.dispatchEvent(new Event('change'));");
        assertThat(count()).isEqualTo(json.get("summary").get("suppressed").asInt());
        // A check's explanation one click away, below its row.
        browser.run("document.querySelector('#findings-table tbody a.chk').click();");
        assertThat(browser.run("var d = document.querySelector('#findings-table tr.detail'); return d ? d.textContent : ''")
                .asText()).contains("fix");
        // Paging.
        browser.run("var t = document.getElementById('state'); t.value = 'open'; t.dispatchEvent(new Event('change'));"
                + " document.getElementById('next').click();");
        assertThat(browser.run("return document.getElementById('page').textContent").asText()).startsWith("page 2 of ");
        noConsoleErrors();
        browser.screenshot(dir.resolve("scan.png"));
        assertThat(Files.size(dir.resolve("scan.png"))).isPositive();
    }

    @Test
    void hostileNamesStayText(@TempDir Path dir) throws Exception {
        Path input = HtmlReportTest.hostile(dir);
        Path page = write(dir, "hostile.html", "scan", input.toString(), "-f", "html", "--fail-on", "none");
        browser.open(page);
        noConsoleErrors();
        assertThat(browser.run("return document.scripts.length").asInt()).isEqualTo(2);
        assertThat(browser.run("return document.querySelectorAll('img').length").asInt()).isZero();
        assertThat(browser.run("var t = document.getElementById('state'); t.value = ''; t.dispatchEvent(new Event('change'));"
                + " return document.getElementById('findings-table').textContent").asText()).contains(HtmlReportTest.HOSTILE_NAME);
    }

    @Test
    void theGraphsHaveNodesAndEdges(@TempDir Path dir) throws Exception {
        Path rbac = write(dir, "rbac.html", "rbac", "paths", "--bootstrap", GraphPagesTest.RBAC, "-f", "html");
        browser.open(rbac);
        noConsoleErrors();
        assertThat(browser.run("return document.querySelectorAll('svg.graph .node').length").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(browser.run("return document.querySelectorAll('svg.graph .edge').length").asInt()).isGreaterThanOrEqualTo(2);
        // Every edge is drawn with a length, between two drawn nodes.
        assertThat(browser.run("return Array.prototype.every.call(document.querySelectorAll('svg.graph .edge'), function (e) {"
                + " return e.getTotalLength() > 10; })").asBoolean()).isTrue();
        browser.run("var q = document.getElementById('gq'); q.value = 'ops/admin'; q.dispatchEvent(new Event('input'));");
        assertThat(browser.run("return document.querySelectorAll('svg.graph .node.match').length").asInt()).isEqualTo(1);

        Path reach = write(dir, "reach.html", "netpol", "reach", GraphPagesTest.NETPOL, "-f", "html");
        browser.open(reach);
        noConsoleErrors();
        assertThat(browser.run("return document.querySelectorAll('svg.graph .node').length").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(browser.run("return document.querySelectorAll('svg.graph .edge').length").asInt()).isPositive();
        assertThat(browser.run("return document.querySelectorAll('svg.graph .node.exposed').length").asInt()).isEqualTo(1);
        // Boxes of one layer never overlap as the browser lays out the text.
        assertThat(browser.run("var b = Array.prototype.map.call(document.querySelectorAll('svg.graph .node rect'), function (r) {"
                + " return r.getBBox(); }); for (var i = 0; i < b.length; i++) for (var j = i + 1; j < b.length; j++) {"
                + " var p = b[i], q = b[j]; if (p.x < q.x + q.width && q.x < p.x + p.width && p.y < q.y + q.height"
                + " && q.y < p.y + p.height) return false; } return true;").asBoolean()).isTrue();
    }

    private static long count() throws Exception {
        return browser.run("return +document.getElementById('count').getAttribute('data-count')").asLong();
    }

    private static int rows() throws Exception {
        return browser.run("return document.querySelectorAll('#findings-table tbody tr').length").asInt();
    }
}
