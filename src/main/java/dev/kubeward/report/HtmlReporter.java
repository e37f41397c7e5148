package dev.kubeward.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.kubeward.check.CheckMeta;
import dev.kubeward.check.CheckRegistry;
import dev.kubeward.check.Finding;
import dev.kubeward.check.Severity;
import dev.kubeward.model.CoverageGap;
import dev.kubeward.model.InputError;
import dev.kubeward.model.ObjectRef;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The scan as one self-contained HTML page for people (docs/reports.md#html): the summary by
 * severity, category and namespace with charts, the objects with the worst findings, every
 * framework's compliance view, the findings table (sortable, filterable, paginated by the page's
 * script from JSON data, so that a scan with a hundred thousand findings opens quickly), the
 * suppressed findings with their reasons, and each check's explanation and fix from its metadata.
 *
 * <p>Without JavaScript the summary, charts, compliance views, suppressed findings, check
 * explanations and the first {@link #STATIC_ROWS} findings are still there.
 */
public final class HtmlReporter implements Reporter {
    /** Findings written as HTML rows, for reading without JavaScript; the script pages through all of them. */
    public static final int STATIC_ROWS = 100;
    /** Suppressed findings listed with their reasons in their own section; the table has them all. */
    static final int SUPPRESSED_LISTED = 500;
    /** Bars in the category and namespace charts; the rest are summed as "others". */
    static final int CHART_BARS = 15;
    static final int WORST_OBJECTS = 10;
    static final String CLUSTER_SCOPED = "(cluster-scoped)";

    private final String focusFramework;
    private final Collection<CheckMeta> catalogue;

    public HtmlReporter() {
        this(null);
    }

    /** @param focusFramework the framework of {@code --framework}, shown first and open; null for none */
    public HtmlReporter(String focusFramework) {
        this(focusFramework, CheckRegistry.builtIn().entries().stream().map(CheckRegistry.Entry::meta).toList());
    }

    HtmlReporter(String focusFramework, Collection<CheckMeta> catalogue) {
        this.focusFramework = focusFramework;
        this.catalogue = catalogue;
    }

    @Override
    public void write(ScanReport report, RenderOptions options, Writer out) throws IOException {
        List<Finding> shown = report.shown(options);
        List<Finding> open = shown.stream().filter(report::open).toList();
        Map<Severity, Integer> bySeverity = report.countsBySeverity(shown);
        int total = bySeverity.values().stream().mapToInt(Integer::intValue).sum();
        long suppressed = shown.stream().filter(Finding::suppressed).count();
        long baselined = report.baselinedCount(shown);

        Html.open(out, "kubeward scan report", "kubeward " + report.toolVersion() + " · " + report.objects().size()
                + (report.objects().size() == 1 ? " object in " : " objects in ") + report.files()
                + (report.files() == 1 ? " file" : " files"));
        out.write("<nav><a href=\"#summary\">Summary</a><a href=\"#compliance\">Compliance</a>"
                + "<a href=\"#findings\">Findings</a><a href=\"#suppressed\">Suppressed</a><a href=\"#checks\">Checks</a></nav>\n");

        // Summary
        out.write("<section id=\"summary\"><h2>Summary</h2>\n<div class=\"cards\">");
        card(out, "findings", "open findings", total, report.thresholdReached() ? "fail" : "pass");
        for (Severity s : Severity.values()) {
            card(out, s.label(), s.label(), bySeverity.get(s), "sev-" + s.label());
        }
        card(out, "suppressed", "suppressed", suppressed, "muted");
        if (report.baseline() != null) {
            card(out, "baselined", "baselined", baselined, "muted");
        }
        card(out, "objects", "objects", report.objects().size(), "muted");
        out.write("</div>\n<p class=\"verdict\" data-failed=\"" + report.thresholdReached() + "\">"
                + Html.esc(verdict(report)) + "</p>\n");
        if (report.findings().size() > shown.size()) {
            out.write("<p class=\"muted\">" + (report.findings().size() - shown.size())
                    + " findings not shown (--severity/--min-severity).</p>\n");
        }
        out.write("<div class=\"charts\">");
        List<SvgCharts.Bar> sevBars = new ArrayList<>();
        for (Severity s : Severity.values()) {
            sevBars.add(new SvgCharts.Bar(s.label(), bySeverity.get(s), "sev-" + s.label()));
        }
        chart(out, "By severity", SvgCharts.bars("Open findings by severity", sevBars));
        chart(out, "By category", SvgCharts.bars("Open findings by category",
                topBars(count(open, f -> f.check().category()))));
        chart(out, "By namespace", SvgCharts.bars("Open findings by namespace", topBars(count(open, HtmlReporter::namespace))));
        out.write("</div>\n");
        writeWorst(out, open);
        writeProblems(out, report);
        out.write("</section>\n");

        writeCompliance(out, report);
        writeFindings(out, report, shown);
        writeSuppressed(out, shown);
        if (report.baseline() != null) {
            writeAbsent(out, report.baseline());
        }
        writeChecks(out, report, shown, options);
        Html.close(out, data(report, shown, options));
    }

    private static String verdict(ScanReport report) {
        if (report.failOn() == null) {
            return "--fail-on none: the scan never fails.";
        }
        return report.thresholdReached()
                ? "Failed: open findings at or above " + report.failOn().label() + " (--fail-on)."
                : "Passed: no open finding at or above " + report.failOn().label() + " (--fail-on).";
    }

    private static void card(Writer out, String key, String label, long value, String css) throws IOException {
        out.write("<div class=\"card " + Html.esc(css) + "\"><span class=\"num\" data-summary=\"" + Html.esc(key) + "\">"
                + value + "</span><span class=\"lbl\">" + Html.esc(label) + "</span></div>");
    }

    private static void chart(Writer out, String title, String svg) throws IOException {
        out.write("<figure><figcaption>" + Html.esc(title) + "</figcaption>" + svg + "</figure>");
    }

    static String namespace(Finding f) {
        String ns = f.resource().namespace();
        return ns == null || ns.isEmpty() ? CLUSTER_SCOPED : ns;
    }

    private static Map<String, Long> count(List<Finding> findings, java.util.function.Function<Finding, String> key) {
        Map<String, Long> out = new HashMap<>();
        for (Finding f : findings) {
            out.merge(key.apply(f), 1L, Long::sum);
        }
        return out;
    }

    /** The largest counts, largest first (ties by name), the rest summed as one "others" bar. */
    static List<SvgCharts.Bar> topBars(Map<String, Long> counts) {
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        List<SvgCharts.Bar> bars = new ArrayList<>();
        long others = 0;
        int rest = 0;
        for (int i = 0; i < entries.size(); i++) {
            if (i < CHART_BARS) {
                bars.add(new SvgCharts.Bar(entries.get(i).getKey(), entries.get(i).getValue(), "bar"));
            } else {
                others += entries.get(i).getValue();
                rest++;
            }
        }
        if (rest > 0) {
            bars.add(new SvgCharts.Bar(rest + " others", others, "bar other"));
        }
        return bars;
    }

    /** The objects with the most severe open findings: by count at each severity, most severe first. */
    private static void writeWorst(Writer out, List<Finding> open) throws IOException {
        Map<ObjectRef, int[]> byObject = new LinkedHashMap<>();
        Map<ObjectRef, String> files = new HashMap<>();
        for (Finding f : open) {
            byObject.computeIfAbsent(f.resource(), k -> new int[Severity.values().length])[f.severity().ordinal()]++;
            files.putIfAbsent(f.resource(), f.file());
        }
        List<Map.Entry<ObjectRef, int[]>> worst = new ArrayList<>(byObject.entrySet());
        worst.sort((a, b) -> java.util.Arrays.compare(b.getValue(), a.getValue()));
        out.write("<h3>Objects with the most severe findings</h3>\n");
        if (worst.isEmpty()) {
            out.write("<p class=\"muted\">No open findings.</p>\n");
            return;
        }
        out.write("<table class=\"worst\"><thead><tr><th>object</th><th>file</th>");
        for (Severity s : Severity.values()) {
            out.write("<th class=\"n\">" + s.label() + "</th>");
        }
        out.write("</tr></thead><tbody>");
        for (Map.Entry<ObjectRef, int[]> e : worst.subList(0, Math.min(WORST_OBJECTS, worst.size()))) {
            out.write("<tr><td>" + Html.esc(e.getKey().display()) + "</td><td>" + Html.esc(files.get(e.getKey())) + "</td>");
            for (int n : e.getValue()) {
                out.write("<td class=\"n\">" + (n == 0 ? "" : n) + "</td>");
            }
            out.write("</tr>");
        }
        out.write("</tbody></table>\n");
    }

    private static void writeProblems(Writer out, ScanReport report) throws IOException {
        if (!report.errors().isEmpty()) {
            out.write("<h3 class=\"fail\">Input errors</h3>\n<p>The findings are of what could be read.</p><ul class=\"errors\">");
            for (InputError e : report.errors()) {
                out.write("<li><code>" + Html.esc(e.file() + ":" + e.line()) + "</code> " + Html.esc(e.message()) + "</li>");
            }
            out.write("</ul>\n");
        }
        if (!report.notChecked().isEmpty()) {
            out.write("<h3 class=\"fail\">Not checked</h3>\n<ul class=\"errors\">");
            for (CoverageGap g : report.notChecked()) {
                out.write("<li>" + Html.esc(g.toString()) + "</li>");
            }
            out.write("</ul>\n");
        }
    }

    private void writeCompliance(Writer out, ScanReport report) throws IOException {
        out.write("<section id=\"compliance\"><h2>Compliance</h2>\n<p class=\"muted\">Each control is passed, failed, "
                + "not applicable to the input, or not checkable by kubeward (never counted as passed). The score is "
                + "passed / (passed + failed).</p>\n");
        List<Framework> frameworks = new ArrayList<>(Framework.all());
        if (focusFramework != null) {
            frameworks.sort(Comparator.comparing(fw -> !fw.id().equals(focusFramework)));
        }
        out.write("<table class=\"scores\"><thead><tr><th>framework</th><th class=\"n\">score</th><th class=\"n\">passed</th>"
                + "<th class=\"n\">failed</th><th class=\"n\">not applicable</th><th class=\"n\">not checkable</th></tr></thead><tbody>");
        List<Compliance> views = new ArrayList<>();
        for (Framework fw : frameworks) {
            Compliance c = Compliance.evaluate(fw, report, catalogue);
            views.add(c);
            out.write("<tr data-framework=\"" + Html.esc(fw.id()) + "\"><td><a href=\"#fw-" + Html.esc(fw.id()) + "\">"
                    + Html.esc(fw.title() + " " + fw.version()) + "</a></td><td class=\"n score\">"
                    + (c.scorePercent() < 0 ? "–" : c.scorePercent() + "%") + "</td>");
            for (Compliance.Status s : Compliance.Status.values()) {
                out.write("<td class=\"n\">" + c.count(s) + "</td>");
            }
            out.write("</tr>");
        }
        out.write("</tbody></table>\n");
        for (Compliance c : views) {
            Framework fw = c.framework();
            boolean focus = fw.id().equals(focusFramework);
            out.write("<details class=\"fw\" id=\"fw-" + Html.esc(fw.id()) + "\"" + (focus ? " open" : "") + "><summary>"
                    + Html.esc(c.summaryLine()) + "</summary>\n");
            for (Map.Entry<String, List<Compliance.Result>> section : c.bySection().entrySet()) {
                if (!section.getKey().isEmpty()) {
                    out.write("<h4>" + Html.esc(section.getKey()) + "</h4>");
                }
                out.write("<table class=\"controls\"><tbody>");
                for (Compliance.Result r : section.getValue()) {
                    out.write("<tr class=\"st-" + r.status().key() + "\"><td><span class=\"badge st-" + r.status().key() + "\">"
                            + r.status().label() + "</span></td><td class=\"cid\">"
                            + (r.control().id().equals(r.control().title()) ? "" : Html.esc(r.control().id()))
                            + "</td><td>" + Html.esc(r.control().title()));
                    if (r.reason() != null) {
                        out.write("<div class=\"muted\">" + Html.esc(r.reason()) + "</div>");
                    }
                    out.write("</td><td>");
                    for (String check : r.checks()) {
                        out.write("<a class=\"chk\" href=\"#check-" + Html.esc(check) + "\">" + Html.esc(check) + "</a> ");
                    }
                    out.write("</td><td class=\"n\">");
                    if (!r.findings().isEmpty()) {
                        out.write(r.findings().size() + (r.findings().size() == 1 ? " finding" : " findings"));
                    }
                    if (!r.suppressed().isEmpty()) {
                        out.write("<div class=\"muted\">" + r.suppressed().size() + " suppressed</div>");
                    }
                    out.write("</td></tr>");
                }
                out.write("</tbody></table>\n");
            }
            out.write("</details>\n");
        }
        out.write("</section>\n");
    }

    private static void writeFindings(Writer out, ScanReport report, List<Finding> shown) throws IOException {
        out.write("<section id=\"findings\"><h2>Findings</h2>\n");
        out.write("<div class=\"controls js-only\" hidden><input id=\"q\" type=\"search\" placeholder=\"filter: check, object, "
                + "file, message\" aria-label=\"filter\"> <select id=\"sev\" aria-label=\"severity\"><option value=\"\">every severity</option>");
        for (Severity s : Severity.values()) {
            out.write("<option value=\"" + s.label() + "\">" + s.label() + "</option>");
        }
        out.write("</select> <select id=\"state\" aria-label=\"status\"><option value=\"open\">open</option>"
                + "<option value=\"\">all</option><option value=\"suppressed\">suppressed</option>"
                + (report.baseline() != null ? "<option value=\"baselined\">baselined</option>" : "")
                + "</select> <span id=\"count\" aria-live=\"polite\"></span></div>\n");
        out.write("<table id=\"findings-table\" class=\"findings\"><thead><tr>"
                + "<th data-sort=\"0\">severity</th><th data-sort=\"1\">check</th><th data-sort=\"2\">object</th>"
                + "<th data-sort=\"4\">location</th><th data-sort=\"7\">message</th><th data-sort=\"8\">status</th></tr></thead><tbody>");
        List<Finding> ordered = shown.stream().filter(report::open)
                .sorted(Comparator.comparing(Finding::severity)).limit(STATIC_ROWS).toList();
        for (Finding f : ordered) {
            out.write("<tr><td><span class=\"badge sev-" + f.severity().label() + "\">" + f.severity().label()
                    + "</span></td><td><a href=\"#check-" + Html.esc(f.checkId()) + "\">" + Html.esc(f.checkId())
                    + "</a></td><td>" + Html.esc(f.resource().display()) + "</td><td><code>"
                    + Html.esc(f.file() + ":" + f.line() + ":" + f.column()) + "</code></td><td>" + Html.esc(f.message())
                    + "</td><td>open</td></tr>");
        }
        out.write("</tbody></table>\n<div class=\"pager js-only\" hidden><button id=\"prev\" type=\"button\">‹ previous</button> "
                + "<span id=\"page\"></span> <button id=\"next\" type=\"button\">next ›</button></div>\n");
        long openCount = shown.stream().filter(report::open).count();
        out.write("<noscript><p class=\"muted\">" + (openCount > STATIC_ROWS ? "The " + STATIC_ROWS + " most severe of "
                + openCount + " open findings. " : "") + "With JavaScript on, the table is sortable, filterable and "
                + "lists every finding; <code>--format json</code> lists them all too.</p></noscript>\n</section>\n");
    }

    private static void writeSuppressed(Writer out, List<Finding> shown) throws IOException {
        List<Finding> suppressed = shown.stream().filter(Finding::suppressed).toList();
        out.write("<section id=\"suppressed\"><h2>Suppressed findings</h2>\n");
        if (suppressed.isEmpty()) {
            out.write("<p class=\"muted\">None.</p></section>\n");
            return;
        }
        out.write("<p class=\"muted\">Covered by an exemption: reported, not counted, never failing the scan.</p>\n"
                + "<table class=\"suppressed\"><thead><tr><th>check</th><th>object</th><th>location</th><th>by</th>"
                + "<th>reason</th></tr></thead><tbody>");
        for (Finding f : suppressed.subList(0, Math.min(SUPPRESSED_LISTED, suppressed.size()))) {
            out.write("<tr><td><a href=\"#check-" + Html.esc(f.checkId()) + "\">" + Html.esc(f.checkId()) + "</a></td><td>"
                    + Html.esc(f.resource().display()) + "</td><td><code>" + Html.esc(f.file() + ":" + f.line())
                    + "</code></td><td>" + (f.suppression().kind() == dev.kubeward.check.Suppression.Kind.ANNOTATION
                            ? "annotation" : "configuration")
                    + "</td><td>" + Html.esc(f.suppression().reason()) + "</td></tr>");
        }
        out.write("</tbody></table>\n");
        if (suppressed.size() > SUPPRESSED_LISTED) {
            out.write("<p class=\"muted\">… and " + (suppressed.size() - SUPPRESSED_LISTED)
                    + " more: choose “suppressed” in the findings table.</p>\n");
        }
        out.write("</section>\n");
    }

    private static void writeAbsent(Writer out, Baseline.Comparison b) throws IOException {
        out.write("<section id=\"baseline\"><h2>Baseline</h2>\n<p>" + b.entries() + " entries in <code>" + Html.esc(b.file())
                + "</code>; " + b.absent().size() + " no longer found.</p>\n");
        if (!b.absent().isEmpty()) {
            out.write("<table><thead><tr><th>check</th><th>object</th><th>file</th><th>message</th></tr></thead><tbody>");
            for (Baseline.Entry e : b.absent()) {
                out.write("<tr><td>" + Html.esc(e.checkId()) + "</td><td>" + Html.esc(e.kind() + " " + (e.namespace() == null || e.namespace().isEmpty() ? "" : e.namespace() + "/") + e.name()) + "</td><td>"
                        + Html.esc(e.file()) + "</td><td>" + Html.esc(e.message()) + "</td></tr>");
            }
            out.write("</tbody></table>\n");
        }
        out.write("</section>\n");
    }

    /** Each check with a finding: the explanation and fix from its metadata (as {@code kubeward explain} prints them). */
    private static void writeChecks(Writer out, ScanReport report, List<Finding> shown, RenderOptions options)
            throws IOException {
        Map<String, CheckMeta> used = new TreeMap<>();
        for (Finding f : shown) {
            used.putIfAbsent(f.checkId(), f.check());
        }
        out.write("<section id=\"checks\"><h2>Checks with findings</h2>\n");
        for (CheckMeta m : used.values()) {
            out.write("<article class=\"check\" id=\"check-" + Html.esc(m.id()) + "\"><h3><span class=\"badge sev-"
                    + m.severity().label() + "\">" + m.severity().label() + "</span> " + Html.esc(m.title())
                    + " <code>" + Html.esc(m.id()) + "</code></h3>\n");
            out.write(explanation(m, options));
            out.write("</article>\n");
        }
        out.write("</section>\n");
    }

    static String explanation(CheckMeta m, RenderOptions options) {
        StringBuilder sb = new StringBuilder("<dl>");
        sb.append("<dt>category</dt><dd>").append(Html.esc(m.category())).append("</dd>");
        sb.append("<dt>what</dt><dd>").append(Html.esc(m.description())).append("</dd>");
        if (!m.rationale().isEmpty()) {
            sb.append("<dt>why</dt><dd>").append(Html.esc(m.rationale())).append("</dd>");
        }
        sb.append("<dt>fix</dt><dd>").append(Html.esc(m.remediation())).append("</dd>");
        String mappings = mappings(m);
        if (!mappings.isEmpty()) {
            sb.append("<dt>frameworks</dt><dd>").append(Html.esc(mappings)).append("</dd>");
        }
        String help = options.helpUri(m.id());
        if (help != null) {
            sb.append("<dt>more</dt><dd><a rel=\"noreferrer\" href=\"").append(Html.esc(help)).append("\">")
                    .append(Html.esc(help)).append("</a></dd>");
        }
        return sb.append("</dl>").toString();
    }

    private static String mappings(CheckMeta m) {
        List<String> parts = new ArrayList<>();
        if (!m.frameworks().cis().isEmpty()) {
            parts.add("CIS " + String.join(", ", m.frameworks().cis()));
        }
        if (!m.frameworks().nsaCisa().isEmpty()) {
            parts.add("NSA/CISA " + String.join(", ", m.frameworks().nsaCisa()));
        }
        if (!m.frameworks().pss().isEmpty()) {
            parts.add("PSS " + String.join(", ", m.frameworks().pss()));
        }
        if (!m.frameworks().mitre().isEmpty()) {
            parts.add("MITRE ATT&CK " + String.join(", ", m.frameworks().mitre()));
        }
        return String.join(" · ", parts);
    }

    /**
     * The data the script pages through: the checks once, then each finding as an array
     * {@code [severity, check, object, namespace, file, line, column, message, state, reason]}
     * with severity and check as indexes (a hundred thousand findings stay a few megabytes). A
     * check's explanation is not repeated here: the script shows the one in the Checks section.
     */
    private static String data(ScanReport report, List<Finding> shown, RenderOptions options) throws IOException {
        StringWriter sw = new StringWriter(Math.max(1024, shown.size() * 200));
        Map<String, Integer> checkIndex = new LinkedHashMap<>();
        List<CheckMeta> checks = new ArrayList<>();
        for (Finding f : shown) {
            if (checkIndex.putIfAbsent(f.checkId(), checks.size()) == null) {
                checks.add(f.check());
            }
        }
        try (JsonGenerator g = JsonReporter.MAPPER.getFactory().createGenerator(sw)) {
            g.writeStartObject();
            g.writeArrayFieldStart("severities");
            for (Severity s : Severity.values()) {
                g.writeString(s.label());
            }
            g.writeEndArray();
            g.writeArrayFieldStart("checks");
            for (CheckMeta m : checks) {
                g.writeStartObject();
                g.writeStringField("id", m.id());
                g.writeStringField("title", m.title());
                g.writeStringField("category", m.category());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("findings");
            for (Finding f : shown) {
                g.writeStartArray();
                g.writeNumber(f.severity().ordinal());
                g.writeNumber(checkIndex.get(f.checkId()));
                g.writeString(f.resource().display());
                g.writeString(namespace(f));
                g.writeString(f.file());
                g.writeNumber(f.line());
                g.writeNumber(f.column());
                g.writeString(f.message());
                g.writeString(f.suppressed() ? "suppressed" : report.baselined(f) ? "baselined" : "open");
                g.writeString(f.suppressed() ? f.suppression().reason() : "");
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return sw.toString();
    }
}
