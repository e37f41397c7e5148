package dev.kubeward.source;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.scanner.Constant;

/**
 * SnakeYAML's reader over text already in memory, in time linear in the text.
 *
 * <p>SnakeYAML's own {@link StreamReader} reads 1,024 characters at a time and, on each read,
 * copies every code point it holds from the scanner's position onwards into a new window. The
 * scanner looks ahead to the end of a scalar's run of characters before it consumes any of it,
 * so a scalar of n characters without a space or line break (a base64 value, a long line of a
 * block scalar) is copied n / 1,024 times: an 8 MB ConfigMap value took 35 s. This reader indexes
 * the document's text itself: nothing is copied, and the text stays one {@code String} (one byte a
 * character for Latin-1 text) instead of a window of {@code int} code points. Text with
 * characters outside the Basic Multilingual Plane is turned into code points once, since the
 * scanner counts in code points.
 *
 * <p>The scanner sees the same stream as through {@code StreamReader}: the same characters and
 * the trailing {@code 0} it reads as the end, the same line and column counting, the same
 * document index for the code-point limit, and the same {@link ReaderException} for a character
 * YAML does not allow (found before scanning starts, so such a document is refused as a whole).
 * Marks carry no text snippet; kubeward's messages name the line and column, never the snippet.
 */
final class TextStreamReader extends StreamReader {
    private static final int[] NO_SNIPPET = new int[0];
    private static final String NAME = "'reader'";

    private final String text;
    /** The code points of the text when it has surrogate pairs, else null (then chars are code points). */
    private final int[] codePoints;
    private final int length;
    private int pointer;
    private int documentIndex;
    private int line;
    private int column;
    private Mark mark;
    private int markPointer = -1;

    TextStreamReader(String text) {
        super("");
        this.text = text;
        boolean surrogates = false;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if ((c >= ' ' && c <= '~') || c == '\n') {
                continue;
            }
            if (Character.isSurrogate(c)) {
                surrogates = true; // pairs are checked as code points below
            } else if (!isPrintable(c)) {
                throw refused(i, c);
            }
        }
        if (surrogates) {
            for (int i = 0, n = text.length(); i < n; ) {
                int c = text.codePointAt(i);
                if (!isPrintable(c)) {
                    throw refused(i, c);
                }
                i += Character.charCount(c);
            }
        }
        this.codePoints = surrogates ? text.codePoints().toArray() : null;
        this.length = surrogates ? codePoints.length : text.length();
    }

    private int at(int i) {
        return codePoints == null ? text.charAt(i) : codePoints[i];
    }

    /** A character YAML does not allow; the position is its char index, so that its line can be found. */
    private static ReaderException refused(int index, int codePoint) {
        return new ReaderException(NAME, index, codePoint, "special characters are not allowed");
    }

    /**
     * The scanner asks for the mark of one position several times (a possible simple key, then
     * the token that starts there); marks are immutable, so the last one is handed out again.
     */
    @Override
    public Mark getMark() {
        if (markPointer != pointer) {
            mark = new Mark(NAME, pointer, line, column, NO_SNIPPET, 0);
            markPointer = pointer;
        }
        return mark;
    }

    @Override
    public void forward() {
        forward(1);
    }

    @Override
    public void forward(int n) {
        for (int i = 0; i < n && pointer < length; i++) {
            int c = at(pointer++);
            documentIndex++;
            if (Constant.LINEBR.has(c) || (c == '\r' && pointer < length && at(pointer) != '\n')) {
                line++;
                column = 0;
            } else if (c != 0xFEFF) {
                column++;
            }
        }
    }

    @Override
    public int peek() {
        return pointer < length ? at(pointer) : 0;
    }

    @Override
    public int peek(int index) {
        int i = pointer + index;
        return i < length ? at(i) : 0;
    }

    @Override
    public String prefix(int n) {
        int end = Math.min(length, pointer + n);
        if (end <= pointer) {
            return "";
        }
        return codePoints == null ? text.substring(pointer, end) : new String(codePoints, pointer, end - pointer);
    }

    @Override
    public String prefixForward(int n) {
        String prefix = prefix(n);
        // As in StreamReader: the scanner asks only for runs without line breaks.
        pointer += n;
        documentIndex += n;
        column += n;
        return prefix;
    }

    @Override
    public int getColumn() {
        return column;
    }

    @Override
    public int getDocumentIndex() {
        return documentIndex;
    }

    @Override
    public void resetDocumentIndex() {
        documentIndex = 0;
    }

    @Override
    public int getIndex() {
        return pointer;
    }

    @Override
    public int getLine() {
        return line;
    }
}
