package dev.kubeward.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentSplitterTest {
    @Test
    void splitsOnSeparatorLinesLikeKubectl() {
        List<DocumentSplitter.Chunk> chunks = DocumentSplitter.split("a: 1\n---\nb: 2\n--- # comment\nc: 3\n");
        assertThat(chunks).extracting(DocumentSplitter.Chunk::text).containsExactly("a: 1\n", "b: 2\n", "c: 3\n");
        assertThat(chunks).extracting(DocumentSplitter.Chunk::firstLine).containsExactly(1, 3, 5);
        assertThat(chunks).allSatisfy(c -> assertThat(c.separatorError()).isNull());
    }

    @Test
    void contentAfterTheSeparatorIsAnError() {
        List<DocumentSplitter.Chunk> chunks = DocumentSplitter.split("a: 1\n--- {b: 2}\n");
        assertThat(chunks.get(1).separatorError()).contains("invalid YAML document separator");
    }

    @Test
    void indentedDashesAreContent() {
        assertThat(DocumentSplitter.split("a: |\n  ---\n  x\n")).hasSize(1);
    }

    @Test
    void blankChunks() {
        assertThat(DocumentSplitter.split("---\n# c\n...\n---\na: 1\n")).extracting(DocumentSplitter.Chunk::isBlank)
                .containsExactly(true, true, false);
    }

    @Test
    void windowsLineEndings() {
        List<DocumentSplitter.Chunk> chunks = DocumentSplitter.split("a: 1\r\n---\r\nb: 2\r\n");
        assertThat(chunks).hasSize(2);
        assertThat(chunks.get(1).separatorError()).isNull();
    }
}
