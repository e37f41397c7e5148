package dev.kubeward.cli;

import dev.kubeward.model.InputError;
import dev.kubeward.source.LoadResult;
import dev.kubeward.source.ManifestLoader;
import dev.kubeward.source.ReadOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The objects of {@code scan --context}: read like the scanned paths, less every file that is
 * scanned itself (the same file by its real path, or a file under a scanned directory), so that
 * {@code scan F --context $(dirname F)} holds each object once, as a scan of the directory does.
 */
final class ContextInputs {
    private ContextInputs() {}

    static LoadResult load(List<String> contextPaths, List<String> scannedPaths, ReadOptions read) {
        List<InputError> errors = new ArrayList<>();
        List<String> readable = new ArrayList<>();
        for (String c : contextPaths) {
            if (c.equals(ManifestLoader.STDIN)) {
                errors.add(new InputError(c, 0, "--context takes files and directories, not standard input"));
            } else {
                readable.add(c);
            }
        }
        List<Path> scanned = new ArrayList<>();
        for (String p : scannedPaths) {
            Path real = real(Path.of(p));
            if (!p.equals(ManifestLoader.STDIN) && real != null) {
                scanned.add(real);
            }
        }
        LoadResult loaded = new ManifestLoader(read).load(readable, List.of(), file -> {
            Path real = real(file);
            return real != null && scanned.stream().anyMatch(real::startsWith);
        });
        return errors.isEmpty() ? loaded : new LoadResult(List.of(), List.of(), errors, 0).plus(loaded);
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return null;
        }
    }
}
