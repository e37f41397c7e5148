package dev.kubeward.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeward.model.InputError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditInputsTest {
    @Test
    void aDirectoryOfRotatedLogsIsReadOldestFirstWithTheLiveLogLast(@TempDir Path dir) throws IOException {
        Path logs = Files.createDirectory(dir.resolve("logs"));
        for (String f : List.of("audit.log", "audit-2026-11-30T10-00-00.000.log.gz", "audit-2026-11-29T23-59-59.999.log",
                ".hidden")) {
            Files.writeString(logs.resolve(f), "");
        }
        List<InputError> errors = new ArrayList<>();
        List<AuditInputs.Input> inputs = AuditInputs.expand(List.of("logs"), dir, false, errors);
        assertThat(errors).isEmpty();
        assertThat(inputs).extracting(AuditInputs.Input::name).containsExactly("logs/audit-2026-11-29T23-59-59.999.log",
                "logs/audit-2026-11-30T10-00-00.000.log.gz", "logs/audit.log");
    }

    @Test
    void standardInputMissingFilesAndFollow(@TempDir Path dir) throws IOException {
        List<InputError> errors = new ArrayList<>();
        assertThat(AuditInputs.expand(List.of(), dir, false, errors)).singleElement()
                .satisfies(i -> assertThat(i.path()).isNull());
        assertThat(AuditInputs.expand(List.of("nope.log"), dir, false, errors)).isEmpty();
        assertThat(errors).extracting(InputError::toString).containsExactly("nope.log: no such file");
        errors.clear();
        // tail -F waits for the followed file; only the last input is followed.
        Files.writeString(dir.resolve("old.log"), "");
        List<AuditInputs.Input> follow = AuditInputs.expand(List.of("old.log", "audit.log"), dir, true, errors);
        assertThat(errors).isEmpty();
        assertThat(follow).extracting(AuditInputs.Input::follow).containsExactly(false, true);
        AuditInputs.expand(List.of("."), dir, true, errors);
        assertThat(errors).singleElement().asString().contains("--follow follows a file, not a directory");
    }

    @Test
    void timeWindowsTakeTimesAndDurations() {
        Instant now = Instant.parse("2026-11-30T12:00:00Z");
        assertThat(TimeWindow.parse("2026-11-30T10:00:00Z", now)).isEqualTo(Instant.parse("2026-11-30T10:00:00Z"));
        assertThat(TimeWindow.parse("2026-11-30T11:00:00+01:00", now)).isEqualTo(Instant.parse("2026-11-30T10:00:00Z"));
        assertThat(TimeWindow.parse("90m", now)).isEqualTo(Instant.parse("2026-11-30T10:30:00Z"));
        assertThat(TimeWindow.parse("1h30m", now)).isEqualTo(Instant.parse("2026-11-30T10:30:00Z"));
        assertThat(TimeWindow.parse("2d", now)).isEqualTo(Instant.parse("2026-11-28T12:00:00Z"));
        for (String bad : List.of("", "yesterday", "10", "1h30", "h", "2026-11-30")) {
            assertThatThrownBy(() -> TimeWindow.parse(bad, now)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("neither an RFC 3339 time");
        }
    }

    @Test
    void theWindowIsHalfOpenAndTimelessEventsAreOutsideABoundedOne() throws IOException {
        Collected c = Collected.read("w.log", AuditLogReaderTest.event("a", "ResponseComplete") + "\n"
                + "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"auditID\":\"t\",\"stage\":\"Panic\",\"verb\":\"get\"}\n");
        AuditEvent timed = c.events.get(0);
        AuditEvent timeless = c.events.get(1);
        Instant t = Instant.parse("2026-11-30T10:00:00Z");
        assertThat(TimeWindow.ALL.contains(timeless)).isTrue();
        assertThat(new TimeWindow(t, null).contains(timed)).isTrue();
        assertThat(new TimeWindow(null, t).contains(timed)).isFalse();
        assertThat(new TimeWindow(t.minusSeconds(1), t.plusSeconds(1)).contains(timed)).isTrue();
        assertThat(new TimeWindow(t.minusSeconds(1), null).contains(timeless)).isFalse();
    }
}
