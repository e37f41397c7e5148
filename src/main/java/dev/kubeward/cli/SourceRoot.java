package dev.kubeward.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The repository root that SARIF artifact URIs are relative to: the git top-level of the working
 * directory when every scanned path lies inside it; otherwise the git top-level of the first
 * scanned path that is in a repository (kubeward run from elsewhere on a checkout); otherwise the
 * working directory.
 */
final class SourceRoot {
    private SourceRoot() {}

    static Path of(Environment env, List<String> inputs) {
        Path cwd = env.workingDirectory().normalize();
        List<Path> paths = new ArrayList<>();
        for (String input : inputs) {
            if (!input.equals("-")) {
                try {
                    paths.add(cwd.resolve(input).normalize());
                } catch (InvalidPathException e) {
                    // Not a path the loader can read either; it reports it.
                }
            }
        }
        Optional<Path> cwdRoot = GitRoot.of(cwd);
        if (cwdRoot.isPresent() && paths.stream().allMatch(p -> p.startsWith(cwdRoot.get()))) {
            return cwdRoot.get();
        }
        for (Path p : paths) {
            Optional<Path> root = GitRoot.of(p);
            if (root.isPresent()) {
                return root.get();
            }
        }
        return cwdRoot.orElse(cwd);
    }
}
