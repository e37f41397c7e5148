package dev.kubeward.source.repo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Test trees: files written from a listing, walked through a {@link FileSelection}, and git as the oracle. */
final class Trees {
    private Trees() {}

    /** Writes each {@code path} (an empty file) or {@code path=content} (a file with that content). */
    static void write(Path root, String... entries) {
        try {
            for (String entry : entries) {
                int eq = entry.indexOf('=');
                String path = eq < 0 ? entry : entry.substring(0, eq);
                String content = eq < 0 ? "" : entry.substring(eq + 1);
                Path file = root.resolve(path);
                Files.createDirectories(file.getParent());
                Files.write(file, content.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file under {@code dir} the selection reads, relative to {@code dir}, sorted. */
    static List<String> selected(Path dir, FileSelection.Options options) {
        return walk(dir, options, new ArrayList<>());
    }

    static List<String> walk(Path dir, FileSelection.Options options, List<Exclusion> excluded) {
        FileSelection.Root root = new FileSelection(options).root(dir);
        List<String> out = new ArrayList<>();
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    Exclusion why = root.exclusion(d, true);
                    if (why != null) {
                        excluded.add(why);
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    Exclusion why = root.exclusion(f, false);
                    if (why == null) {
                        out.add(dir.relativize(f).toString().replace('\\', '/'));
                    } else {
                        excluded.add(why);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(null);
        return out;
    }

    /** True when a git binary runs here. */
    static boolean gitAvailable() {
        try {
            return new ProcessBuilder("git", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs git in {@code dir} with no user or system configuration; returns its standard output. */
    static String git(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=t",
                "-c", "user.email=t@example.com", "-c", "init.defaultBranch=main"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
        pb.environment().put("HOME", dir.toString());
        pb.environment().put("XDG_CONFIG_HOME", dir.resolve(".no-config").toString());
        try {
            Process p = pb.redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("git " + String.join(" ", args) + " failed in " + dir);
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What git lists as the files of the work tree: tracked, and untracked but not ignored. */
    static List<String> gitFiles(Path dir) {
        List<String> out = new ArrayList<>();
        for (String p : git(dir, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")) {
            if (!p.isEmpty() && !out.contains(p)) {
                out.add(p);
            }
        }
        out.sort(null);
        return out;
    }
}
