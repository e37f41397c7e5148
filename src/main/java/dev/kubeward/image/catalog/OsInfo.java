package dev.kubeward.image.catalog;

import dev.kubeward.image.vuln.OsvEcosystems;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The operating system of an image, from {@code /etc/os-release} (else {@code /usr/lib/os-release},
 * which it usually links to), read as os-release(5) says: {@code KEY=value} lines, the value maybe
 * in single or double quotes with backslash escapes, {@code #} comments.
 *
 * @param release the OSV ecosystem and release ({@code Debian:12}), null when OSV has no data for the OS
 */
public record OsInfo(String id, String versionId, String prettyName, String release) {
    static OsInfo parse(byte[] bytes) {
        Map<String, String> vars = new LinkedHashMap<>();
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            String l = line.strip();
            int eq = l.indexOf('=');
            if (l.isEmpty() || l.startsWith("#") || eq <= 0) {
                continue;
            }
            vars.put(l.substring(0, eq), unquote(l.substring(eq + 1)));
        }
        String id = vars.get("ID");
        String version = vars.get("VERSION_ID");
        return new OsInfo(id, version, vars.get("PRETTY_NAME"), OsvEcosystems.forOsRelease(id, version));
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0)) {
            String inner = v.substring(1, v.length() - 1);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < inner.length(); i++) {
                char c = inner.charAt(i);
                if (c == '\\' && i + 1 < inner.length() && v.charAt(0) == '"') {
                    c = inner.charAt(++i);
                }
                sb.append(c);
            }
            return sb.toString();
        }
        return v;
    }

    /** {@code debian 12}, or the pretty name when there is one. */
    public String describe() {
        return prettyName != null ? prettyName : (id == null ? "unknown" : id) + (versionId == null ? "" : " " + versionId);
    }
}
