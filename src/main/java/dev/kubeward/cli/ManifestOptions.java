package dev.kubeward.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.check.CheckRegistry;
import dev.kubeward.check.Config;
import dev.kubeward.check.ConfigException;
import dev.kubeward.source.LoadResult;
import dev.kubeward.source.ReadOptions;
import dev.kubeward.source.repo.Exclusion;
import dev.kubeward.source.repo.FileSelection;
import dev.kubeward.source.repo.IgnoreRules;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/**
 * How a command that reads manifests picks the files of a directory and where namespace-less
 * objects go: {@code --exclude}, {@code --no-gitignore} and {@code -n} (a mixin). Commands whose
 * {@code -n} already means something else ({@code rbac who-can}, {@code rbac can},
 * {@code netpol reach}) take {@link BesideNamespaceFilter}, where the same setting is
 * {@code --manifest-namespace}.
 */
abstract class ManifestOptions {
    @Option(names = "--exclude", paramLabel = "PATTERN",
            description = "leave out files and directories matching PATTERN, a .gitignore pattern relative to the working directory (repeatable; also exclude: in .kubeward.yaml); !PATTERN reads what .gitignore or the defaults leave out, e.g. --exclude '!vendor/'")
    List<String> excludes = new ArrayList<>();

    @Option(names = "--no-gitignore", description = "also read what .gitignore and .git/info/exclude leave out (node_modules/, vendor/ and .git stay skipped)")
    boolean noGitignore;

    /** The namespace objects without one go to, as kubectl apply -n; null for kubectl's default. */
    abstract String namespace();

    /** With {@code -n}, as kubectl's. */
    static final class Standard extends ManifestOptions {
        @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
                description = "put namespaced objects that name no namespace in NS, and refuse objects that name another, as kubectl apply -n NS would (default: namespace-less objects go to default)")
        String namespace;

        @Override
        String namespace() {
            return namespace;
        }
    }

    /** For commands where {@code -n} names the namespace a question is about. */
    static final class BesideNamespaceFilter extends ManifestOptions {
        @Option(names = "--manifest-namespace", paramLabel = "NS",
                description = "put namespaced objects that name no namespace in NS, and refuse objects that name another, as kubectl apply -n NS would (default: namespace-less objects go to default)")
        String namespace;

        @Override
        String namespace() {
            return namespace;
        }
    }

    /**
     * How to read, with the {@code exclude:} patterns of {@code config} (relative to the directory
     * of {@code configFile}, or of the working directory for the default .kubeward.yaml).
     */
    ReadOptions read(Config config, Path configFile) {
        List<FileSelection.Excludes> lists = new ArrayList<>();
        if (!excludes.isEmpty()) {
            lists.add(new FileSelection.Excludes(Path.of(""), IgnoreRules.of("--exclude", "", excludes, List.of())));
        }
        JsonNode configured = config.raw() == null ? null : config.raw().get("exclude");
        if (configured != null && configured.isArray() && !configured.isEmpty()) {
            List<String> patterns = new ArrayList<>();
            configured.forEach(p -> patterns.add(p.asText()));
            Path file = configFile == null ? Path.of(ConfigFiles.DEFAULT_NAME) : configFile;
            Path base = file.toAbsolutePath().getParent();
            lists.add(new FileSelection.Excludes(base, IgnoreRules.of("exclude: in " + file, "", patterns, List.of())));
        }
        return new ReadOptions(new FileSelection.Options(!noGitignore, lists), namespace());
    }

    /**
     * How to read, for a command without a configuration option: the {@code exclude:} patterns
     * of ./.kubeward.yaml when it is there.
     *
     * @throws ConfigException when that file is invalid
     */
    ReadOptions read() throws ConfigException {
        Set<String> ids = CheckRegistry.builtIn().ids();
        return read(ConfigFiles.load(null, ids), null);
    }

    /**
     * Tells what was not read as a manifest: every notice (a Helm template), and the files and
     * directories the walk left out, one line in all or, with {@code verbose}, one line each.
     */
    static void report(LoadResult loaded, PrintWriter err, boolean verbose) {
        for (LoadResult.Notice notice : loaded.notices()) {
            err.println("notice: " + notice);
        }
        List<Exclusion> excluded = loaded.excluded();
        if (verbose) {
            excluded.forEach(e -> err.println("skipped " + e));
        } else if (!excluded.isEmpty()) {
            long files = loaded.excludedFiles();
            long dirs = loaded.excludedDirectories();
            EnumSet<Exclusion.Reason> reasons = EnumSet.noneOf(Exclusion.Reason.class);
            excluded.forEach(e -> reasons.add(e.reason()));
            String what = (files > 0 ? files + (files == 1 ? " file" : " files") : "")
                    + (files > 0 && dirs > 0 ? " and " : "")
                    + (dirs > 0 ? dirs + (dirs == 1 ? " directory" : " directories") : "");
            err.println("left out " + what + " (" + reasons.stream().map(Exclusion.Reason::label)
                    .collect(Collectors.joining(", ")) + "); --verbose names them");
        }
        err.flush();
    }
}
