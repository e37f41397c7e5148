package dev.kubeward.cli;

import dev.kubeward.source.repo.GitRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The top-level directory of the git working tree a path is in, as {@code git rev-parse
 * --show-toplevel} names it: the nearest directory upwards with a {@code .git} directory, or a
 * {@code .git} file naming its git directory (worktrees and submodules). Found by looking, so that
 * git need not be installed; the same lookup as the directory walk's ({@link GitRepository}).
 */
final class GitRoot {
    private GitRoot() {}

    static Optional<Path> of(Path path) {
        Path dir = path.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            dir = dir.getParent();
        }
        return dir == null ? Optional.empty() : GitRepository.enclosing(dir).map(GitRepository::root);
    }
}
