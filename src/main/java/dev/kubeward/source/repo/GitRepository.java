package dev.kubeward.source.repo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A git work tree as a scan sees it: where it starts, its {@code .git/info/exclude}, and which
 * paths its index tracks (git never treats a tracked file as ignored, whatever .gitignore says).
 * The git directory may be {@code .git} itself or, for worktrees and submodules, the directory a
 * {@code .git} file names ({@code gitdir: …}); {@code info/exclude} and the configuration then live
 * in its common directory. The index is read in versions 2, 3 and 4, with SHA-1 or SHA-256 object
 * names, sparse directory entries and a split index's shared part; an index kubeward cannot read
 * counts as tracking nothing.
 */
public final class GitRepository {
    /** git refuses pattern files larger than this (dir.c's PATTERN_MAX_FILE_SIZE). */
    static final long MAX_PATTERN_FILE = 100L * 1024 * 1024;
    private static final long MAX_INDEX = 1L << 30;

    private final Path root;
    private final Path gitDir;
    private final Path commonDir;
    private volatile NavigableSet<String> tracked;

    private GitRepository(Path root, Path gitDir, Path commonDir) {
        this.root = root;
        this.gitDir = gitDir;
        this.commonDir = commonDir;
    }

    /** The work tree whose top is {@code dir} (it holds a {@code .git} directory or file), if any. */
    public static Optional<GitRepository> at(Path dir) {
        Path dotGit = dir.resolve(".git");
        if (Files.isDirectory(dotGit, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of(new GitRepository(dir, dotGit, dotGit));
        }
        if (Files.isRegularFile(dotGit)) {
            try {
                String text = Files.readString(dotGit, StandardCharsets.UTF_8).strip();
                if (!text.startsWith("gitdir:")) {
                    return Optional.empty();
                }
                Path gitDir = dir.resolve(text.substring("gitdir:".length()).strip()).normalize();
                Path common = gitDir;
                Path commonFile = gitDir.resolve("commondir");
                if (Files.isRegularFile(commonFile)) {
                    common = gitDir.resolve(Files.readString(commonFile, StandardCharsets.UTF_8).strip()).normalize();
                }
                return Files.isDirectory(gitDir) ? Optional.of(new GitRepository(dir, gitDir, common)) : Optional.empty();
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The innermost work tree holding {@code dir} ({@code dir} itself or an ancestor), if any. */
    public static Optional<GitRepository> enclosing(Path dir) {
        for (Path d = dir; d != null; d = d.getParent()) {
            Optional<GitRepository> repo = at(d);
            if (repo.isPresent()) {
                return repo;
            }
        }
        return Optional.empty();
    }

    public Path root() {
        return root;
    }

    /** {@code $GIT_DIR/info/exclude}, or no rules. */
    public IgnoreRules infoExclude() {
        Path file = commonDir.resolve("info").resolve("exclude");
        try {
            if (Files.isRegularFile(file) && Files.size(file) <= MAX_PATTERN_FILE) {
                return IgnoreRules.parse(displayName(file), "", Files.readAllBytes(file));
            }
        } catch (IOException e) {
            // unreadable: git reads nothing from it either
        }
        return IgnoreRules.of("", "", java.util.List.of(), java.util.List.of());
    }

    private String displayName(Path file) {
        Path rel = root.relativize(file);
        return rel.startsWith("..") ? file.toString() : rel.toString().replace('\\', '/');
    }

    /** True when the index tracks the file at {@code path} (relative to the work tree, with {@code /}). */
    public boolean tracks(String path) {
        return tracked().contains(path);
    }

    /** True when the index tracks something below the directory {@code path}. */
    public boolean tracksUnder(String path) {
        String prefix = path.isEmpty() ? "" : path + "/";
        String next = tracked().ceiling(prefix);
        return next != null && next.startsWith(prefix);
    }

    private NavigableSet<String> tracked() {
        NavigableSet<String> t = tracked;
        if (t == null) {
            synchronized (this) {
                t = tracked;
                if (t == null) {
                    t = readIndex();
                    tracked = t;
                }
            }
        }
        return t;
    }

    private NavigableSet<String> readIndex() {
        Path index = gitDir.resolve("index");
        try {
            if (!Files.isRegularFile(index) || Files.size(index) > MAX_INDEX) {
                return Collections.emptyNavigableSet();
            }
            NavigableSet<String> paths = new TreeSet<>();
            String shared = GitIndex.read(Files.readAllBytes(index), hashSize(), paths);
            if (shared != null) {
                Path sharedIndex = gitDir.resolve("sharedindex." + shared);
                if (Files.isRegularFile(sharedIndex) && Files.size(sharedIndex) <= MAX_INDEX) {
                    GitIndex.read(Files.readAllBytes(sharedIndex), hashSize(), paths);
                }
            }
            return Collections.unmodifiableNavigableSet(paths);
        } catch (IOException | GitIndex.Malformed e) {
            return Collections.emptyNavigableSet();
        }
    }

    /** 32 for a repository with {@code extensions.objectFormat = sha256}, else 20. */
    private int hashSize() {
        Path config = commonDir.resolve("config");
        try {
            if (!Files.isRegularFile(config) || Files.size(config) > MAX_PATTERN_FILE) {
                return 20;
            }
            String section = "";
            for (String line : Files.readAllLines(config, StandardCharsets.UTF_8)) {
                String l = line.strip().toLowerCase(Locale.ROOT);
                if (l.startsWith("[")) {
                    section = l.replaceAll("[\\[\\]\\s\"]", "");
                } else if (section.equals("extensions") && l.replace(" ", "").replace("\t", "").equals("objectformat=sha256")) {
                    return 32;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 20;
        }
        return 20;
    }
}
