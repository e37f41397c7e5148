package dev.kubeward.image.vuln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The reader on well-formed records and on hostile ones: every failure names the line and column. */
class OsvReaderTest {

    private static List<OsvRecord> read(String json, OsvReader.Counts counts) throws Exception {
        List<OsvRecord> out = new ArrayList<>();
        new OsvReader(s -> s, counts).read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out::add);
        return out;
    }

    @Test
    void keepsWhatMatchingNeeds() throws Exception {
        OsvReader.Counts c = new OsvReader.Counts();
        OsvRecord r = read(OsvFixtures.DEBIAN_CVE, c).get(0);
        assertThat(r.id()).isEqualTo("DEBIAN-CVE-2023-4911");
        assertThat(r.upstream()).containsExactly("CVE-2023-4911");
        assertThat(r.severity()).extracting(OsvRecord.Score::type).containsExactly("CVSS_V3");
        assertThat(r.affected()).singleElement().satisfies(a -> {
            assertThat(a.ecosystem()).isEqualTo("Debian:12");
            assertThat(a.ecoSeverity()).isEqualTo("medium");
            assertThat(a.versions()).hasSize(4);
            assertThat(a.ranges().get(0).events()).extracting(OsvRecord.Event::kind)
                    .containsExactly(OsvRecord.EventKind.INTRODUCED, OsvRecord.EventKind.FIXED);
        });
        assertThat(read(OsvFixtures.LOG4SHELL, c).get(0).dbSeverity()).isEqualTo("CRITICAL");
        assertThat(read("[" + OsvFixtures.LODASH + "," + OsvFixtures.WITHDRAWN + "]", c)).extracting(OsvRecord::id)
                .containsExactly("GHSA-35jh-r3h4-6jhm", "GHSA-9999-9999-9999");
        read(OsvFixtures.GIT_ONLY, c);
        assertThat(c.gitRanges).isEqualTo(1);
        assertThat(c.affectedWithoutPackage).isEqualTo(1);
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', value = {
        "''|empty file|1",
        "42|expected an OSV record|1",
        "{\"modified\": \"2024-01-01T00:00:00Z\"}|without an 'id'|1",
        "{\"id\": 7}|'id' must be a string|1",
        "{\"id\": \"X\", \"modified\": \"yesterday\"}|not an RFC 3339 timestamp|1",
        "{\"id\": \"X\", \"affected\": {}}|'affected' must be an array|1",
        "{\"id\": \"X\", \"affected\": [{\"ranges\": [{\"events\": []}]}]}|a range without a 'type'|1",
        "{\"id\": \"X\", \"affected\": [{\"ranges\": [{\"type\": \"SEMVER\", \"events\": [{\"introduced\": \"0\", \"fixed\": \"1.0.0\"}]}]}]}|not several|1",
        "{\"id\": \"X\", \"aliases\": [1]}|array of strings|1",
        "{\"id\": \"X\"} {\"id\": \"Y\"}|text after the end|1",
    })
    void hostileRecordsAreErrorsWithAPlace(String json, String message, int line) {
        assertThatThrownBy(() -> read(json, new OsvReader.Counts())).isInstanceOf(OsvFormatException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((OsvFormatException) e).line()).isEqualTo(line));
    }

    @Test
    void malformedJsonNamesItsLine() {
        assertThatThrownBy(() -> read("{\"id\": \"X\",\n\n \"summary\": \"unterminated", new OsvReader.Counts()))
                .isInstanceOf(OsvFormatException.class).hasMessageContaining("malformed JSON")
                .satisfies(e -> assertThat(((OsvFormatException) e).line()).isEqualTo(3));
    }

    @Test
    void deepNestingIsRefusedNotAStackOverflow() {
        String deep = "{\"id\": \"X\", \"details\": " + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertThatThrownBy(() -> read(deep, new OsvReader.Counts())).isInstanceOf(OsvFormatException.class)
                .hasMessageContaining("malformed JSON");
    }
}
