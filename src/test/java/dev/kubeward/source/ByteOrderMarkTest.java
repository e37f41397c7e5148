package dev.kubeward.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.model.JsonPath;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** UTF-16 (either byte order, with its BOM) and UTF-8 with a BOM, read as kubectl's BOMOverride reads them. */
class ByteOrderMarkTest {
    private static final String TEXT = "# comment\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: café, namespace: shop}\n";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"UTF-16LE", "UTF-16BE", "UTF-8"})
    void isReadWithLinesAsAnEditorShowsThem(String encoding) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        switch (encoding) {
            case "UTF-16LE" -> bytes.write(new byte[] {(byte) 0xFF, (byte) 0xFE});
            case "UTF-16BE" -> bytes.write(new byte[] {(byte) 0xFE, (byte) 0xFF});
            default -> bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        bytes.write(TEXT.getBytes(Charset.forName(encoding)));
        Path file = Files.write(dir.resolve("cm.yaml"), bytes.toByteArray());
        LoadResult r = new ManifestLoader().load(List.of(file.toString()));
        assertThat(r.errors()).isEmpty();
        assertThat(r.resources()).singleElement().satisfies(cm -> {
            assertThat(cm.name()).isEqualTo("café");
            assertThat(cm.locate(JsonPath.of("kind")).line()).isEqualTo(3);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-16LE", "UTF-16BE"})
    void utf16WithoutABomIsNotUtf8(String encoding) throws Exception {
        Path file = Files.write(dir.resolve("cm.yaml"), "apiVersion: v1\n".getBytes(Charset.forName(encoding)));
        LoadResult r = new ManifestLoader().load(List.of(file.toString()));
        assertThat(r.resources()).isEmpty();
        assertThat(r.errors().size() + r.skipped().size()).as("reported, not read as an object").isEqualTo(1);
    }
}
