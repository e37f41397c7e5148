package dev.kubeward.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The yardstick of the scan benchmark (issue 14): plain SnakeYAML on one thread, as a simple tool
 * would read the corpus. Every {@code .yaml} file is read and loaded with {@code Yaml.loadAll}
 * (scanning, parsing, composing and constructing Java maps; no positions, no checks). Usage:
 * {@code SnakeYamlBaseline DIR [events]}; with {@code events} it only runs SnakeYAML's parser
 * ({@code Yaml.parse}), the floor of any reader built on it.
 */
public final class SnakeYamlBaseline {
    private SnakeYamlBaseline() {}

    public static void main(String[] args) throws IOException {
        boolean eventsOnly = args.length > 1 && args[1].equals("events");
        long start = System.nanoTime();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of(args[0]))) {
            files = walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Integer.MAX_VALUE);
        long documents = 0;
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Yaml yaml = new Yaml(new SafeConstructor(options));
            if (eventsOnly) {
                for (Object ignored : yaml.parse(new java.io.StringReader(text))) {
                    documents++;
                }
            } else {
                for (Object doc : yaml.loadAll(text)) {
                    if (doc != null) {
                        documents++;
                    }
                }
            }
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println("snakeyaml " + (eventsOnly ? "events" : "loadAll") + ", one thread: " + files.size()
                + " files, " + documents + (eventsOnly ? " events" : " documents") + " in " + ms + " ms");
    }
}
