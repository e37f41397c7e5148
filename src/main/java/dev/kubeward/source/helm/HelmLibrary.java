package dev.kubeward.source.helm;

import com.marcnuri.helm.jni.HelmLib;
import com.marcnuri.helm.jni.NativeLibrary;
import com.sun.jna.Native;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.jar.JarEntry;

/**
 * The embedded Helm's native library, loaded once per process.
 *
 * <p>helm-java copies its library (94 MB, 27 MB compressed in its jar) out of the jar into a new
 * temporary directory on every load: about 0.9 s on these machines, most of what a chart costs a
 * scan. kubeward keeps one extracted copy in its cache directory ({@code $XDG_CACHE_HOME/kubeward/helm},
 * else {@code ~/.cache/kubeward/helm}), named by the jar entry's CRC-32 and size, so that another
 * helm-java build gets another file, and loads that. A cached file of the wrong size is extracted
 * again; the copy is written beside its final name and moved into place, so that two runs never
 * load a half-written file. Where the cache cannot be written, helm-java loads the library its own way.
 */
final class HelmLibrary {
    private static HelmLib loaded;

    private HelmLibrary() {}

    /** The library, loaded on first use. */
    static synchronized HelmLib get() {
        if (loaded == null) {
            NativeLibrary library = NativeLibrary.getInstance();
            Path file = extracted(library, cacheDir(System.getenv()));
            loaded = file == null ? library.load() : Native.load(file.toString(), HelmLib.class);
        }
        return loaded;
    }

    /** {@code $XDG_CACHE_HOME/kubeward/helm}, else {@code ~/.cache/kubeward/helm}; null without a home. */
    static Path cacheDir(Map<String, String> env) {
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "kubeward", "helm");
        }
        String home = System.getProperty("user.home");
        return home == null || home.isBlank() ? null : Path.of(home, ".cache", "kubeward", "helm");
    }

    /**
     * The library of {@code library} extracted into {@code cache} (now, unless a copy of the
     * entry's size is already there), or null when it cannot be: no cache directory, a library not
     * in a jar, a directory that cannot be written.
     */
    static Path extracted(NativeLibrary library, Path cache) {
        if (cache == null) {
            return null;
        }
        String name = library.getBinaryName();
        URL url = library.getClass().getResource("/" + name);
        if (url == null) {
            return null;
        }
        try {
            URLConnection connection = url.openConnection();
            if (!(connection instanceof JarURLConnection jar)) {
                return null;
            }
            JarEntry entry = jar.getJarEntry();
            if (entry == null || entry.getSize() < 0 || entry.getCrc() < 0) {
                return null;
            }
            int dot = name.lastIndexOf('.');
            String fileName = (dot < 0 ? name : name.substring(0, dot)) + "-" + Long.toHexString(entry.getCrc()) + "-"
                    + entry.getSize() + (dot < 0 ? "" : name.substring(dot));
            Path file = cache.resolve(fileName);
            if (Files.isRegularFile(file) && Files.size(file) == entry.getSize()) {
                return file;
            }
            if (!Files.isDirectory(cache)) {
                Files.createDirectories(cache.getParent());
                try {
                    Files.createDirectory(cache, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } catch (UnsupportedOperationException e) {
                    Files.createDirectory(cache);
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    // another run made it
                }
            }
            Path part = Files.createTempFile(cache, fileName + ".", ".part");
            try {
                try (InputStream in = jar.getInputStream()) {
                    Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                }
                if (Files.size(part) != entry.getSize()) {
                    return null;
                }
                try {
                    Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
                }
                return file;
            } finally {
                Files.deleteIfExists(part);
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
