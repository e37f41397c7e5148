package dev.kubeward.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.audit.AuditLevel;
import dev.kubeward.check.CheckRegistry;
import dev.kubeward.check.Config;
import dev.kubeward.source.ParsedDocument;
import dev.kubeward.source.YamlTreeBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every detection fixture: {@code runtime/detections/<id>/*.jsonl} is audit events as JSON
 * lines, with {@code # } comment lines between them; {@code # expect: id} (or {@code id/check-id}
 * for an object rule's finding, comma-separated for several) says the next event line alerts.
 * The alerts of the file's detection alone must be exactly its expectations. A
 * {@code .kubeward.yaml} beside the fixtures configures them.
 */
class DetectionFixturesTest {
    static final Path ROOT = Path.of("src/test/resources/runtime/detections");
    private static final Pattern EXPECT = Pattern.compile("^#\\s*expect:\\s*(.+)$");

    static Stream<Path> fixtures() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList().stream();
        }
    }

    /** The expectations of a fixture, as "id at line N", and its text with comments blanked (lines kept). */
    record Parsed(List<String> expected, String events) {}

    static Parsed parse(String text) {
        List<String> expected = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        StringBuilder events = new StringBuilder();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("#")) {
                Matcher m = EXPECT.matcher(line);
                if (m.find()) {
                    for (String id : m.group(1).split(",")) {
                        pending.add(id.strip());
                    }
                }
                events.append('\n');
                continue;
            }
            if (!line.isBlank()) {
                for (String id : pending) {
                    expected.add(id + " at line " + (i + 1));
                }
                pending.clear();
            }
            events.append(line).append('\n');
        }
        assertThat(pending).as("'# expect:' with no event after it").isEmpty();
        return new Parsed(expected, events.toString());
    }

    static DetectionContext contextFor(Path fixture) throws Exception {
        Path cfg = fixture.resolveSibling(".kubeward.yaml");
        if (!Files.exists(cfg)) {
            return DetectionContext.defaults();
        }
        ParsedDocument doc = YamlTreeBuilder.parse(Files.readString(cfg), 1);
        Set<String> checkIds = CheckRegistry.builtIn().ids();
        Config config = Config.parse(doc.root(), cfg.toString(), p -> doc.sourceMap().locate(doc.root(), p).line(), checkIds);
        RuntimeConfig runtime = RuntimeConfig.parse(doc.root().get("runtime"), cfg.toString(),
                p -> doc.sourceMap().locate(doc.root(), p).line(), Detections.ids(), checkIds);
        return new DetectionContext(runtime, config, CheckRegistry.builtIn());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void fixtureAlertsAreExactlyItsExpectations(Path fixture) throws Exception {
        String id = fixture.getParent().getFileName().toString();
        Detection detection = Detections.builtIn().stream().filter(d -> DetectionMeta.of(d.getClass()).id().equals(id))
                .findFirst().orElseThrow(() -> new AssertionError("fixture directory names no detection: " + id));
        Parsed parsed = parse(Files.readString(fixture));
        List<Alert> alerts = new ArrayList<>();
        DetectionEngine engine = new DetectionEngine(List.of(detection), contextFor(fixture), alerts::add);
        Collected read = Collected.read(fixture.toString(), parsed.events());
        assertThat(read.errors).as("fixture events must read").isEmpty();
        read.events.forEach(engine::accept);
        List<String> actual = alerts.stream().map(a -> a.detection().id() + (a.finding() == null ? "" : "/" + a.finding().checkId())
                + " at line " + a.event().line()).toList();
        assertThat(actual).as("alerts of %s (messages: %s)", fixture, alerts.stream().map(Alert::message).toList())
                .containsExactlyInAnyOrderElementsOf(parsed.expected());
        for (Alert a : alerts) {
            assertThat(a.message()).isNotBlank();
        }
    }

    @Test
    void everyDetectionHasFixturesThatFireAndPassAtEveryLevel() throws IOException {
        for (DetectionMeta meta : Detections.metas()) {
            Path dir = ROOT.resolve(meta.id());
            assertThat(dir.resolve("fire.jsonl")).as("fixtures of " + meta.id()).exists();
            assertThat(dir.resolve("pass.jsonl")).as("pass fixture of " + meta.id()).exists();
            assertThat(parse(Files.readString(dir.resolve("fire.jsonl"))).expected()).as(meta.id() + " fires").isNotEmpty();
            assertThat(parse(Files.readString(dir.resolve("pass.jsonl"))).expected()).as(meta.id() + " pass.jsonl").isEmpty();
            EnumSet<AuditLevel> levels = EnumSet.noneOf(AuditLevel.class);
            for (String f : List.of("fire.jsonl", "pass.jsonl")) {
                Collected c = Collected.read(f, parse(Files.readString(dir.resolve(f))).events());
                c.events.forEach(e -> levels.add(e.level()));
            }
            assertThat(levels).as("levels of the events in the fixtures of " + meta.id())
                    .containsAll(List.of(AuditLevel.METADATA, AuditLevel.REQUEST, AuditLevel.REQUEST_RESPONSE));
        }
    }
}
