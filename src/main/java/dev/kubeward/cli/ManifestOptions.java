package dev.kubeward.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.source.LoadResult;
import dev.kubeward.source.ReadOptions;
import dev.kubeward.source.repo.Exclusion;
import dev.kubeward.source.repo.FileSelection;
import dev.kubeward.source.repo.IgnoreRules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
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
     * How to read: {@code --exclude} relative to the working directory, the {@code exclude:}
     * patterns of the configuration relative to the directory of its file.
     */
    ReadOptions read(ConfigFiles.Loaded config, Environment env) {
        List<FileSelection.Excludes> lists = new ArrayList<>();
        if (!excludes.isEmpty()) {
            lists.add(new FileSelection.Excludes(env.workingDirectory(), IgnoreRules.of("--exclude", "", excludes, List.of())));
        }
        JsonNode raw = config.config().raw();
        JsonNode configured = raw == null ? null : raw.get("exclude");
        if (config.file() != null && configured != null && configured.isArray() && !configured.isEmpty()) {
            List<String> patterns = new ArrayList<>();
            configured.forEach(p -> patterns.add(p.asText()));
            Path base = env.workingDirectory().resolve(config.file().path()).toAbsolutePath().normalize().getParent();
            lists.add(new FileSelection.Excludes(base, IgnoreRules.of("exclude: in " + config.file().display(), "", patterns,
                    List.of())));
        }
        return new ReadOptions(new FileSelection.Options(!noGitignore, lists), namespace());
    }

    /**
     * Tells what was not read as a manifest: every notice (a Helm template), and the files and
     * directories the walk left out, one line in all or, with {@code verbose}, one line each.
     */
    static void report(LoadResult loaded, OutputOptions output) {
        for (LoadResult.Notice notice : loaded.notices()) {
            output.note("notice: " + notice);
        }
        List<Exclusion> excluded = loaded.excluded();
        if (output.verbose) {
            excluded.forEach(e -> output.verbose("skipped " + e));
        } else if (!excluded.isEmpty()) {
            long files = loaded.excludedFiles();
            long dirs = loaded.excludedDirectories();
            EnumSet<Exclusion.Reason> reasons = EnumSet.noneOf(Exclusion.Reason.class);
            excluded.forEach(e -> reasons.add(e.reason()));
            String what = (files > 0 ? files + (files == 1 ? " file" : " files") : "")
                    + (files > 0 && dirs > 0 ? " and " : "")
                    + (dirs > 0 ? dirs + (dirs == 1 ? " directory" : " directories") : "");
            output.note("left out " + what + " (" + reasons.stream().map(Exclusion.Reason::label)
                    .collect(Collectors.joining(", ")) + "); --verbose names them");
        }
    }
}
