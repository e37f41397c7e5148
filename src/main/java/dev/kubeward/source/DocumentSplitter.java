package dev.kubeward.source;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a YAML stream into documents as kubectl's YAML reader does: a line that starts with
 * {@code ---} separates documents, and only spaces or a comment may follow it on that line.
 * Splitting before parsing lets one broken document be reported while the others are still
 * scanned, and lets documents be parsed in parallel.
 */
public final class DocumentSplitter {
    private DocumentSplitter() {}

    /**
     * @param text the document's text
     * @param firstLine the 1-based line of the file where the text starts
     * @param separatorError non-null when the separator line that opened this document carried
     *     content, which kubectl rejects
     */
    public record Chunk(int index, String text, int firstLine, String separatorError) {
        /** True when the chunk holds nothing but blank lines, comments and document-end markers. */
        public boolean isBlank() {
            int i = 0;
            int n = text.length();
            while (i < n) {
                int end = text.indexOf('\n', i);
                if (end < 0) {
                    end = n;
                }
                String t = text.substring(i, end).strip();
                if (!t.isEmpty() && !t.startsWith("#") && !t.equals("...")) {
                    return false;
                }
                i = end + 1;
            }
            return true;
        }
    }

    public static List<Chunk> split(String text) {
        List<Chunk> chunks = new ArrayList<>();
        int chunkStart = 0;
        int chunkFirstLine = 1;
        String pendingError = null;
        int lineNo = 1;
        int pos = 0;
        int len = text.length();
        while (pos < len) {
            int nl = text.indexOf('\n', pos);
            int end = nl < 0 ? len : nl;
            if (text.startsWith("---", pos)) {
                chunks.add(new Chunk(chunks.size(), text.substring(chunkStart, pos), chunkFirstLine, pendingError));
                String after = text.substring(pos + 3, end).strip();
                pendingError = !after.isEmpty() && !after.startsWith("#")
                        ? "invalid YAML document separator: \"" + after + "\" (kubectl allows only a comment after ---)"
                        : null;
                chunkStart = nl < 0 ? len : nl + 1;
                chunkFirstLine = lineNo + 1;
            }
            if (nl < 0) {
                break;
            }
            pos = nl + 1;
            lineNo++;
        }
        chunks.add(new Chunk(chunks.size(), text.substring(chunkStart), chunkFirstLine, pendingError));
        return chunks;
    }
}
