package dev.kubeward.source.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.jni.NativeLibrary;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded Helm's library, extracted once into the cache and loaded from there. */
class HelmLibraryTest {
    @BeforeAll
    static void embeddedHelm() {
        HelmChartTest.assumeEmbeddedHelm();
    }

    @Test
    void extractsOnceNamedByTheEntryAndReusesTheCopy(@TempDir Path tmp) throws IOException {
        Path cache = tmp.resolve("kubeward/helm");
        Path file = HelmLibrary.extracted(NativeLibrary.getInstance(), cache);
        assertThat(file).isNotNull().hasParent(cache);
        assertThat(file.getFileName().toString()).matches("helm-linux-amd64-[0-9a-f]+-(\\d+)\\.so");
        long size = Long.parseLong(file.getFileName().toString().replaceAll(".*-(\\d+)\\.so", "$1"));
        assertThat(Files.size(file)).isEqualTo(size).isGreaterThan(1 << 20);
        // Nothing half-written is left beside it.
        try (var files = Files.list(cache)) {
            assertThat(files).containsExactly(file);
        }
        // Found again without being written again.
        FileTime written = FileTime.fromMillis(0);
        Files.setLastModifiedTime(file, written);
        assertThat(HelmLibrary.extracted(NativeLibrary.getInstance(), cache)).isEqualTo(file);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(written);
        // A copy of the wrong size (an interrupted write by an older kubeward, a full disk) is replaced.
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(1000);
        }
        assertThat(HelmLibrary.extracted(NativeLibrary.getInstance(), cache)).isEqualTo(file);
        assertThat(Files.size(file)).isEqualTo(size);
    }

    @Test
    void noCacheWhereItCannotBeWritten(@TempDir Path tmp) throws IOException {
        Path notADirectory = Files.writeString(tmp.resolve("helm"), "a file where the directory would be");
        assertThat(HelmLibrary.extracted(NativeLibrary.getInstance(), notADirectory)).isNull();
        assertThat(HelmLibrary.extracted(NativeLibrary.getInstance(), null)).isNull();
    }

    @Test
    void theCacheIsKubewardsUnderXdgCacheHome() {
        assertThat(HelmLibrary.cacheDir(Map.of("XDG_CACHE_HOME", "/var/cache/me"))).isEqualTo(Path.of("/var/cache/me/kubeward/helm"));
        assertThat(HelmLibrary.cacheDir(Map.of())).isEqualTo(Path.of(System.getProperty("user.home"), ".cache", "kubeward", "helm"));
    }
}
