package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.kubeward.model.Resource;
import dev.kubeward.source.LoadResult;
import dev.kubeward.source.ManifestLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every check fixture, with a few values replaced by the wrong type (a list, a mapping, a number,
 * null, a wildcard string), through the commands that read whole inputs. Objects like these are
 * refused by the API server; kubeward must report or ignore them, never fail with an internal
 * error. Seeded, so a failure reproduces; the seed and round count can be raised with
 * -Dkubeward.fuzz.seed and -Dkubeward.fuzz.rounds for a longer search.
 */
class MutationFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[][] COMMANDS = {{"scan", "-f", "json", "--fail-on", "none"}, {"netpol", "reach"},
        {"rbac", "paths"}, {"pss", "--level", "restricted"}};

    @Test
    void wrongTypesAnywhereNeverCauseAnInternalError(@TempDir Path dir) throws Exception {
        Random random = new Random(Long.getLong("kubeward.fuzz.seed", 20261123L));
        int rounds = Integer.getInteger("kubeward.fuzz.rounds", 1);
        List<Path> fixtures;
        try (Stream<Path> files = Files.walk(Path.of("src/test/resources/fixtures/checks"))) {
            fixtures = files.filter(p -> p.toString().endsWith(".yaml") && !p.toString().endsWith(".kubeward.yaml"))
                    .sorted().toList();
        }
        List<String> failures = new ArrayList<>();
        for (Path fixture : fixtures) {
            LoadResult loaded = new ManifestLoader().load(List.of(fixture.toString()));
            for (int round = 0; round < rounds && !loaded.resources().isEmpty(); round++) {
                StringBuilder mutated = new StringBuilder();
                for (Resource r : loaded.resources()) {
                    mutated.append(JSON.writeValueAsString(mutate(r.object().deepCopy(), random))).append('\n');
                }
                Path input = dir.resolve("mutated.json");
                Files.writeString(input, mutated);
                for (String[] command : COMMANDS) {
                    String[] args = java.util.Arrays.copyOf(command, command.length + 1);
                    args[command.length] = input.toString();
                    CliRunner r = CliRunner.run(args);
                    if (r.err().contains("kubeward: error:") || r.exitCode() > 2) {
                        failures.add(String.join(" ", command) + " on a mutation of " + fixture + ": "
                                + r.err().lines().findFirst().orElse("exit " + r.exitCode()) + "\n" + mutated);
                    }
                }
            }
        }
        assertThat(fixtures).hasSizeGreaterThan(100);
        assertThat(failures).isEmpty();
    }

    /** Replaces up to three values (never apiVersion or kind) with a value of another type. */
    private static JsonNode mutate(JsonNode root, Random random) {
        List<Runnable> slots = new ArrayList<>();
        collect(root, slots, random);
        for (int i = 0; i < 3 && !slots.isEmpty(); i++) {
            slots.remove(random.nextInt(slots.size())).run();
        }
        return root;
    }

    private static void collect(JsonNode node, List<Runnable> slots, Random random) {
        if (node instanceof ObjectNode object) {
            List<String> keys = new ArrayList<>();
            object.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                if (!key.equals("apiVersion") && !key.equals("kind")) {
                    JsonNode replacement = wrongValue(random);
                    slots.add(() -> object.set(key, replacement));
                    collect(object.get(key), slots, random);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                int index = i;
                JsonNode replacement = wrongValue(random);
                slots.add(() -> array.set(index, replacement));
                collect(array.get(i), slots, random);
            }
        }
    }

    private static JsonNode wrongValue(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> JSON.createArrayNode();
            case 1 -> JSON.createObjectNode().put("a", 1).set("b", JSON.createObjectNode().put("c", "d"));
            case 2 -> IntNode.valueOf(random.nextInt(70000) - 5);
            case 3 -> TextNode.valueOf("x/y:*");
            case 4 -> NullNode.instance;
            case 5 -> BooleanNode.TRUE;
            case 6 -> JSON.createArrayNode().add(NullNode.instance).add(JSON.createObjectNode().put("k", "v"));
            default -> JSON.createArrayNode().add("*").add(1);
        };
    }
}
