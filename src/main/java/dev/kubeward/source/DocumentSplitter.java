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
        /** True when the chunk holds nothing but blank lines, comments and directive ends. */
        public boolean isBlank() {
            for (String line : text.split("\n", -1)) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#") && !t.equals("...")) {
                    return false;
                }
            }
            return true;
        }
    }

    public static List<Chunk> split(String text) {
        List<Chunk> chunks = new ArrayList<>();
        int lineNo = 1;
        int chunkStartLine = 1;
        String pendingError = null;
        StringBuilder current = new StringBuilder();
        int pos = 0;
        int len = text.length();
        while (pos <= len) {
            int nl = text.indexOf('\n', pos);
            int end = nl < 0 ? len : nl;
            String line = text.substring(pos, end);
            if (line.startsWith("---")) {
                chunks.add(new Chunk(chunks.size(), current.toString(), chunkStartLine, pendingError));
                current.setLength(0);
                String after = line.substring(3).strip();
                pendingError = !after.isEmpty() && !after.startsWith("#")
                        ? "invalid YAML document separator: \"" + after
                                + "\" (kubectl allows only a comment after ---)"
                        : null;
                chunkStartLine = lineNo + 1;
            } else if (nl >= 0 || !line.isEmpty()) {
                // The empty remainder after a final newline is not a line of the file.
                current.append(line).append('\n');
            }
            if (nl < 0) {
                break;
            }
            pos = nl + 1;
            lineNo++;
        }
        chunks.add(new Chunk(chunks.size(), current.toString(), chunkStartLine, pendingError));
        return chunks;
    }
}
