package dev.kubeward.image.oci;

import dev.kubeward.model.UnixPath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * An unpacked filesystem ({@code --rootfs DIR}) told to a {@link LayerVisitor} as one layer.
 * Symbolic links are reported, never followed, so a link to {@code /} or outside the directory
 * reads nothing from the host.
 */
public final class RootFs {
    private RootFs() {}

    public static void walk(Path root, LayerVisitor visitor) throws ImageException {
        if (!Files.isDirectory(root)) {
            throw new ImageException(root + ": not a directory");
        }
        visitor.layer(0, 1);
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String p = path(root, dir);
                    if (!p.equals("/")) {
                        visitor.directory(p);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    String p = path(root, file);
                    if (attrs.isSymbolicLink()) {
                        visitor.symlink(p, Files.readSymbolicLink(file).toString());
                    } else if (attrs.isRegularFile()) {
                        try (InputStream in = Files.newInputStream(file)) {
                            visitor.file(p, attrs.size(), mode(file), in);
                        }
                    } else {
                        visitor.other(p);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                    throw new IOException(file + ": " + exc.getMessage(), exc);
                }
            });
        } catch (IOException e) {
            throw new ImageException(root + ": unreadable (" + e.getMessage() + ")", e);
        }
    }

    private static String path(Path root, Path p) {
        return UnixPath.clean(root.relativize(p).toString().replace('\\', '/'));
    }

    private static int mode(Path file) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            int m = 0;
            for (PosixFilePermission p : perms) {
                m |= switch (p) {
                    case OWNER_READ -> 0400;
                    case OWNER_WRITE -> 0200;
                    case OWNER_EXECUTE -> 0100;
                    case GROUP_READ -> 040;
                    case GROUP_WRITE -> 020;
                    case GROUP_EXECUTE -> 010;
                    case OTHERS_READ -> 04;
                    case OTHERS_WRITE -> 02;
                    case OTHERS_EXECUTE -> 01;
                };
            }
            return m;
        } catch (IOException | UnsupportedOperationException e) {
            return Files.isExecutable(file) ? 0755 : 0644;
        }
    }
}
