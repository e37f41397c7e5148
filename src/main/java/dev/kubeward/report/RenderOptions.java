package dev.kubeward.report;

import dev.kubeward.check.Finding;
import dev.kubeward.check.Severity;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * How a report is rendered, apart from what it contains: which findings are shown (the exit code
 * is decided on all of them, by {@link ScanReport#thresholdReached()}), colour, the quiet mode,
 * where paths are relative to, and the configuration that was used.
 *
 * @param shown the severities whose findings are listed; the others are counted as not shown
 * @param workingDirectory what relative file names in findings are relative to
 * @param sourceRoot the repository root: SARIF artifact URIs are relative to it ({@code %SRCROOT%})
 * @param helpBaseUrl where the check documentation is published ({@code report.helpBaseUrl}); null
 *     when none is configured, and then no rule carries a helpUri
 * @param configFile the configuration file used, as messages name it; null for the defaults
 * @param configSource where that file was found ({@code option}, {@code environment},
 *     {@code working-directory}, {@code repository-root}); null for the defaults
 */
public record RenderOptions(
        Set<Severity> shown,
        boolean color,
        boolean quiet,
        Path workingDirectory,
        Path sourceRoot,
        String helpBaseUrl,
        String configFile,
        String configSource) {

    public static final RenderOptions DEFAULT = new RenderOptions(EnumSet.allOf(Severity.class), false, false,
            Path.of("").toAbsolutePath(), Path.of("").toAbsolutePath(), null, null, null);

    public RenderOptions {
        shown = shown.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(shown));
    }

    public boolean shows(Finding f) {
        return shown.contains(f.severity());
    }

    public RenderOptions withShown(Set<Severity> s) {
        return new RenderOptions(s, color, quiet, workingDirectory, sourceRoot, helpBaseUrl, configFile, configSource);
    }

    public RenderOptions withColor(boolean c) {
        return new RenderOptions(shown, c, quiet, workingDirectory, sourceRoot, helpBaseUrl, configFile, configSource);
    }

    public RenderOptions withQuiet(boolean q) {
        return new RenderOptions(shown, color, q, workingDirectory, sourceRoot, helpBaseUrl, configFile, configSource);
    }

    public RenderOptions withPaths(Path wd, Path root) {
        return new RenderOptions(shown, color, quiet, wd, root, helpBaseUrl, configFile, configSource);
    }

    public RenderOptions withHelpBaseUrl(String url) {
        return new RenderOptions(shown, color, quiet, workingDirectory, sourceRoot, url, configFile, configSource);
    }

    public RenderOptions withConfig(String file, String source) {
        return new RenderOptions(shown, color, quiet, workingDirectory, sourceRoot, helpBaseUrl, file, source);
    }

    /** The documentation URL of a check: {@code {id}} in the base is replaced, else {@code #id} is appended. */
    public String helpUri(String checkId) {
        if (helpBaseUrl == null) {
            return null;
        }
        return helpBaseUrl.contains("{id}") ? helpBaseUrl.replace("{id}", checkId) : helpBaseUrl + "#" + checkId;
    }
}
