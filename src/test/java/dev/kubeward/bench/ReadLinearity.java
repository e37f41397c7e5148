package dev.kubeward.bench;

import dev.kubeward.source.LoadResult;
import dev.kubeward.source.ManifestLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Shows that reading is linear in the input: generates ConfigMaps whose one data value is a
 * scalar of 1, 2, 4, 8 and 16 MB, in each YAML scalar style and as JSON, reads each through
 * {@link ManifestLoader#loadText} as a scan does, and prints the time and the time per MB. A
 * reader that re-buffers per scalar shows as a time per MB that doubles with the size.
 *
 * <p>Usage: {@code ReadLinearity [MAX_MB] [STYLE...]} with styles {@code plain single double
 * literal folded json} (all by default) and MAX_MB 16 by default. Each size is read twice and the
 * second, warmed, time is printed. docs/performance.md has the command line and the figures.
 */
public final class ReadLinearity {
    private ReadLinearity() {}

    public static void main(String[] args) {
        int maxMb = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        List<String> styles = args.length > 1
                ? List.of(args).subList(1, args.length)
                : List.of("plain", "single", "double", "literal", "folded", "json");
        ManifestLoader loader = new ManifestLoader();
        for (String style : styles) {
            List<String> row = new ArrayList<>();
            for (int mb = 1; mb <= maxMb; mb *= 2) {
                String payload = payload(mb << 20);
                String text = document(style, payload);
                read(loader, text, payload.length()); // warm-up, and the check that the value was read
                long start = System.nanoTime();
                read(loader, text, payload.length());
                double ms = (System.nanoTime() - start) / 1e6;
                row.add(String.format("%d MB %.0f ms (%.1f ms/MB)", mb, ms, ms / mb));
            }
            System.out.printf("%-8s %s%n", style, String.join(", ", row));
        }
    }

    /** Base64-like text with no space or line break: the worst case for a scanner that looks ahead. */
    static String payload(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        Random random = new Random(length);
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return new String(chars);
    }

    static String document(String style, String payload) {
        String head = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  blob: ";
        return switch (style) {
            case "plain" -> head + payload + "\n";
            case "single" -> head + "'" + payload + "'\n";
            case "double" -> head + "\"" + payload + "\"\n";
            case "literal" -> head + "|\n    " + payload + "\n";
            case "folded" -> head + ">\n    " + payload + "\n";
            case "json" -> "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"big\"},"
                    + "\"data\":{\"blob\":\"" + payload + "\"}}\n";
            default -> throw new IllegalArgumentException("unknown style " + style
                    + " (plain, single, double, literal, folded, json)");
        };
    }

    private static void read(ManifestLoader loader, String text, int expected) {
        LoadResult r = loader.loadText("bench.yaml", text);
        if (!r.errors().isEmpty() || r.resources().size() != 1) {
            throw new IllegalStateException("not read: " + r.errors());
        }
        String value = r.resources().get(0).object().path("data").path("blob").asText();
        // Block scalars keep their final line break ("clip" chomping).
        int length = value.endsWith("\n") ? value.length() - 1 : value.length();
        if (length != expected) {
            throw new IllegalStateException("read " + length + " characters of " + expected);
        }
    }
}
