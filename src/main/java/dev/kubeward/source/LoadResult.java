package dev.kubeward.source;

import dev.kubeward.model.InputError;
import dev.kubeward.model.Resource;
import java.util.List;

/**
 * What a load produced: the objects, the documents that were not Kubernetes objects (skipped,
 * named with --verbose), and the input that could not be read (exit code 2).
 */
public record LoadResult(List<Resource> resources, List<Skipped> skipped, List<InputError> errors, int files) {
    public record Skipped(String file, int line, String reason) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + reason;
        }
    }
}
