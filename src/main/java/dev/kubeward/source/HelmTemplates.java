package dev.kubeward.source;

import dev.kubeward.source.repo.Exclusion;
import dev.kubeward.source.repo.FileSelection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Helm templates met outside a rendered chart: files under a chart's {@code templates/} (left
 * out by the directory walk), and YAML that does not parse and holds Go template actions
 * ({@code {{ … }}}). Neither is a manifest until Helm renders it, so neither is an input error:
 * each chart, and each such file, gets one notice saying to scan the rendered chart.
 */
final class HelmTemplates {
    private static final String SCAN_THE_CHART = "Helm template: scan the chart";

    private HelmTemplates() {}

    /** One notice per chart whose templates the walk left out. */
    static List<LoadResult.Notice> notices(List<Exclusion> excluded) {
        Map<String, Integer> perChart = new LinkedHashMap<>();
        for (Exclusion e : excluded) {
            if (e.reason() == Exclusion.Reason.HELM_TEMPLATE && e.rule().startsWith(FileSelection.CHART_RULE)) {
                perChart.merge(e.rule().substring(FileSelection.CHART_RULE.length()), 1, Integer::sum);
            }
        }
        List<LoadResult.Notice> notices = new ArrayList<>();
        perChart.forEach((chart, files) -> notices.add(new LoadResult.Notice(chart, 0, SCAN_THE_CHART
                + " (helm template " + chart + " | kubeward scan -); " + files
                + (files == 1 ? " file" : " files") + " under templates/ not read as manifests")));
        return notices;
    }

    /** The 1-based line of the first Go template action ({@code {{ … }}}), or 0 when there is none. */
    static int firstAction(String text) {
        int open = text.indexOf("{{");
        while (open >= 0) {
            if (text.indexOf("}}", open + 2) > 0) {
                int line = 1;
                for (int i = 0; i < open; i++) {
                    if (text.charAt(i) == '\n') {
                        line++;
                    }
                }
                return line;
            }
            open = text.indexOf("{{", open + 2);
        }
        return 0;
    }

    /**
     * The line of a Go template action in the document around {@code line} (between the
     * {@code ---} separator lines before and after it; the whole text for JSON, which has none),
     * or 0 when that document has none: a template action elsewhere in the file does not excuse
     * a broken document.
     */
    static int actionNear(String text, int line) {
        String[] lines = text.split("\n", -1);
        int at = Math.max(1, Math.min(line, lines.length)) - 1;
        int from = at;
        while (from > 0 && !lines[from].startsWith("---")) {
            from--;
        }
        int to = at + 1;
        while (to < lines.length && !lines[to].startsWith("---")) {
            to++;
        }
        StringBuilder document = new StringBuilder();
        for (int i = from; i < to; i++) {
            document.append(lines[i]).append('\n');
        }
        int inDocument = firstAction(document.toString());
        return inDocument == 0 ? 0 : from + inDocument;
    }

    /** The notice for one file that is a template rather than YAML. */
    static LoadResult.Notice fileNotice(String file, int line) {
        return new LoadResult.Notice(file, line, SCAN_THE_CHART
                + " (this file has Go template actions {{ … }} and is not YAML until Helm renders it: "
                + "helm template CHART | kubeward scan -)");
    }
}
