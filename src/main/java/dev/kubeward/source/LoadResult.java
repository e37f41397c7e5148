package dev.kubeward.source;

import dev.kubeward.model.InputError;
import dev.kubeward.model.Resource;
import java.util.ArrayList;
import java.util.List;

/**
 * What a load produced: the objects, the documents that were not Kubernetes objects (skipped,
 * named with --verbose), and the input that could not be read (exit code 2).
 */
public record LoadResult(List<Resource> resources, List<Skipped> skipped, List<InputError> errors, int files) {
    public static final LoadResult EMPTY = new LoadResult(List.of(), List.of(), List.of(), 0);

    /** Both loads together, this one's first. */
    public LoadResult plus(LoadResult other) {
        return new LoadResult(concat(resources, other.resources), concat(skipped, other.skipped),
                concat(errors, other.errors), files + other.files);
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
}
