package dev.kubeward.source;

import dev.kubeward.model.InputError;
import dev.kubeward.model.Resource;
import dev.kubeward.source.repo.Exclusion;
import java.util.ArrayList;
import java.util.List;

/**
 * What a load produced: the objects, the documents that were not Kubernetes objects (skipped,
 * named with --verbose), the input that could not be read (exit code 2), what the directory walk
 * left out on purpose ({@link #excluded}: ignored by git, excluded, vendored, chart templates) and
 * notices about input that is read differently from a manifest (a Helm template), which are not
 * errors.
 */
public record LoadResult(List<Resource> resources, List<Skipped> skipped, List<InputError> errors, int files,
        List<Exclusion> excluded, List<Notice> notices) {
    public static final LoadResult EMPTY = new LoadResult(List.of(), List.of(), List.of(), 0);

    public LoadResult {
        excluded = List.copyOf(excluded);
        notices = List.copyOf(notices);
    }

    public LoadResult(List<Resource> resources, List<Skipped> skipped, List<InputError> errors, int files) {
        this(resources, skipped, errors, files, List.of(), List.of());
    }

    /** Both loads together, this one's first. */
    public LoadResult plus(LoadResult other) {
        return new LoadResult(concat(resources, other.resources), concat(skipped, other.skipped),
                concat(errors, other.errors), files + other.files, concat(excluded, other.excluded),
                concat(notices, other.notices));
    }

    /** The same load with other objects and errors (after {@code -n} was applied, say). */
    public LoadResult with(List<Resource> resources, List<InputError> errors) {
        return new LoadResult(resources, skipped, errors, files, excluded, notices);
    }

    /** Files the walk left out (directories not counted). */
    public long excludedFiles() {
        return excluded.stream().filter(e -> !e.directory()).count();
    }

    /** Directories the walk did not enter. */
    public long excludedDirectories() {
        return excluded.stream().filter(Exclusion::directory).count();
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    public record Skipped(String file, int line, String reason) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + reason;
        }
    }

    /** Something a person should know about an input that is neither an error nor a finding. */
    public record Notice(String file, int line, String message) {
        @Override
        public String toString() {
            return (line > 0 ? file + ":" + line : file) + ": " + message;
        }
    }
}
