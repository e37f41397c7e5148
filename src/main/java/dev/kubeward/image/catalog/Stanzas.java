package dev.kubeward.image.catalog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * deb822 control paragraphs ({@code Field: value}, continuation lines start with a space or tab,
 * paragraphs separated by blank lines), as dpkg writes {@code /var/lib/dpkg/status}.
 */
final class Stanzas {
    private Stanzas() {}

    /** Each paragraph with the line it starts on; field names as written, continuation lines joined by newlines. */
    record Paragraph(int line, Map<String, String> fields) {
        String get(String name) {
            return fields.get(name);
        }
    }

    static List<Paragraph> parse(byte[] bytes) {
        List<Paragraph> out = new ArrayList<>();
        Map<String, String> cur = null;
        String last = null;
        int start = 0;
        int lineNo = 0;
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n", -1)) {
            lineNo++;
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isBlank()) {
                if (cur != null) {
                    out.add(new Paragraph(start, cur));
                }
                cur = null;
                last = null;
                continue;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
                if (cur != null && last != null) {
                    cur.put(last, cur.get(last) + "\n" + line.strip());
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            if (cur == null) {
                cur = new LinkedHashMap<>();
                start = lineNo;
            }
            last = line.substring(0, colon);
            cur.put(last, line.substring(colon + 1).strip());
        }
        if (cur != null) {
            out.add(new Paragraph(start, cur));
        }
        return out;
    }
}
