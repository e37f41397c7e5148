package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scan --format html}: self-contained, escaped, and saying what the JSON report says. */
class HtmlReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String HOSTILE_NAME = "x</script><script>alert(1)</script><!--";
    static final String HOSTILE_REASON = "ticket \"SEC-1\" <img src=x onerror=alert(2)> </script>'";

    static Path hostile(Path dir) throws Exception {
        Path file = dir.resolve("pod.yaml");
        Files.writeString(file, """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: '%s'
                  namespace: "q\\"uote's"
                  annotations:
                    kubeward.dev/ignore: run-as-root
                    kubeward.dev/ignore-reason: '%s'
                spec:
                  containers:
                  - name: "c</script>"
                    image: nginx:latest
                    securityContext:
                      privileged: true
                """.formatted(HOSTILE_NAME, HOSTILE_REASON.replace("'", "''")));
        return file;
    }

    /** The JSON data the page's script reads, decoded as the browser decodes it. */
    static JsonNode data(String html) throws Exception {
        Matcher m = Pattern.compile("<script type=\"application/json\" id=\"kw-data\">(.*?)</script>", Pattern.DOTALL)
                .matcher(html);
        assertThat(m.find()).as("the data element").isTrue();
        return JSON.readTree(m.group(1));
    }

    @Test
    void hostileNamesAndReasonsAreInertTextEverywhere() throws Exception {
        Path file = hostile(Files.createTempDirectory("html"));
        CliRunner r = CliRunner.run("scan", file.toString(), "-f", "html", "--fail-on", "none");
        assertThat(r.exitCode()).as(r.err()).isZero();
        String html = r.out();
        // Exactly the page's own two script elements: the data and the script; no element from the input.
        assertThat(count(html, "<script")).isEqualTo(2);
        assertThat(count(html, "</script")).isEqualTo(2);
        assertThat(html).doesNotContain("<img").doesNotContain("<!--").doesNotContain("alert(1)</");
        assertThat(html).contains("x&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!--");
        assertThat(html).contains("q&quot;uote&#39;s");
        assertThat(html).contains("ticket &quot;SEC-1&quot; &lt;img src=x onerror=alert(2)&gt; &lt;/script&gt;&#39;");
        // The data carries the names exactly, for the script to set as text.
        JsonNode data = data(html);
        assertThat(data.get("findings").toString()).contains(JSON.writeValueAsString("Pod q\"uote's/" + HOSTILE_NAME));
        boolean reasonFound = false;
        for (JsonNode f : data.get("findings")) {
            if (f.get(8).asText().equals("suppressed")) {
                assertThat(f.get(9).asText()).isEqualTo(HOSTILE_REASON);
                reasonFound = true;
            }
        }
        assertThat(reasonFound).as("a suppressed finding with its reason").isTrue();
    }

    @Test
    void thePageRequestsNothingFromAnywhere() throws Exception {
        String html = CliRunner.run("scan", "examples/insecure", "-f", "html", "--fail-on", "none").out();
        assertNoExternalReferences(html);
        assertThat(html).contains("Content-Security-Policy").contains("default-src 'none'");
    }

    static void assertNoExternalReferences(String html) {
        Matcher m = Pattern.compile("(?i)(?:src|href|action|xlink:href)\\s*=\\s*[\"']?\\s*(?:https?:)?//").matcher(html);
        assertThat(m.find()).as("an external reference at " + (m.hitEnd() ? -1 : m.start())).isFalse();
        assertThat(html).doesNotContainPattern("(?i)url\\(\\s*[\"']?(https?:)?//").doesNotContainPattern("(?i)@import");
    }

    @Test
    void theSummaryIsTheJsonReportsSummary() throws Exception {
        String html = CliRunner.run("scan", "examples/insecure", "-f", "html", "--fail-on", "none").out();
        JsonNode json = JSON.readTree(CliRunner.run("scan", "examples/insecure", "-f", "json", "--fail-on", "none").out());
        JsonNode summary = json.get("summary");
        assertThat(summaryNumber(html, "findings")).isEqualTo(summary.get("findings").asInt()).isPositive();
        for (String s : new String[] {"critical", "high", "medium", "low", "info"}) {
            assertThat(summaryNumber(html, s)).as(s).isEqualTo(summary.get("bySeverity").get(s).asInt());
        }
        assertThat(summaryNumber(html, "suppressed")).isEqualTo(summary.get("suppressed").asInt());
        assertThat(summaryNumber(html, "objects")).isEqualTo(summary.get("objects").asInt());
        // Every finding of the JSON report is in the table's data, none twice.
        assertThat(data(html).get("findings").size()).isEqualTo(json.get("findings").size());
        // Without JavaScript, the most severe findings are rows of the table already, a bounded number.
        String body = html.substring(html.indexOf("<table id=\"findings-table\""), html.indexOf("</table>",
                html.indexOf("<table id=\"findings-table\"")));
        assertThat(count(body, "<tr>")).isEqualTo(dev.kubeward.report.HtmlReporter.STATIC_ROWS + 1);
        assertThat(body).contains("badge sev-critical");
    }

    @Test
    void theSummaryFollowsSeverityNarrowingAsJsonDoes() throws Exception {
        String html = CliRunner.run("scan", "examples/insecure", "-f", "html", "--severity", "critical").out();
        JsonNode json = JSON.readTree(CliRunner.run("scan", "examples/insecure", "-f", "json", "--severity", "critical").out());
        assertThat(summaryNumber(html, "findings")).isEqualTo(json.get("summary").get("findings").asInt());
        assertThat(summaryNumber(html, "high")).isZero();
        assertThat(data(html).get("findings").size()).isEqualTo(json.get("findings").size());
    }

    @Test
    void everyFrameworkHasItsComplianceViewAndFrameworkOpensOne() throws Exception {
        String html = CliRunner.run("scan", "examples/insecure", "-f", "html", "--framework", "cis").out();
        for (String id : dev.kubeward.report.Framework.IDS) {
            assertThat(html).contains("id=\"fw-" + id + "\"");
        }
        assertThat(html).contains("<details class=\"fw\" id=\"fw-cis\" open>");
        assertThat(html).doesNotContain("<details class=\"fw\" id=\"fw-nsa-cisa\" open>");
        // The first framework of the score table is the one asked for.
        assertThat(html.indexOf("data-framework=\"cis\"")).isLessThan(html.indexOf("data-framework=\"nsa-cisa\""));
        JsonNode cis = JSON.readTree(CliRunner.run("scan", "examples/insecure", "-f", "json", "--framework", "cis").out());
        Matcher score = Pattern.compile("data-framework=\"cis\">.*?class=\"n score\">([^<]*)<").matcher(html);
        assertThat(score.find()).isTrue();
        assertThat(score.group(1)).isEqualTo(cis.get("summary").get("score").asInt() + "%");
    }

    @Test
    void eachCheckWithAFindingIsExplainedFromItsMetadata() throws Exception {
        String html = CliRunner.run("scan", "examples/insecure", "-f", "html").out();
        JsonNode explain = JSON.readTree(CliRunner.run("explain", "privileged-container", "-f", "json").out());
        assertThat(html).contains("<article class=\"check\" id=\"check-privileged-container\">");
        String remediation = explain.has("remediation") ? explain.get("remediation").asText()
                : explain.get("checks").get(0).get("remediation").asText();
        assertThat(html).contains(dev.kubeward.report.Html.esc(remediation));
    }

    static int summaryNumber(String html, String key) {
        Matcher m = Pattern.compile("data-summary=\"" + key + "\">(\\d+)<").matcher(html);
        assertThat(m.find()).as(key).isTrue();
        return Integer.parseInt(m.group(1));
    }

    static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void escapingCoversEveryMarkupCharacter(@TempDir Path dir) {
        assertThat(dev.kubeward.report.Html.esc("<a href=\"x\" title='y'>&</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
        assertThat(dev.kubeward.report.Html.scriptJson("{\"a\":\"</script><!--&\u2028\"}"))
                .isEqualTo("{\"a\":\"\\u003c/script\\u003e\\u003c!--\\u0026\\u2028\"}");
    }
}
