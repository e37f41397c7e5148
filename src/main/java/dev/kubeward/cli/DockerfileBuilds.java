package dev.kubeward.cli;

import dev.kubeward.check.Config;
import dev.kubeward.check.ImageBuild;
import dev.kubeward.model.InputError;
import dev.kubeward.model.Resource;
import dev.kubeward.source.dockerfile.ImageBuilds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code images.builds} for {@code scan}: each mapped Dockerfile, resolved against the directory
 * of the configuration file, is marked as building its repository; one the scan did not read is
 * read as context (see {@link ImageBuilds}).
 */
final class DockerfileBuilds {
    private DockerfileBuilds() {}

    static ImageBuilds.Result apply(ConfigFiles.Loaded loadedConfig, Config cfg, List<Resource> loaded,
            List<InputError> loadErrors, Path cwd) {
        if (cfg.builds().isEmpty()) {
            return new ImageBuilds.Result(List.of(), List.of(), List.of());
        }
        Path dir = loadedConfig != null && loadedConfig.file() != null && loadedConfig.file().path().getParent() != null
                ? loadedConfig.file().path().toAbsolutePath().getParent() : cwd;
        List<ImageBuilds.Mapping> mappings = new ArrayList<>();
        List<InputError> invalid = new ArrayList<>();
        for (ImageBuild b : cfg.builds()) {
            try {
                mappings.add(new ImageBuilds.Mapping(dir.resolve(b.dockerfile()), b.repository(), b.file(), b.line()));
            } catch (java.nio.file.InvalidPathException e) {
                invalid.add(new InputError(b.file(), b.line(), "images.builds: '" + b.dockerfile() + "' is not a path: " + e.getReason()));
            }
        }
        Set<String> failed = new HashSet<>();
        loadErrors.forEach(e -> failed.add(e.file()));
        ImageBuilds.Result result = ImageBuilds.apply(mappings, loaded, failed, cwd);
        if (invalid.isEmpty()) {
            return result;
        }
        invalid.addAll(result.configErrors());
        return new ImageBuilds.Result(result.added(), invalid, result.inputErrors());
    }
}
