package dev.kubeward.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.cli.CliRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The registry, its metadata and the generated documentation stay in step with the code. */
class CheckCatalogTest {
    private final CheckRegistry registry = CheckRegistry.builtIn();

    @Test
    void everyAnnotatedCheckClassIsRegistered() throws IOException {
        Set<String> annotated = new TreeSet<>();
        Path root = Path.of("src/main/java");
        try (Stream<Path> files = Files.walk(root.resolve("dev/kubeward/checks"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                if (Files.readString(f).contains("\n@CheckInfo(")) {
                    annotated.add(root.relativize(f).toString().replace('/', '.').replaceAll("\\.java$", ""));
                }
            }
        }
        Set<String> registered = registry.entries().stream().map(e -> e.check().getClass().getName())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(registered).isEqualTo(annotated);
    }

    @Test
    void metadataIsComplete() {
        for (CheckRegistry.Entry e : registry.entries()) {
            CheckMeta m = e.meta();
            assertThat(List.of(m.title(), m.category(), m.description(), m.rationale(), m.remediation()))
                    .as(m.id()).allSatisfy(s -> assertThat(s).isNotBlank());
            assertThat(m.description()).as(m.id() + " description ends a sentence").endsWith(".");
            m.frameworks().cis().forEach(c -> assertThat(c).as(m.id()).matches("[1-5](\\.\\d+){1,3}"));
            m.frameworks().mitre().forEach(t -> assertThat(t).as(m.id()).matches("T\\d{4}(\\.\\d{3})?"));
        }
    }

    @Test
    void checksDocumentIsGeneratedFromTheRegistry() throws IOException {
        String generated = CliRunner.run("checks", "--format", "markdown").out();
        assertThat(Files.readString(Path.of("docs/checks.md")))
                .as("docs/checks.md is stale: run ./kubeward checks --format markdown > docs/checks.md")
                .isEqualTo(generated);
    }
}
