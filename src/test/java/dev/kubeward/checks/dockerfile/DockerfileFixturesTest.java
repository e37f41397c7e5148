package dev.kubeward.checks.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.check.Check;
import dev.kubeward.check.CheckRegistry;
import dev.kubeward.check.Config;
import dev.kubeward.check.Finding;
import dev.kubeward.check.Scanner;
import dev.kubeward.model.Inventory;
import dev.kubeward.model.Resource;
import dev.kubeward.source.dockerfile.DockerfileReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Dockerfile under src/test/resources/dockerfile/fixtures carries its expected findings:
 * a comment {@code # expect: check-id[, check-id…]} above the instruction the finding must point
 * at. A fixture without such comments must produce no finding at all.
 */
class DockerfileFixturesTest {
    private static final Path FIXTURES = Path.of("src/test/resources/dockerfile/fixtures");
    private static final String EXPECT = "# expect:";

    /**
     * The configuration fixtures run under: trusted registries set, so provenance is checked too,
     * and CentOS banned (images.banned), which only banned.Dockerfile uses.
     */
    static final Config CONFIG = config("""
            trustedRegistries: ["docker.io", "*.gcr.io", "gcr.io", "cgr.dev", "ghcr.io/acme"]
            images:
              banned: ["docker.io/library/centos"]
            """);

    private static Config config(String yaml) {
        try {
            var doc = dev.kubeward.source.YamlTreeBuilder.parse(yaml, 1);
            return Config.parse(doc.root(), "fixture-config", p -> 1,
                    dev.kubeward.check.CheckRegistry.builtIn().ids());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every registered Dockerfile check, so a new one cannot be left out of the fixtures. */
    static List<Check> dockerfileChecks() {
        return dev.kubeward.check.CheckRegistry.builtIn().entries().stream()
                .filter(e -> e.meta().category().equals("Dockerfile"))
                .map(dev.kubeward.check.CheckRegistry.Entry::check)
                .collect(Collectors.toList());
    }

    static List<Path> fixtures() throws IOException {
        try (Stream<Path> files = Files.walk(FIXTURES)) {
            return files.filter(Files::isRegularFile).filter(DockerfileReader::isDockerfileName).sorted()
                    .collect(Collectors.toList());
        }
    }

    @Test
    void thereAreFixtures() throws IOException {
        assertThat(fixtures()).hasSizeGreaterThanOrEqualTo(10);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void findingsMatchInlineExpectations(Path fixture) throws Exception {
        Resource resource = DockerfileReader.read(fixture);
        List<Finding> findings = new Scanner(new CheckRegistry(dockerfileChecks()), CONFIG)
                .scan(new Inventory(List.of(resource)));
        Set<String> actual = findings.stream().map(f -> f.checkId() + "@" + f.line())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(actual).as("findings: %s", findings.stream().map(Finding::message).toList())
                .isEqualTo(expectations(Files.readAllLines(fixture)));
        for (Finding f : findings) {
            assertThat(f.file()).isEqualTo(fixture.toString());
        }
    }

    /** check-id@line for each id of each expect comment, line being the next instruction line. */
    static Set<String> expectations(List<String> lines) {
        Set<String> out = new TreeSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.startsWith(EXPECT)) {
                continue;
            }
            int target = i + 1;
            while (target < lines.size() && (lines.get(target).isBlank() || lines.get(target).strip().startsWith("#"))) {
                target++;
            }
            for (String id : line.substring(EXPECT.length()).split(",")) {
                out.add(id.strip() + "@" + (target + 1));
            }
        }
        return out;
    }

    @Test
    void expectationsPointAtTheNextInstruction() {
        assertThat(expectations(List.of("FROM a", "# expect: x, y", "# other", "", "RUN b")))
                .containsExactly("x@5", "y@5");
    }
}
