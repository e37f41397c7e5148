package dev.kubeward.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * The pieces every HTML page of kubeward shares: escaping, the page shell with its inline style and
 * script (read from {@code dev/kubeward/report/report.css} and {@code report.js} in the jar), and
 * JSON data carried in a {@code <script type="application/json">} element.
 *
 * <p>A page is self-contained: no request leaves it. The Content-Security-Policy in its head says
 * so to the browser too ({@code default-src 'none'}), so that a later change that adds an external
 * font or script fails in every browser instead of leaking a request from an air-gapped laptop.
 */
public final class Html {
    /** Everything inline, nothing fetched: the browser enforces what the page promises. */
    static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
            + "img-src data:; base-uri 'none'; form-action 'none'";

    private static final String CSS = resource("report.css");
    private static final String JS = resource("report.js");

    private Html() {}

    /** Text or attribute value: {@code & < > " '} escaped, so any object name is inert. */
    public static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String rep = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (rep != null || (c < 0x20 && c != '\n' && c != '\t' && c != '\r')) {
                if (sb == null) {
                    sb = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                sb.append(rep != null ? rep : "\uFFFD");
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? text : sb.toString();
    }

    /**
     * JSON text made safe inside a {@code <script>} element: every {@code <}, {@code >} and
     * {@code &} (which JSON allows only inside strings) becomes its {@code \\u} escape, so neither
     * {@code </script>} nor {@code <!--} in a name can end or change the element; U+2028 and
     * U+2029 too, for older parsers.
     */
    public static String scriptJson(String json) {
        StringBuilder sb = new StringBuilder(json.length() + 64);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> sb.append("\\u003c");
                case '>' -> sb.append("\\u003e");
                case '&' -> sb.append("\\u0026");
                case '\u2028' -> sb.append("\\u2028");
                case '\u2029' -> sb.append("\\u2029");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The page up to and including {@code <body>} and the header bar. */
    static void open(Writer out, String title, String subtitle) throws IOException {
        out.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        out.write("<meta http-equiv=\"Content-Security-Policy\" content=\"" + CSP + "\">\n");
        out.write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        out.write("<meta name=\"color-scheme\" content=\"light dark\">\n");
        out.write("<meta name=\"generator\" content=\"kubeward\">\n");
        out.write("<title>" + esc(title) + "</title>\n<style>\n");
        out.write(CSS);
        out.write("</style>\n</head>\n<body>\n<header><h1>" + esc(title) + "</h1><p class=\"sub\">" + esc(subtitle)
                + "</p></header>\n<main>\n");
    }

    /** The JSON data of the page's script, then the script, then the end of the page. */
    static void close(Writer out, String dataJson) throws IOException {
        out.write("</main>\n");
        if (dataJson != null) {
            out.write("<script type=\"application/json\" id=\"kw-data\">");
            out.write(scriptJson(dataJson));
            out.write("</script>\n");
        }
        out.write("<script>\n");
        out.write(JS);
        out.write("</script>\n</body>\n</html>\n");
        out.flush();
    }

    private static String resource(String name) {
        try (InputStream in = Html.class.getResourceAsStream("/dev/kubeward/report/" + name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
