package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** What is shown, apart from what fails; JUnit as CI servers read it; the text report's order. */
class ReportShapesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata: {name: web, namespace: shop}
            spec:
              containers:
                - name: app
                  image: registry.example.com/app:1
                  securityContext: {privileged: true}
            """;

    private static Document xml(String text) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> elements(Document doc, String tag) {
        NodeList list = doc.getElementsByTagName(tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }

    @Test
    void junitSuiteNamesAreUniqueForTheSameObjectInTwoFilesAndTwiceInOne(@TempDir Path dir) throws Exception {
        // generateName: each document is a new object, so the three are never one duplicate object
        String pod = POD.replace("{name: web,", "{generateName: web-,");
        Path a = Files.writeString(dir.resolve("a.yaml"), pod);
        Path b = Files.writeString(dir.resolve("b.yaml"), pod + "---\n" + pod);
        Document doc = xml(CliRunner.run("scan", a.toString(), b.toString(), "-f", "junit").out());
        List<Element> suites = elements(doc, "testsuite");
        assertThat(suites).hasSize(3);
        Set<String> names = new HashSet<>();
        suites.forEach(s -> names.add(s.getAttribute("name")));
        assertThat(names).hasSize(3).contains("Pod shop/web-* (" + a + ")", "Pod shop/web-* (" + b + ")",
                "Pod shop/web-* (" + b + ":10)");
        // Test cases are named within their suite: classname is the unique suite name.
        for (Element suite : suites) {
            NodeList cases = suite.getElementsByTagName("testcase");
            for (int i = 0; i < cases.getLength(); i++) {
                assertThat(((Element) cases.item(i)).getAttribute("classname")).isEqualTo(suite.getAttribute("name"));
            }
        }
    }

    @Test
    void aFindingFailsOnlyAtOrAboveFailOn(@TempDir Path dir) throws Exception {
        Path pod = Files.writeString(dir.resolve("pod.yaml"), POD);
        // privileged-container is critical, run-as-root high, cpu-limit-missing low, among others.
        Document high = xml(CliRunner.run("scan", pod.toString(), "-f", "junit", "--fail-on", "high").out());
        for (Element c : elements(high, "testcase")) {
            String name = c.getAttribute("name");
            boolean failed = c.getElementsByTagName("failure").getLength() > 0;
            boolean noted = c.getElementsByTagName("system-out").getLength() > 0;
            if (name.equals("privileged-container") || name.equals("run-as-root")) {
                assertThat(failed).as(name).isTrue();
            }
            if (name.equals("cpu-limit-missing")) {
                assertThat(failed).as(name).isFalse();
                assertThat(noted).as(name).isTrue();
                assertThat(c.getElementsByTagName("system-out").item(0).getTextContent())
                        .startsWith("below --fail-on high:").contains(" low ");
            }
            if (failed) {
                String type = ((Element) c.getElementsByTagName("failure").item(0)).getAttribute("type");
                assertThat(type).isIn("critical", "high");
            }
        }
        // The counts add up to what the cases say.
        int failures = (int) elements(high, "testcase").stream().filter(c -> c.getElementsByTagName("failure").getLength() > 0).count();
        assertThat(high.getDocumentElement().getAttribute("failures")).isEqualTo(String.valueOf(failures));
        assertThat(elements(high, "testsuite").get(0).getAttribute("failures")).isEqualTo(String.valueOf(failures));

        Document none = xml(CliRunner.run("scan", pod.toString(), "-f", "junit", "--fail-on", "none").out());
        assertThat(none.getElementsByTagName("failure").getLength()).isZero();
        assertThat(none.getDocumentElement().getAttribute("failures")).isEqualTo("0");
        assertThat(none.getElementsByTagName("system-out").getLength()).isPositive();
        Document low = xml(CliRunner.run("scan", pod.toString(), "-f", "junit", "--fail-on", "low").out());
        assertThat(low.getElementsByTagName("system-out").getLength()).isZero();
    }

    @Test
    void severityFiltersNarrowTheReportButNotTheExitCode(@TempDir Path dir) throws Exception {
        Path pod = Files.writeString(dir.resolve("pod.yaml"), POD);
        CliRunner all = CliRunner.run("scan", pod.toString(), "-f", "json");
        JsonNode full = JSON.readTree(all.out());
        CliRunner lowOnly = CliRunner.run("scan", pod.toString(), "-f", "json", "--severity", "low,info");
        // A critical finding fails the run although it is not listed.
        assertThat(lowOnly.exitCode()).isEqualTo(1).isEqualTo(all.exitCode());
        JsonNode shown = JSON.readTree(lowOnly.out());
        assertThat(shown.get("findings")).isNotEmpty();
        shown.get("findings").forEach(f -> assertThat(f.get("severity").asText()).isIn("low", "info"));
        assertThat(shown.at("/summary/notShown").asInt())
                .isEqualTo(full.get("findings").size() - shown.get("findings").size()).isPositive();
        assertThat(shown.at("/summary/failed").asBoolean()).isTrue();
        assertThat(shown.at("/summary/bySeverity/critical").asInt()).isZero();

        JsonNode min = JSON.readTree(CliRunner.run("scan", pod.toString(), "-f", "json", "--min-severity", "high").out());
        min.get("findings").forEach(f -> assertThat(f.get("severity").asText()).isIn("critical", "high"));
        assertThat(min.get("findings")).isNotEmpty();
        // Both: what both allow.
        JsonNode both = JSON.readTree(CliRunner.run("scan", pod.toString(), "-f", "json", "--min-severity", "high",
                "--severity", "critical,low").out());
        both.get("findings").forEach(f -> assertThat(f.get("severity").asText()).isEqualTo("critical"));

        String text = CliRunner.run("scan", pod.toString(), "--min-severity", "critical").out();
        assertThat(text).contains("privileged-container").doesNotContain("cpu-limit-missing")
                .containsPattern("not shown \\(--severity/--min-severity\\)\n$");
        assertThat(CliRunner.run("scan", pod.toString(), "--fail-on", "none", "--min-severity", "critical").exitCode()).isZero();
        assertThat(CliRunner.run("scan", pod.toString(), "--severity", "urgent").exitCode()).isEqualTo(2);
    }

    @Test
    void theTextReportListsTheWorstFirstAndEndsWithATablePerCheck() {
        String out = CliRunner.run("scan", "examples/insecure", "--fail-on", "none").out();
        List<String> severities = new ArrayList<>();
        String header = null;
        List<String> table = new ArrayList<>();
        for (String line : out.split("\n")) {
            var m = java.util.regex.Pattern.compile("^  \\S+:\\d+:\\d+  (critical|high|medium|low|info) ").matcher(line);
            if (m.find()) {
                severities.add(m.group(1));
            } else if (line.startsWith("CHECK ")) {
                header = line;
            } else if (header != null && !line.isEmpty()) {
                table.add(line);
            } else if (!line.startsWith(" ") && !line.isEmpty() && severities.size() > 0) {
                severities.add("|");
            }
        }
        assertThat(header).isEqualTo(String.format("%-" + (header.indexOf("SEVERITY") - 2) + "s  SEVERITY  FINDINGS  SUPPRESSED", "CHECK"));
        // Within each object, the most severe first.
        List<String> order = List.of("critical", "high", "medium", "low", "info");
        int previous = -1;
        for (String s : severities) {
            if (s.equals("|")) {
                previous = -1;
                continue;
            }
            assertThat(order.indexOf(s)).isGreaterThanOrEqualTo(previous);
            previous = order.indexOf(s);
        }
        // The first object listed has a critical finding; the table is sorted by severity; the summary comes last.
        assertThat(severities.get(0)).isEqualTo("critical");
        List<String> tableSeverities = table.subList(0, table.size() - 1).stream().map(l -> l.trim().split(" +")[1]).toList();
        List<String> sorted = new ArrayList<>(tableSeverities);
        sorted.sort(java.util.Comparator.comparingInt(order::indexOf));
        assertThat(tableSeverities).isEqualTo(sorted);
        assertThat(table.get(table.size() - 1)).startsWith("131 objects in 15 files: ");
        int listed = table.subList(0, table.size() - 1).stream().mapToInt(l -> Integer.parseInt(l.trim().split(" +")[2])).sum();
        assertThat(table.get(table.size() - 1)).contains(": " + listed + " findings (");
    }
}
