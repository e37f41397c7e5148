package dev.kubeward.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The top-level directory of the git working tree a path is in, as {@code git rev-parse
 * --show-toplevel} names it: the nearest directory upwards with a {@code .git} entry (a directory,
 * or a file in worktrees and submodules). Found by looking, so that git need not be installed.
 */
final class GitRoot {
    private GitRoot() {}

    static Optional<Path> of(Path path) {
        Path dir = path.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            dir = dir.getParent();
        }
        for (; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }
}
