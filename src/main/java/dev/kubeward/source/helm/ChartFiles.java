package dev.kubeward.source.helm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The files of a chart, copied or unpacked into a working directory, with the bounds Helm's own
 * loader keeps: an archive may not hold more than {@link #MAX_BYTES} nor reach outside its
 * directory ({@code ../}, absolute names, links).
 */
final class ChartFiles {
    /** The most a chart (directory or archive, with its subcharts) may hold: Helm's loader stops at 100 MiB. */
    static final long MAX_BYTES = 100L << 20;
    static final int MAX_FILES = 20_000;

    private ChartFiles() {}

    static final class TooLarge extends IOException {
        TooLarge(String message) {
            super(message);
        }
    }

    /** Copies the chart directory {@code from} to {@code to}, leaving out {@code .git}. */
    static void copyTree(Path from, Path to) throws IOException {
        long[] budget = {MAX_BYTES, MAX_FILES};
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(from) && dir.getFileName().toString().equals(".git")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!attrs.isRegularFile()) {
                    return FileVisitResult.CONTINUE;
                }
                budget[0] -= attrs.size();
                budget[1]--;
                if (budget[0] < 0 || budget[1] < 0) {
                    throw new TooLarge("the chart holds more than " + (MAX_BYTES >> 20) + " MiB or " + MAX_FILES
                            + " files; Helm's loader refuses such a chart too");
                }
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Unpacks a chart archive ({@code .tgz}) into {@code to}, without its one top directory.
     *
     * @return the name of that top directory (the chart's name, as {@code helm package} writes it)
     */
    static String unpack(Path archive, Path to) throws IOException {
        long budget = MAX_BYTES;
        int files = 0;
        String top = null;
        Files.createDirectories(to);
        try (InputStream raw = Files.newInputStream(archive);
                InputStream gz = new GZIPInputStream(raw);
                TarArchiveInputStream tar = new TarArchiveInputStream(gz)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                String name = e.getName().replace('\\', '/');
                while (name.startsWith("./")) {
                    name = name.substring(2);
                }
                if (name.isEmpty() || e.isDirectory() && !name.contains("/")) {
                    continue;
                }
                if (name.startsWith("/") || ("/" + name + "/").contains("/../")) {
                    throw new IOException("the archive names a file outside the chart: " + e.getName());
                }
                int slash = name.indexOf('/');
                String first = slash < 0 ? name : name.substring(0, slash);
                if (top == null) {
                    top = first;
                } else if (!top.equals(first)) {
                    throw new IOException("the archive holds more than one top directory (" + top + "/, " + first
                            + "/): not a chart packaged by helm package");
                }
                if (slash < 0 || e.isDirectory()) {
                    continue;
                }
                if (e.isSymbolicLink() || e.isLink() || !e.isFile()) {
                    continue; // Helm's loader reads regular files only.
                }
                budget -= e.getSize();
                if (budget < 0 || ++files > MAX_FILES) {
                    throw new TooLarge("the archive holds more than " + (MAX_BYTES >> 20) + " MiB or " + MAX_FILES
                            + " files; Helm's loader refuses such a chart too");
                }
                Path target = to.resolve(name.substring(slash + 1)).normalize();
                if (!target.startsWith(to)) {
                    throw new IOException("the archive names a file outside the chart: " + e.getName());
                }
                Files.createDirectories(target.getParent());
                Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new IOException("not a gzip-compressed tar archive (" + e.getMessage() + ")");
        } catch (IllegalArgumentException e) {
            throw new IOException("not a tar archive (" + e.getMessage() + ")");
        }
        if (top == null) {
            throw new IOException("the archive is empty");
        }
        return top;
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // A temporary file left behind is not worth failing a scan for.
                }
            });
        } catch (IOException ignored) {
            // As above.
        }
    }
}
