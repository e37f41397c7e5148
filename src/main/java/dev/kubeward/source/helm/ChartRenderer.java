package dev.kubeward.source.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.TemplateCommand;
import dev.kubeward.model.InputError;
import dev.kubeward.source.YamlTreeBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Renders a chart (a directory with {@code Chart.yaml}, or a {@code .tgz} archive) with Helm itself,
 * embedded through helm-java, as {@code helm template} renders it, and says which template wrote
 * each document ({@code # Source:} markers) so that findings land in the chart's own files.
 *
 * <p>The chart is rendered from a working copy in which three things are prepared that helm-java's
 * {@code template} cannot be told (see docs/helm-kustomize.md):
 *
 * <ul>
 *   <li><b>Hooks</b>: helm-java returns the release manifest only, which leaves out every hook
 *       (pre-install Jobs and tests alike). The {@code helm.sh/hook} annotation is renamed in the
 *       copy's templates to a name of the same length, so that hooks stay in the manifest, and named
 *       back in the output.
 *   <li><b>{@code .Capabilities.KubeVersion}</b>: helm-java's Helm is built without the version
 *       Helm's releases stamp in, and answers {@code v1.20.0}. References to
 *       {@code .Capabilities.KubeVersion} (and its {@code Version}, {@code GitVersion}, {@code Major},
 *       {@code Minor}) are replaced by the version asked for; {@code kubeVersion:} in
 *       {@code Chart.yaml} is checked here, as Helm checks it, and taken out of the copy.
 *   <li><b>{@code .Capabilities.APIVersions.Has "G/V"}</b> is {@code true} for an API version
 *       given with {@code --api-versions}; built-in API versions Helm knows itself.
 * </ul>
 *
 * Lines are never added or removed, so template lines in Helm's errors are the chart's own.
 */
public final class ChartRenderer {
    /** The hook annotation, and what it is renamed to while Helm renders (same length, same lines). */
    static final String HOOK = "helm.sh/hook";
    static final String HIDDEN_HOOK = "helm.sh/h00k";
    private static final Pattern KUBE_VERSION = Pattern.compile(
            "(?<![\\w.$)\\]])(?:\\$\\w*)?(?:\\.\\w+)*?\\.Capabilities\\.KubeVersion(?:\\.(Version|GitVersion|Major|Minor))?(?![\\w.])");
    private static final Pattern HAS_API = Pattern.compile(
            "(?<![\\w.$)\\]])(?:\\$\\w*)?(?:\\.\\w+)*?\\.Capabilities\\.APIVersions\\.Has\\s+\"([^\"]+)\"");
    private static final Pattern SOURCE = Pattern.compile("^# Source: (.+)$");
    /** Where Helm's error messages name a template: {@code template: c/templates/x.yaml:4:11: …}. */
    private static final Pattern ERROR_AT = Pattern.compile(
            "(?:template: |parse error at \\(|execution error at \\(|YAML parse error on |error calling \\w+: template: )"
                    + "([^\\s:()]+)(?::(\\d+))?");
    private static final Object HELM_LOCK = new Object();

    private ChartRenderer() {}

    /** One rendered document and the template that wrote it. */
    public record Document(String template, String file, String text, TemplateText source) {}

    /** The template files of the chart and its subcharts as written, by the name Helm gives them. */
    public record TemplateText(String name, String file, String text) {}

    /**
     * @param chart how the chart is named in findings (the directory or archive as the user named it)
     * @param errors rendering errors (the chart then has no documents), each naming the chart
     */
    public record Result(String chart, List<Document> documents, List<InputError> errors) {}

    public static boolean isChartDirectory(Path dir) {
        return Files.isDirectory(dir) && Files.isRegularFile(dir.resolve("Chart.yaml"));
    }

    public static boolean isChartArchive(Path file) {
        String n = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file) && (n.endsWith(".tgz") || n.endsWith(".tar.gz"));
    }

    /** Where the embedded Helm runs: the platforms helm-java 0.0.15 ships a native library for that we bundle. */
    public static String unsupportedPlatform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("linux") && (arch.equals("amd64") || arch.equals("x86_64"))) {
            return null;
        }
        return os + "/" + arch;
    }

    public static Result render(Path chart, String display, HelmOptions options) {
        String platform = unsupportedPlatform();
        if (platform != null) {
            return failed(display, "Helm charts are rendered by the embedded Helm, which kubeward carries for linux/amd64 only, not "
                    + platform + ": render the chart with helm template " + display + " | kubeward scan -");
        }
        KubeVersion kube;
        try {
            kube = KubeVersion.parse(options.kubeVersion() == null ? HelmOptions.DEFAULT_KUBE_VERSION : options.kubeVersion());
        } catch (IllegalArgumentException e) {
            return failed(display, e.getMessage());
        }
        Path work = null;
        try {
            work = Files.createTempDirectory("kubeward-helm");
            Path root = work.resolve("chart");
            String rootDisplay;
            if (Files.isDirectory(chart)) {
                ChartFiles.copyTree(chart, root);
                rootDisplay = display;
            } else {
                String top = ChartFiles.unpack(chart, root);
                rootDisplay = display + "!/" + top;
                if (!Files.isRegularFile(root.resolve("Chart.yaml"))) {
                    return failed(display, "not a Helm chart: the archive has no " + top + "/Chart.yaml");
                }
            }
            ChartDir top = ChartDir.read(root, rootDisplay, "");
            List<String> problems = new ArrayList<>();
            String missing = top.missingDependencies();
            if (missing != null) {
                return failed(display, "chart " + top.name + ": dependencies missing from charts/: " + missing
                        + "; run helm dependency build " + display + " first (kubeward renders offline and fetches nothing)");
            }
            if (top.kubeVersionConstraint != null) {
                try {
                    if (!kube.satisfies(top.kubeVersionConstraint)) {
                        return failed(display, "chart " + top.name + " requires kubeVersion: " + top.kubeVersionConstraint
                                + " which is incompatible with Kubernetes " + kube.version()
                                + " (--kubernetes-version sets the version)");
                    }
                } catch (IllegalArgumentException e) {
                    return failed(display + "/Chart.yaml", "kubeVersion: " + top.kubeVersionConstraint + ": " + e.getMessage());
                }
            }
            Map<String, TemplateText> templates = new LinkedHashMap<>();
            top.prepare(templates, kube, options.apiVersions(), problems);
            if (!problems.isEmpty()) {
                return new Result(display, List.of(), problems.stream().map(p -> new InputError(display, 0, p)).toList());
            }
            String rendered;
            try {
                rendered = helmTemplate(root, options);
            } catch (RuntimeException e) {
                return new Result(display, List.of(), List.of(renderError(display, top, templates, e)));
            }
            return new Result(display, split(rendered.replace(HIDDEN_HOOK, HOOK), top, templates), List.of());
        } catch (IOException e) {
            return failed(display, "cannot read the chart: " + e.getMessage());
        } finally {
            ChartFiles.deleteTree(work);
        }
    }

    private static Result failed(String display, String message) {
        return new Result(display, List.of(), List.of(new InputError(display, 0, message)));
    }

    private static String helmTemplate(Path root, HelmOptions options) {
        TemplateCommand command = new TemplateCommand(HelmLibrary.get(), root).withName(options.release())
                .withNamespace(options.namespace() == null || options.namespace().isEmpty() ? "default" : options.namespace());
        for (Path values : options.valuesFiles()) {
            command = command.withValuesFile(values.toAbsolutePath());
        }
        for (String assignment : options.set()) {
            for (Map.Entry<String, String> e : SetValues.parse(assignment).entrySet()) {
                command = command.set(e.getKey(), e.getValue());
            }
        }
        synchronized (HELM_LOCK) {
            return command.call();
        }
    }

    /** Helm's error, placed at the template it names (a line of the chart's own file). */
    private static InputError renderError(String display, ChartDir top, Map<String, TemplateText> templates, RuntimeException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage().strip();
        message = message.replace(HIDDEN_HOOK, HOOK).replace("\n\nUse --debug flag to render out invalid YAML", "")
                .replaceAll("\\s*\\n\\s*", " ");
        message = message.replace("An error occurred while checking for chart dependencies. You may need to run `helm dependency build` to fetch missing dependencies: ", "");
        Matcher m = ERROR_AT.matcher(message);
        if (m.find()) {
            TemplateText t = templates.get(m.group(1));
            String file = t != null ? t.file() : top.displayOf(m.group(1));
            int line = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
            if (message.startsWith("YAML parse error")) {
                // The line is of the rendered document, not of the template.
                Matcher yl = Pattern.compile("yaml: line (\\d+)").matcher(message);
                String where = yl.find() ? " (line " + yl.group(1) + " of what the template rendered)" : "";
                return new InputError(file, 0, "Helm rendered invalid YAML" + where + ": " + message);
            }
            return new InputError(file, line, "Helm could not render chart " + display + ": " + message);
        }
        return new InputError(display, 0, "Helm could not render the chart: " + message);
    }

    /** Helm's output as documents, each with the template its {@code # Source:} marker names. */
    static List<Document> split(String rendered, ChartDir top, Map<String, TemplateText> templates) {
        List<Document> out = new ArrayList<>();
        String[] lines = rendered.split("\n", -1);
        String template = null;
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            if (line.equals("---") || line.startsWith("--- ")) {
                add(out, template, text, top, templates);
                template = null;
                text.setLength(0);
                continue;
            }
            Matcher m = SOURCE.matcher(line);
            if (template == null && text.toString().isBlank() && m.matches()) {
                template = m.group(1).strip();
                text.setLength(0);
                continue;
            }
            text.append(line).append('\n');
        }
        add(out, template, text, top, templates);
        return out;
    }

    private static void add(List<Document> out, String template, StringBuilder text, ChartDir top,
            Map<String, TemplateText> templates) {
        if (text.toString().isBlank()) {
            return;
        }
        String name = template == null ? "" : template;
        TemplateText source = templates.get(name);
        String file = source != null ? source.file() : top.displayOf(name);
        out.add(new Document(name, file, text.toString(), source));
    }

    /** A chart of the working copy: its directory, how its files are named, its subcharts. */
    static final class ChartDir {
        final Path dir;
        final String display;
        /** The chart's name as Helm names its templates: "parent/charts/name". */
        final String templatePrefix;
        final String name;
        final String kubeVersionConstraint;
        final List<String[]> dependencies = new ArrayList<>();
        final List<ChartDir> subcharts = new ArrayList<>();

        private ChartDir(Path dir, String display, String templatePrefix, String name, String kubeVersion) {
            this.dir = dir;
            this.display = display;
            this.templatePrefix = templatePrefix;
            this.name = name;
            this.kubeVersionConstraint = kubeVersion;
        }

        static ChartDir read(Path dir, String display, String parentPrefix) throws IOException {
            Path chartYaml = dir.resolve("Chart.yaml");
            String text = Files.readString(chartYaml, StandardCharsets.UTF_8);
            JsonNode meta;
            try {
                var doc = YamlTreeBuilder.parse(text, 1);
                meta = doc == null ? null : doc.root();
            } catch (YamlTreeBuilder.YamlError e) {
                throw new IOException(display + "/Chart.yaml:" + e.line() + ": " + e.getMessage());
            }
            if (meta == null || !meta.isObject() || !meta.path("name").isTextual()) {
                throw new IOException(display + "/Chart.yaml: a chart's Chart.yaml names the chart (name:)");
            }
            String name = meta.path("name").asText();
            String kube = meta.path("kubeVersion").isTextual() && !meta.path("kubeVersion").asText().isBlank()
                    ? meta.path("kubeVersion").asText() : null;
            ChartDir chart = new ChartDir(dir, display, parentPrefix.isEmpty() ? name : parentPrefix + "/charts/" + name,
                    name, kube);
            JsonNode deps = meta.path("dependencies");
            if (!deps.isArray() && Files.isRegularFile(dir.resolve("requirements.yaml"))) {
                try {
                    var doc = YamlTreeBuilder.parse(Files.readString(dir.resolve("requirements.yaml")), 1);
                    deps = doc == null ? deps : doc.root().path("dependencies");
                } catch (YamlTreeBuilder.YamlError e) {
                    throw new IOException(display + "/requirements.yaml:" + e.line() + ": " + e.getMessage());
                }
            }
            for (JsonNode d : deps) {
                chart.dependencies.add(new String[] {d.path("name").asText(""), d.path("alias").asText(""),
                        d.path("version").asText(""), d.path("repository").asText("")});
            }
            Path charts = dir.resolve("charts");
            if (Files.isDirectory(charts)) {
                List<Path> entries;
                try (Stream<Path> s = Files.list(charts)) {
                    entries = s.sorted().toList();
                }
                for (Path p : entries) {
                    String n = p.getFileName().toString();
                    if (Files.isDirectory(p) && Files.isRegularFile(p.resolve("Chart.yaml"))) {
                        chart.subcharts.add(read(p, display + "/charts/" + n, chart.templatePrefix));
                    } else if (Files.isRegularFile(p) && (n.endsWith(".tgz") || n.endsWith(".tar.gz"))) {
                        Path into = charts.resolve(n + ".unpacked");
                        String inner = ChartFiles.unpack(p, into);
                        Files.delete(p);
                        if (Files.isRegularFile(into.resolve("Chart.yaml"))) {
                            chart.subcharts.add(read(into, display + "/charts/" + n + "!/" + inner, chart.templatePrefix));
                        }
                    }
                }
            }
            return chart;
        }

        /** The dependencies Chart.yaml declares that charts/ lacks (as Helm's CheckDependencies), or null. */
        String missingDependencies() {
            List<String> missing = new ArrayList<>();
            for (String[] d : dependencies) {
                if (subcharts.stream().noneMatch(s -> s.name.equals(d[0]))) {
                    missing.add(d[0] + (d[2].isEmpty() ? "" : " " + d[2]) + (d[3].isEmpty() ? "" : " from " + d[3]));
                }
            }
            return missing.isEmpty() ? null : String.join(", ", missing);
        }

        /**
         * Reads every template as written (into {@code templates}, by the name Helm gives it) and
         * prepares the copy for rendering, for this chart and its subcharts.
         */
        void prepare(Map<String, TemplateText> templates, KubeVersion kube, List<String> apiVersions, List<String> problems)
                throws IOException {
            if (kubeVersionConstraint != null) {
                Path chartYaml = dir.resolve("Chart.yaml");
                String text = Files.readString(chartYaml, StandardCharsets.UTF_8);
                Files.writeString(chartYaml, text.replaceAll("(?m)^kubeVersion:.*$", ""), StandardCharsets.UTF_8);
            }
            Path dirOfTemplates = dir.resolve("templates");
            if (Files.isDirectory(dirOfTemplates)) {
                List<Path> files;
                try (Stream<Path> s = Files.walk(dirOfTemplates)) {
                    files = s.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path f : files) {
                    String rel = dir.relativize(f).toString().replace('\\', '/');
                    byte[] bytes = Files.readAllBytes(f);
                    String text = new String(bytes, StandardCharsets.UTF_8);
                    String name = templatePrefix + "/" + rel;
                    templates.put(name, new TemplateText(name, display + "/" + rel, text));
                    String prepared = prepareTemplate(text, kube, apiVersions);
                    if (!prepared.equals(text)) {
                        Files.writeString(f, prepared, StandardCharsets.UTF_8);
                    }
                }
            }
            for (ChartDir sub : subcharts) {
                sub.prepare(templates, kube, apiVersions, problems);
            }
        }

        /** How a template Helm names ("shop/charts/db/templates/x.yaml") is shown, when it was not read. */
        String displayOf(String template) {
            for (ChartDir sub : subcharts) {
                String shown = sub.displayOf(template);
                if (shown != null && template.startsWith(sub.templatePrefix + "/")) {
                    return shown;
                }
            }
            return template.startsWith(templatePrefix + "/") ? display + template.substring(templatePrefix.length())
                    : display + (template.isEmpty() ? "" : " (" + template + ")");
        }
    }

    /** The template function that asks the cluster, and what stands for it: an empty map, as {@code helm template} answers. */
    static final String LOOKUP = "lookup";
    static final String NO_LOOKUP = "omit (dict)";

    /**
     * The template with every call of {@code lookup} inside an action replaced by {@code omit (dict)}:
     * Sprig's {@code omit} of an empty dictionary, whatever keys follow, is the empty map that
     * {@code helm template} gives {@code lookup} when it does not talk to a cluster (the embedded
     * Helm's {@code template} would ask {@code localhost:8080} and fail the chart). Only the function
     * word is replaced: not a field ({@code .Values.lookup}), a variable ({@code $lookup}), a longer
     * name, a quoted or raw string, a comment, or text outside {@code {{ }}}.
     */
    static String withoutLookup(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        int i = 0;
        int n = text.length();
        while (i < n) {
            int open = text.indexOf("{{", i);
            if (open < 0) {
                out.append(text, i, n);
                break;
            }
            out.append(text, i, open + 2);
            int j = open + 2;
            boolean closed = false;
            while (j < n && !closed) {
                char c = text.charAt(j);
                if (c == '/' && j + 1 < n && text.charAt(j + 1) == '*') {
                    int end = text.indexOf("*/", j + 2);
                    int stop = end < 0 ? n : end + 2;
                    out.append(text, j, stop);
                    j = stop;
                } else if (c == '"' || c == '`' || c == '\'') {
                    int k = j + 1;
                    while (k < n && text.charAt(k) != c && !(c != '`' && text.charAt(k) == '\n')) {
                        k += c != '`' && text.charAt(k) == '\\' ? 2 : 1;
                    }
                    int stop = Math.min(n, k + 1);
                    out.append(text, j, stop);
                    j = stop;
                } else if (c == '}' && j + 1 < n && text.charAt(j + 1) == '}') {
                    out.append("}}");
                    j += 2;
                    closed = true;
                } else if (text.startsWith(LOOKUP, j) && isCall(text, j)) {
                    out.append(NO_LOOKUP);
                    j += LOOKUP.length();
                } else {
                    out.append(c);
                    j++;
                }
            }
            i = j;
        }
        return out.toString();
    }

    /** {@code lookup} at {@code at} is the function word: no name, field or variable around it. */
    private static boolean isCall(String text, int at) {
        char before = at == 0 ? ' ' : text.charAt(at - 1);
        int after = at + LOOKUP.length();
        char next = after < text.length() ? text.charAt(after) : ' ';
        boolean word = Character.isLetterOrDigit(before) || before == '_' || before == '.' || before == '$';
        return !word && !(Character.isLetterOrDigit(next) || next == '_' || next == '.');
    }

    /** The template as Helm is given it: hooks renamed, the capabilities asked for written in. */
    static String prepareTemplate(String text, KubeVersion kube, List<String> apiVersions) {
        String out = text.replace(HOOK, HIDDEN_HOOK);
        if (out.contains(LOOKUP)) {
            out = withoutLookup(out);
        }
        if (out.contains("Capabilities")) {
            out = KUBE_VERSION.matcher(out).replaceAll(m -> {
                String field = m.group(1);
                String value = "Major".equals(field) ? kube.major() : "Minor".equals(field) ? kube.minor() : kube.version();
                return Matcher.quoteReplacement("\"" + value + "\"");
            });
            if (!apiVersions.isEmpty()) {
                out = HAS_API.matcher(out).replaceAll(m -> apiVersions.contains(m.group(1)) ? "true"
                        : Matcher.quoteReplacement(m.group()));
            }
        }
        return out;
    }
}
