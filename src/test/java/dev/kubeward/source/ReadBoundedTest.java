package dev.kubeward.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.RandomAccessFile;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a file or standard input within {@link ManifestLoader#MAX_SOURCE_BYTES}, and its UTF-8 check. */
class ReadBoundedTest {
    @TempDir
    Path dir;

    @Test
    void aFileIsReadWholeAndExactly() throws Exception {
        byte[] content = new byte[20_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) ('a' + i % 26);
        }
        Path file = Files.write(dir.resolve("a.yaml"), content);
        assertThat(ManifestLoader.readBounded(file, () -> null)).isEqualTo(content);
        assertThat(ManifestLoader.readBounded(Files.write(dir.resolve("empty.yaml"), new byte[0]), () -> null)).isEmpty();
    }

    @Test
    void aFileOverTheLimitIsNotRead() throws Exception {
        Path file = dir.resolve("huge.yaml");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(ManifestLoader.MAX_SOURCE_BYTES + 1L);   // sparse: costs no disk
        }
        assertThat(ManifestLoader.readBounded(file, () -> null)).isNull();
        LoadResult r = new ManifestLoader().load(List.of(file.toString()));
        assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.message()).startsWith("larger than 128 MiB"));
    }

    @Test
    void standardInputIsReadToItsEnd() throws Exception {
        byte[] content = "apiVersion: v1\nkind: ConfigMap\n".getBytes(StandardCharsets.UTF_8);
        assertThat(ManifestLoader.readBounded(null, () -> new ByteArrayInputStream(content))).isEqualTo(content);
    }

    @Test
    void utf8IsCheckedBeforeItIsDecoded() throws Exception {
        assertThat(ManifestLoader.decodeUtf8("name: café ✓ 𝄞\n".getBytes(StandardCharsets.UTF_8))).isEqualTo("name: café ✓ 𝄞\n");
        assertThat(ManifestLoader.decodeUtf8(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a'})).isEqualTo("a");
        // A long valid text crosses the check's buffer many times.
        String longText = "key: välue\n".repeat(10_000);
        assertThat(ManifestLoader.decodeUtf8(longText.getBytes(StandardCharsets.UTF_8))).isEqualTo(longText);
        // Malformed in the middle, a sequence cut off at the end, an overlong encoding, a lone surrogate.
        for (byte[] bad : List.of(new byte[] {'a', (byte) 0xC3, '(', 'b'}, new byte[] {'a', (byte) 0xE2, (byte) 0x82},
                new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})) {
            assertThatThrownBy(() -> ManifestLoader.decodeUtf8(bad)).isInstanceOf(CharacterCodingException.class);
        }
    }
}
