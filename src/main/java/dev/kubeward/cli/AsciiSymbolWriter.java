package dev.kubeward.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.Map;

/**
 * Replaces the symbols kubeward prints (ellipsis, dashes, arrows, check marks) with ASCII, for a
 * terminal whose locale cannot show them ({@link Environment#asciiSymbols()}). Replacements of
 * table marks keep their width, so that columns stay aligned. Every other character, such as a
 * name in a manifest, is passed on unchanged: it is the user's data, not ours to rewrite.
 */
final class AsciiSymbolWriter extends FilterWriter {
    static final Map<Character, String> FALLBACKS = Map.ofEntries(
            Map.entry('\u2026', "..."),  // … ellipsis
            Map.entry('\u2014', "--"),   // — em dash
            Map.entry('\u2013', "-"),    // – en dash
            Map.entry('\u2192', "->"),   // → arrow
            Map.entry('\u21d2', "=>"),   // ⇒ double arrow
            Map.entry('\u2714', "Y"),    // ✔ heavy check mark (rbac permissions table)
            Map.entry('\u2713', "Y"),    // ✓ check mark
            Map.entry('\u2716', "N"),    // ✖ heavy multiplication x (rbac permissions table)
            Map.entry('\u2717', "N"),    // ✗ ballot x
            Map.entry('\u00d7', "x"),    // × multiplication sign
            Map.entry('\u2022', "*"),    // • bullet
            Map.entry('\u2018', "'"),    // ‘
            Map.entry('\u2019', "'"),    // ’
            Map.entry('\u201c', "\""),   // “
            Map.entry('\u201d', "\""));  // ”

    AsciiSymbolWriter(Writer out) {
        super(out);
    }

    static String toAscii(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            String r = FALLBACKS.get(s.charAt(i));
            if (r != null && sb == null) {
                sb = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (sb != null) {
                if (r != null) {
                    sb.append(r);
                } else {
                    sb.append(s.charAt(i));
                }
            }
        }
        return sb == null ? s : sb.toString();
    }

    @Override
    public void write(int c) throws IOException {
        String r = FALLBACKS.get((char) c);
        if (r == null) {
            out.write(c);
        } else {
            out.write(r);
        }
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
        write(new String(cbuf, off, len), 0, len);
    }

    @Override
    public void write(String str, int off, int len) throws IOException {
        String s = toAscii(str.substring(off, off + len));
        out.write(s, 0, s.length());
    }
}
