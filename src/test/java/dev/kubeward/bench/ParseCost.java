package dev.kubeward.bench;

import dev.kubeward.source.DocumentSplitter;
import dev.kubeward.source.ManifestLoader;
import dev.kubeward.source.YamlTreeBuilder;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Where the reading time of a corpus goes, layer by layer, on one thread and with the files
 * already in memory: SnakeYAML's parser alone, SnakeYAML's {@code loadAll}, kubeward's tree
 * builder (typing, positions, duplicates) and the whole {@code ManifestLoader.loadText} (splitting,
 * objects, lists, namespaces). Each layer runs ROUNDS times and the fastest round is printed, so
 * that the differences are the layers' own cost, not the JVM's start or the machine's noise.
 * Usage: {@code ParseCost DIR [ROUNDS]}, with the launcher's JVM options.
 */
public final class ParseCost {
    private ParseCost() {}

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<String> texts = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(Path.of(args[0]))) {
            for (Path p : walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                texts.add(Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Integer.MAX_VALUE);
        time("snakeyaml events (its StreamReader)", rounds, texts, t -> {
            ParserImpl parser = new ParserImpl(new StreamReader(new StringReader(t)), options);
            while (!parser.getEvent().is(Event.ID.StreamEnd)) {
                // drain
            }
        });
        time("snakeyaml loadAll", rounds, texts, t -> {
            for (Object ignored : new Yaml(new SafeConstructor(options)).loadAll(t)) {
                // drain
            }
        });
        time("kubeward split + tree builder", rounds, texts, t -> {
            for (DocumentSplitter.Chunk c : DocumentSplitter.split(t)) {
                try {
                    YamlTreeBuilder.parse(c.text(), c.firstLine());
                } catch (YamlTreeBuilder.YamlError e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        ManifestLoader loader = new ManifestLoader();
        time("kubeward ManifestLoader.loadText", rounds, texts, t -> loader.loadText("f.yaml", t));
    }

    private static void time(String label, int rounds, List<String> texts, Consumer<String> read) {
        long best = Long.MAX_VALUE;
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            for (String t : texts) {
                read.accept(t);
            }
            best = Math.min(best, System.nanoTime() - start);
        }
        System.out.printf("%-36s %6d ms (best of %d)%n", label, best / 1_000_000, rounds);
    }
}
