package dev.kubeward.checks.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.check.CheckRegistry;
import dev.kubeward.check.Config;
import dev.kubeward.check.Finding;
import dev.kubeward.check.ImageBuild;
import dev.kubeward.check.RelatedLocation;
import dev.kubeward.check.Scanner;
import dev.kubeward.checks.FixtureExpectations;
import dev.kubeward.model.Inventory;
import dev.kubeward.model.Resource;
import dev.kubeward.source.LoadResult;
import dev.kubeward.source.ManifestLoader;
import dev.kubeward.source.ParsedDocument;
import dev.kubeward.source.YamlTreeBuilder;
import dev.kubeward.source.dockerfile.DockerfileReader;
import dev.kubeward.source.dockerfile.ImageBuilds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The checks that join a Dockerfile with the workloads running its image: each case directory
 * {@code fixtures/joins/<check-id>/<case>/} holds manifests, Dockerfiles and a {@code .kubeward.yaml}
 * whose {@code images.builds} maps them; the directory is scanned with that one check as
 * {@code kubeward scan DIR} does, and the findings must be exactly the {@code # expect:} comments
 * of its files (YAML and Dockerfiles alike). Every finding on one side must name, as its related
 * location, a line of the other side where the same check is expected.
 */
class BuildJoinFixturesTest {
    static final Path ROOT = Path.of("src/test/resources/fixtures/joins");
    static final String CATEGORY = "Dockerfile and manifest";

    static Stream<Path> cases() throws IOException {
        try (Stream<Path> dirs = Files.walk(ROOT, 2)) {
            return dirs.filter(p -> ROOT.relativize(p).getNameCount() == 2 && Files.isDirectory(p)).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void findingsAreExactlyTheExpectations(Path dir) throws Exception {
        String checkId = dir.getParent().getFileName().toString();
        CheckRegistry.Entry entry = CheckRegistry.builtIn().find(checkId)
                .orElseThrow(() -> new AssertionError("fixture directory names no check: " + checkId));
        CheckRegistry one = new CheckRegistry(List.of(entry.check()));
        Path cfgFile = dir.resolve(".kubeward.yaml");
        ParsedDocument doc = YamlTreeBuilder.parse(Files.readString(cfgFile), 1);
        Config config = Config.parse(doc.root(), cfgFile.toString(), p -> doc.sourceMap().locate(doc.root(), p).line(),
                CheckRegistry.builtIn().ids());
        assertThat(config.builds()).as("the case maps its Dockerfiles").isNotEmpty();

        LoadResult loaded = new ManifestLoader().load(List.of(dir.toString()), List.of());
        assertThat(loaded.errors()).as("fixture must parse").isEmpty();
        List<ImageBuilds.Mapping> mappings = new ArrayList<>();
        for (ImageBuild b : config.builds()) {
            mappings.add(new ImageBuilds.Mapping(dir.resolve(b.dockerfile()), b.repository(), b.file(), b.line()));
        }
        ImageBuilds.Result builds = ImageBuilds.apply(mappings, loaded.resources(), Set.of(), Path.of(""));
        assertThat(builds.configErrors()).isEmpty();
        assertThat(builds.inputErrors()).isEmpty();
        assertThat(builds.added()).as("the Dockerfiles are in the case directory, so scanned").isEmpty();
        List<Resource> all = new ArrayList<>(loaded.resources());

        List<Finding> findings = new Scanner(one, config).scan(new Inventory(all, config.workloadKinds()));

        List<String> expected = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList()) {
                for (FixtureExpectations.Expected e : FixtureExpectations.parse(Files.readString(f))) {
                    assertThat(e.checkId()).as("expectation in %s names the case's check", f).isEqualTo(checkId);
                    expected.add(f.getFileName() + ":" + e.line());
                }
            }
        }
        List<String> actual = findings.stream().map(f -> Path.of(f.file()).getFileName() + ":" + f.line()).toList();
        assertThat(actual).as("findings of %s: %s", dir, findings.stream().map(f -> f.file() + ":" + f.line() + ": "
                        + f.message()).toList())
                .containsExactlyInAnyOrderElementsOf(expected);
        for (Finding f : findings) {
            assertThat(f.related()).as("one related location: %s", f.message()).hasSize(1);
            RelatedLocation other = f.related().get(0);
            boolean toDockerfile = !DockerfileReader.isDockerfileName(Path.of(f.file()));
            assertThat(DockerfileReader.isDockerfileName(Path.of(other.file()))).as("the other side of %s", f.message())
                    .isEqualTo(toDockerfile);
            assertThat(expected).as("the related location of %s is expected too", f.message())
                    .contains(Path.of(other.file()).getFileName() + ":" + other.line());
        }
    }

    @Test
    void everyJoinCheckHasFailingAndPassingCases() {
        List<CheckRegistry.Entry> joins = CheckRegistry.builtIn().entries().stream()
                .filter(e -> e.meta().category().equals(CATEGORY)).toList();
        assertThat(joins).hasSizeGreaterThanOrEqualTo(4);
        for (CheckRegistry.Entry e : joins) {
            assertThat(ROOT.resolve(e.meta().id()).resolve("pass")).as("a pass case of " + e.meta().id()).isDirectory();
            assertThat(ROOT.resolve(e.meta().id()).resolve("fail")).as("a fail case of " + e.meta().id()).isDirectory();
        }
    }
}
