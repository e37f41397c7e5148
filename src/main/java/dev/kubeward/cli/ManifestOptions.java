package dev.kubeward.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.report.UnreadInput;
import dev.kubeward.model.InputError;
import dev.kubeward.source.LoadResult;
import dev.kubeward.source.ManifestLoader;
import dev.kubeward.source.ReadOptions;
import dev.kubeward.source.repo.FileSelection;
import dev.kubeward.source.repo.IgnoreRules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        return new ReadOptions(new FileSelection.Options(!noGitignore, lists), namespace()).withEnvironment(env.variables());
    }

    /**
     * Tells what was not read, whatever the format: every notice (a Helm template), and one line
     * counting the documents skipped (not Kubernetes objects) and the files and directories the
     * walk left out or, with {@code verbose}, one line each. The same account is kept on
     * {@code output} for the command's JSON ({@code input}) and SARIF, so that every command that
     * loads manifests says it the same way.
     *
     * <p>A load that read no object at all, and failed on nothing, is an input error, as
     * {@code kubectl apply -f} refuses it ("error: no objects passed to apply"): a path that holds
     * only values files, an empty standard input, a directory whose every manifest is ignored. The
     * load is returned with that error added, for the command to report and exit 2 on.
     *
     * @param inputs the paths the load read, as the user gave them, to name in that error; null
     *     when the load may be empty
     */
    static LoadResult report(LoadResult loaded, List<String> inputs, OutputOptions output) {
        return report(loaded, inputs, LoadResult.EMPTY, output);
    }

    /**
     * The same for a load with a second one that only supports it ({@code scan --context}): what
     * either did not read is in the one account (one summary line, one {@code input} in JSON), while
     * only {@code loaded} must hold an object.
     */
    static LoadResult report(LoadResult loaded, List<String> inputs, LoadResult supporting, OutputOptions output) {
        UnreadInput unread = unread(loaded).plus(unread(supporting));
        output.unread(unread);
        for (LoadResult source : List.of(loaded, supporting)) {
            for (LoadResult.Notice notice : source.notices()) {
                output.note("notice: " + notice);
            }
        }
        if (output.verbose) {
            for (LoadResult source : List.of(loaded, supporting)) {
                source.skipped().forEach(s -> output.verbose("skipped " + s));
                source.excluded().forEach(e -> output.verbose("skipped " + e));
            }
        } else if (unread.summary() != null) {
            output.note(unread.summary());
        }
        if (inputs != null && loaded.resources().isEmpty() && loaded.errors().isEmpty()) {
            return loaded.with(loaded.resources(), List.of(nothingRead(loaded, inputs)));
        }
        return loaded;
    }

    /** The error of a load that read no object: what was named, and what was found there instead. */
    static InputError nothingRead(LoadResult loaded, List<String> inputs) {
        List<String> named = inputs.stream().map(i -> i.equals(ManifestLoader.STDIN) ? ManifestLoader.STDIN_NAME : i)
                .toList();
        String found;
        if (loaded.files() == 0) {
            found = loaded.excluded().isEmpty() ? "no manifest files (.yaml, .yml, .json) there"
                    : "every manifest file there is left out (--verbose names them)";
        } else if (!loaded.skipped().isEmpty()) {
            found = loaded.skipped().size() + (loaded.skipped().size() == 1 ? " document" : " documents")
                    + " read, none of them a Kubernetes object";
        } else if (!loaded.notices().isEmpty()) {
            found = "what is there is not read as manifests (see the notices above)";
        } else {
            found = loaded.files() == 1 ? "the input is empty" : "the " + loaded.files() + " files are empty";
        }
        return new InputError(String.join(", ", named), 0, "no Kubernetes objects read (" + found
                + "); kubectl apply refuses this too: error: no objects passed to apply");
    }

    /**
     * The same without requiring an object: for a load whose emptiness is judged otherwise
     * ({@code images --cluster} alone, where an empty cluster is an answer; {@code vap test}, whose
     * policies must be there anyway).
     */
    static void report(LoadResult loaded, OutputOptions output) {
        report(loaded, (List<String>) null, output);
    }

    /** The account of a load that the reporters print. */
    static UnreadInput unread(LoadResult loaded) {
        return new UnreadInput(loaded.files(), loaded.resources().size(),
                loaded.skipped().stream().map(s -> new UnreadInput.Skipped(s.file(), s.line(), s.reason())).toList(),
                loaded.excluded().stream().map(e -> new UnreadInput.NotRead(e.path(), e.directory(), e.reason().label(),
                        e.rule())).toList(),
                loaded.notices().stream().map(n -> new UnreadInput.Notice(n.file(), n.line(), n.message())).toList());
    }
}
