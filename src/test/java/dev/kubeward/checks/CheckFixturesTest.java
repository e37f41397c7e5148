package dev.kubeward.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.check.CheckRegistry;
import dev.kubeward.check.Config;
import dev.kubeward.check.Finding;
import dev.kubeward.check.Scanner;
import dev.kubeward.check.SignatureStatus;
import dev.kubeward.model.Inventory;
import dev.kubeward.source.LoadResult;
import dev.kubeward.source.ManifestLoader;
import dev.kubeward.source.ParsedDocument;
import dev.kubeward.source.YamlTreeBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every check fixture: {@code fixtures/checks/<check-id>/*.yaml} is scanned with that one
 * check, and its findings must be exactly the {@code # expect:} comments of the file (a fixture
 * without expectations must produce none). A {@code .kubeward.yaml} beside the fixtures
 * configures them (trusted registries, for one).
 */
class CheckFixturesTest {
    static final Path ROOT = Path.of("src/test/resources/fixtures/checks");
    private static final CheckRegistry ALL = CheckRegistry.builtIn();
    /** The day fixtures are judged on (exemption expiry), so that they never depend on the calendar. */
    static final java.time.LocalDate FIXTURE_DAY = java.time.LocalDate.parse("2026-06-01");

    static Stream<Path> fixtures() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(p -> p.toString().endsWith(".yaml") && !p.getFileName().toString().startsWith(".")
                            && !p.toString().endsWith(".kubeward.yaml"))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void fixtureFindingsAreExactlyItsExpectations(Path fixture) throws Exception {
        String checkId = fixture.getParent().getFileName().toString();
        CheckRegistry.Entry entry = ALL.find(checkId)
                .orElseThrow(() -> new AssertionError("fixture directory names no check: " + checkId));
        CheckRegistry one = new CheckRegistry(List.of(entry.check()));
        Config config = configFor(fixture, one);
        String text = Files.readString(fixture);
        LoadResult loaded = new ManifestLoader().loadText(fixture.toString(), text);
        assertThat(loaded.errors()).as("fixture must parse").isEmpty();

        List<Finding> findings = new Scanner(one, config).today(FIXTURE_DAY).signatures(signaturesFor(fixture))
                .scan(new Inventory(loaded.resources(), config.workloadKinds()));

        List<FixtureExpectations.Expected> expected = FixtureExpectations.parse(text);
        assertThat(expected).allSatisfy(e -> assertThat(e.checkId()).as("expectation names the fixture's check")
                .isEqualTo(checkId));
        List<String> actual = new ArrayList<>();
        for (Finding f : findings) {
            boolean pinsSeverity = expected.stream().anyMatch(e -> e.line() == f.line() && e.severity() != null);
            actual.add(f.checkId() + (pinsSeverity ? "@" + f.severity().label() : "") + " at line " + f.line());
        }
        assertThat(actual).as("findings of %s (messages: %s)", fixture,
                        findings.stream().map(f -> f.line() + ": " + f.message()).toList())
                .containsExactlyInAnyOrderElementsOf(expected.stream().map(FixtureExpectations.Expected::key).toList());
    }

    /** Dockerfile checks keep their fixtures beside the Dockerfile reader's (DockerfileFixturesTest). */
    static final Path DOCKERFILE_FIXTURES = Path.of("src/test/resources/dockerfile/fixtures");

    @Test
    void everyCheckHasFixturesThatFailAndPass() throws IOException {
        String dockerfileFixtures;
        try (Stream<Path> files = Files.walk(DOCKERFILE_FIXTURES)) {
            StringBuilder all = new StringBuilder();
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                all.append(Files.readString(f)).append('\n');
            }
            dockerfileFixtures = all.toString();
        }
        for (CheckRegistry.Entry e : ALL.entries()) {
            if (e.meta().category().equals("Dockerfile and manifest")) {
                // Cases of a Dockerfile with manifests: BuildJoinFixturesTest.
                continue;
            }
            if (e.meta().category().equals("Dockerfile")) {
                assertThat(dockerfileFixtures).as("Dockerfile fixtures expecting " + e.meta().id())
                        .containsPattern("# expect:[^\n]*\\b" + e.meta().id() + "\\b");
                continue;
            }
            Path dir = ROOT.resolve(e.meta().id());
            assertThat(dir).as("fixtures for " + e.meta().id()).isDirectory();
            int expectations = 0;
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".yaml") && !p.getFileName().toString().startsWith(".")
                        && !p.toString().endsWith(".kubeward.yaml")).toList()) {
                    expectations += FixtureExpectations.parse(Files.readString(f)).size();
                }
            }
            assertThat(expectations).as("expected findings in fixtures of " + e.meta().id()).isPositive();
            assertThat(Files.exists(dir.resolve("pass.yaml")))
                    .as(e.meta().id() + " needs a pass.yaml fixture where it must stay silent").isTrue();
        }
    }

    /**
     * The signature verdicts of {@code .signatures} beside the fixture (lines {@code IMAGE STATE}, STATE one of
     * verified, not-verified, unreadable, pending; the same verdict under every rule), else none: the door
     * verifies no signature, as every door but scan --images and serve.
     */
    private static SignatureStatus signaturesFor(Path fixture) throws IOException {
        Path file = fixture.resolveSibling(".signatures");
        if (!Files.exists(file)) {
            return null;
        }
        Map<String, SignatureStatus.State> states = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            states.put(f[0], SignatureStatus.State.valueOf(f[1].toUpperCase(java.util.Locale.ROOT).replace('-', '_')));
        }
        return (image, rule) -> {
            SignatureStatus.State s = states.get(image);
            if (s == null) {
                throw new AssertionError(file + " gives no verdict for " + image + " (covered by " + rule.name() + ")");
            }
            return new SignatureStatus.Verdict(s, "sha256:" + "a".repeat(64), s + " in the fixture");
        };
    }

    /** NAME.kubeward.yaml beside the fixture, else the directory's .kubeward.yaml, else the defaults. */
    private static Config configFor(Path fixture, CheckRegistry registry) throws Exception {
        String name = fixture.getFileName().toString().replaceAll("\\.yaml$", "");
        Path cfg = fixture.resolveSibling(name + ".kubeward.yaml");
        if (!Files.exists(cfg)) {
            cfg = fixture.resolveSibling(".kubeward.yaml");
        }
        if (!Files.exists(cfg)) {
            return Config.DEFAULT;
        }
        ParsedDocument doc = YamlTreeBuilder.parse(Files.readString(cfg), 1);
        return Config.parse(doc.root(), cfg.toString(), p -> doc.sourceMap().locate(doc.root(), p).line(), registry.ids());
    }
}
